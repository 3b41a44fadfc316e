import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import type { Runtime } from '../../src/runtime.ts'
import { importJourney } from '../../src/services/journeys.ts'
import { chTime, type CustomerTraitsRow, type EventRow } from '../../src/storage/events/rows.ts'
import { signIn, startTestApp, userWithRole } from '../support/app.ts'
import { eventRow } from '../support/event-store.ts'

/**
 * Funnel breakdowns (channel, trait, value tier) and the customers behind a
 * funnel figure, on a dozen hand-written customers whose answers are known,
 * through the HTTP API. A second workspace holds the same customer ids with
 * other traits and events: nothing of it may count.
 */
const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = Date.UTC(2026, 0, 5, 9)

const journey: JourneyDocument = {
  format: 'waymark.journey/v1',
  name: 'Shop',
  stages: [
    {
      key: 'shop',
      name: 'Shop',
      steps: ['view', 'cart', 'pay', 'help'].map((key) => ({ key, name: key, match: [{ event: key }] })),
    },
  ],
}

/**
 * Each customer: plan trait ('' none), channel of every event, revenue on the first event, and the path as
 * (step, hours after start). Value tiers among the ten paying customers (5, eight of 100, 1000): the 20th and
 * 80th percentiles are both 100, so l1 is low, h1 high, m1–m8 mid; z1 and z2 pay nothing (no tier).
 */
const CUSTOMERS: Array<{ id: string; plan: string; channel: string; revenue: number; path: Array<[string, number]> }> = [
  { id: 'h1', plan: 'gold', channel: 'app', revenue: 1000, path: [['view', 0], ['cart', 1], ['pay', 3]] },
  { id: 'l1', plan: 'basic', channel: 'web', revenue: 5, path: [['view', 0], ['help', 1]] },
  { id: 'm1', plan: 'gold', channel: 'app', revenue: 100, path: [['view', 0], ['cart', 1], ['pay', 3]] },
  { id: 'm2', plan: 'gold', channel: 'app', revenue: 100, path: [['view', 0], ['cart', 1], ['pay', 3]] },
  { id: 'm3', plan: 'gold', channel: 'app', revenue: 100, path: [['view', 0], ['cart', 1], ['pay', 3]] },
  { id: 'm4', plan: 'gold', channel: 'app', revenue: 100, path: [['view', 0], ['cart', 1], ['help', 2]] },
  { id: 'm5', plan: 'basic', channel: 'web', revenue: 100, path: [['view', 0], ['cart', 1], ['pay', 3]] },
  { id: 'm6', plan: 'basic', channel: 'web', revenue: 100, path: [['view', 0]] },
  // The cart comes 40 days later: outside the 30-day window, so m7 stops after view and does `cart` next.
  { id: 'm7', plan: 'basic', channel: 'web', revenue: 100, path: [['view', 0], ['cart', 40 * 24]] },
  { id: 'm8', plan: '', channel: 'web', revenue: 100, path: [['view', 0], ['cart', 1], ['pay', 3]] },
  { id: 'z1', plan: 'basic', channel: 'web', revenue: 0, path: [['view', 0], ['cart', 1]] },
  // The cart before the view: an ordered funnel sees only the view.
  { id: 'z2', plan: '', channel: 'web', revenue: 0, path: [['cart', 0], ['view', 1]] },
]

function rowsOf(workspaceId: string, customers: typeof CUSTOMERS): { events: EventRow[]; traits: CustomerTraitsRow[] } {
  let n = 0
  const events = customers.flatMap((c, i) =>
    c.path.map(([event, hours], j) =>
      eventRow({
        workspace_id: workspaceId,
        event_id: `${workspaceId}-${++n}`,
        customer_id: c.id,
        user_id: c.id,
        ts: chTime(new Date(T0 + i * DAY + hours * HOUR)),
        seq: n,
        event,
        channel: c.channel,
        revenue: j === 0 && c.revenue ? c.revenue : null,
      }),
    ),
  )
  const traits = customers
    .filter((c) => c.plan)
    .map((c) => ({ workspace_id: workspaceId, customer_id: c.id, ts: chTime(new Date(T0)), traits: { plan: c.plan }, source: 'test', event_id: `${workspaceId}-t-${c.id}` }))
  return { events, traits }
}

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let headers: Record<string, string>
let base: string
let otherBase: string

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  const viewer = await userWithRole(rt, 'shop', 'viewer', 'viewer@example.com')
  await userWithRole(rt, 'elsewhere', 'owner', 'owner@example.com')
  const ws = (await rt.repos.workspaces.find('shop'))!
  const other = (await rt.repos.workspaces.find('elsewhere'))!
  const id = (await importJourney({ repos: rt.repos, workspaceId: ws.id, userId: null }, journey)).journey.id
  const otherId = (await importJourney({ repos: rt.repos, workspaceId: other.id, userId: null }, journey)).journey.id
  const mine = rowsOf(ws.id, CUSTOMERS)
  // Elsewhere: the same ids, everybody gold on the phone and paying, and a customer of its own.
  const theirs = rowsOf(other.id, [...CUSTOMERS.map((c) => ({ ...c, plan: 'gold', channel: 'phone', revenue: 7, path: [['view', 0], ['cart', 1], ['pay', 2]] as Array<[string, number]> })), { id: 'x1', plan: 'gold', channel: 'phone', revenue: 9999, path: [['view', 0]] }])
  await rt.events.insert('events', [...mine.events, ...theirs.events])
  await rt.events.insert('customers', [...mine.traits, ...theirs.traits])
  headers = { cookie: (await signIn(app, viewer.email, viewer.password)).cookie }
  base = `/api/workspaces/shop/journeys/${id}`
  otherBase = `/api/workspaces/elsewhere/journeys/${otherId}`
}, 120_000)
afterAll(() => close())

async function get(url: string) {
  const res = await app.inject({ url, headers })
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200)
  return res.json()
}

const FUNNEL = 'steps=view,cart,pay&window=720'
type Group = { value: string; customers: number[]; medianHoursFromPrevious: Array<number | null> }
const groups = (breakdown: Group[]) => Object.fromEntries(breakdown.map((g) => [g.value, g.customers]))

describe('a funnel broken down', () => {
  it('without a breakdown: customers per step, the drop-outs and what they did next', async () => {
    const funnel = await get(`${base}/funnel?${FUNNEL}`)
    expect(funnel.steps.map((s: { customers: number }) => s.customers)).toEqual([12, 8, 6])
    expect(funnel.steps.map((s: { medianHoursFromPrevious: number | null }) => s.medianHoursFromPrevious)).toEqual([null, 1, 2])
    expect(funnel.breakdown).toEqual([])
    expect(funnel.dropOffNext).toEqual([
      { after: 'view', next: [{ name: '(left)', customers: 2 }, { name: 'cart', customers: 1 }, { name: 'help', customers: 1 }] },
      { after: 'cart', next: [{ name: '(left)', customers: 1 }, { name: 'help', customers: 1 }] },
    ])
  })

  it('by channel of the first step', async () => {
    const funnel = await get(`${base}/funnel?${FUNNEL}&breakdown=channel`)
    expect(groups(funnel.breakdown)).toEqual({ app: [5, 5, 4], web: [7, 3, 2] })
    expect(funnel.breakdown[0].value).toBe('web') // the largest group first
  })

  it("by a trait: each customer's own value, those without it as ''", async () => {
    const funnel = await get(`${base}/funnel?${FUNNEL}&breakdown=trait:plan`)
    expect(groups(funnel.breakdown)).toEqual({ gold: [5, 5, 4], basic: [5, 2, 1], '': [2, 1, 1] })
    expect(funnel.breakdown.find((g: Group) => g.value === 'gold').medianHoursFromPrevious).toEqual([null, 1, 2])
    expect(funnel.breakdown.find((g: Group) => g.value === 'basic').medianHoursFromPrevious).toEqual([null, 1, 2])
  })

  it('by value tier: paying customers by revenue in scope (high above the 80th percentile, low below the 20th)', async () => {
    const funnel = await get(`${base}/funnel?${FUNNEL}&breakdown=valueTier`)
    expect(groups(funnel.breakdown)).toEqual({ mid: [8, 6, 5], '': [2, 1, 0], high: [1, 1, 1], low: [1, 0, 0] })
  })

  it('control: a breakdown changes no total, and its groups add up to them', async () => {
    const plain = await get(`${base}/funnel?${FUNNEL}`)
    for (const breakdown of ['channel', 'trait:plan', 'valueTier', 'trait:nobody_has_this']) {
      const funnel = await get(`${base}/funnel?${FUNNEL}&breakdown=${breakdown}`)
      expect(funnel.steps, breakdown).toEqual(plain.steps)
      const sums = plain.steps.map((_: unknown, i: number) => funnel.breakdown.reduce((sum: number, g: Group) => sum + g.customers[i]!, 0))
      expect(sums, breakdown).toEqual([12, 8, 6])
    }
    expect(groups((await get(`${base}/funnel?${FUNNEL}&breakdown=trait:nobody_has_this`)).breakdown)).toEqual({ '': [12, 8, 6] })
    // The other workspace, the same ids: its own answers (all on the phone, all gold, all converting), not ours.
    const ownerHeaders = { cookie: (await signIn(app, 'owner@example.com', 'correct horse battery')).cookie }
    const theirs = (await app.inject({ url: `${otherBase}/funnel?${FUNNEL}&breakdown=trait:plan`, headers: ownerHeaders })).json()
    expect(groups(theirs.breakdown)).toEqual({ gold: [13, 12, 12] })
  })

  it('refuses an unknown breakdown with a problem that says why', async () => {
    const res = await app.inject({ url: `${base}/funnel?${FUNNEL}&breakdown=weather`, headers })
    expect(res.statusCode).toBe(400)
  })
})

describe('the customers behind a funnel figure', () => {
  it('drop-outs after a step, most valuable first (a customer who has not paid counts at the mean revenue of payers)', async () => {
    const dropped = await get(`${base}/funnel/customers?${FUNNEL}&at=1&outcome=dropped`)
    expect(dropped.total).toBe(4)
    // z2 has paid nothing: worth the mean of payers, (5 + 8 × 100 + 1000) / 10 = 180.5.
    expect(dropped.customers).toEqual([
      { customer: 'z2', value: 180.5, stepsReached: 1, next: '(left)' },
      { customer: 'm6', value: 100, stepsReached: 1, next: '(left)' },
      { customer: 'm7', value: 100, stepsReached: 1, next: 'cart' },
      { customer: 'l1', value: 5, stepsReached: 1, next: 'help' },
    ])
  })

  it('drop-outs who did a given step next, or nothing', async () => {
    expect((await get(`${base}/funnel/customers?${FUNNEL}&at=1&outcome=dropped&next=cart`)).customers.map((c: { customer: string }) => c.customer)).toEqual(['m7'])
    expect((await get(`${base}/funnel/customers?${FUNNEL}&at=1&outcome=dropped&next=(left)`)).customers.map((c: { customer: string }) => c.customer)).toEqual(['z2', 'm6'])
    expect((await get(`${base}/funnel/customers?${FUNNEL}&at=2&outcome=dropped`)).customers.map((c: { customer: string }) => c.customer)).toEqual(['z1', 'm4'])
  })

  it('who reached a step, in one breakdown group, with a limit', async () => {
    const gold = await get(`${base}/funnel/customers?${FUNNEL}&breakdown=trait:plan&group=gold&at=2&limit=2`)
    expect(gold.total).toBe(5)
    expect(gold.customers.map((c: { customer: string }) => c.customer)).toEqual(['h1', 'm1'])
    const none = await get(`${base}/funnel/customers?${FUNNEL}&breakdown=trait:plan&group=&at=1`)
    expect(none.customers.map((c: { customer: string }) => c.customer).sort()).toEqual(['m8', 'z2'])
    const done = await get(`${base}/funnel/customers?${FUNNEL}&breakdown=valueTier&group=high&at=3`)
    expect(done.customers).toEqual([{ customer: 'h1', value: 1000, stepsReached: 3, next: null }])
    const all = await get(`${base}/funnel/customers?${FUNNEL}&at=1&limit=100`)
    expect(all.total).toBe(12)
    expect(all.customers.map((c: { customer: string }) => c.customer)).not.toContain('x1')
  })

  it('refuses what cannot be answered, and another workspace', async () => {
    for (const query of ['at=3&outcome=dropped', 'at=4', 'at=1&next=cart', 'at=1&group=gold', 'at=1&outcome=dropped&next=nowhere']) {
      const res = await app.inject({ url: `${base}/funnel/customers?${FUNNEL}&${query}`, headers })
      expect(res.statusCode, query).toBe(400)
    }
    const res = await app.inject({ url: `${otherBase}/funnel/customers?${FUNNEL}&at=1`, headers })
    expect([403, 404]).toContain(res.statusCode)
  })
})
