import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JourneyBrief } from '../../src/services/journey-brief.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { signIn, startTestApp, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let owner: Session
let demoBase: string

const HOUR = 3_600_000
const T0 = Date.UTC(2026, 0, 5, 9)
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString()

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  const { user } = await createUserInWorkspace(rt.repos, { email: 'o@example.com', password: 'password-1', workspace: 'lab', role: 'owner' })
  await createDemo(rt, { customers: 1200, seed: 5 })
  await rt.repos.workspaces.setMember((await rt.repos.workspaces.find('demo'))!.id, user.id, 'owner')
  owner = await signIn(app, 'o@example.com', 'password-1')
  const journeyId = (await app.inject({ url: '/api/workspaces/demo/journeys', headers: { cookie: owner.cookie } })).json()[0].id
  demoBase = `/api/workspaces/demo/journeys/${journeyId}`
}, 240_000)
afterAll(() => close())

const headers = () => ({ cookie: owner.cookie, 'x-csrf-token': owner.csrf })
async function brief(base: string, query = ''): Promise<JourneyBrief> {
  const res = await app.inject({ url: `${base}/brief${query}`, headers: headers() })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const sql = <T>(query: string, params: Record<string, unknown>) => rt.events.query<T>(query, params)

describe('the journey brief on the demo data', () => {
  it('shows the share of "online within 3 days" that a hand-written query over the events finds', async () => {
    const b = await brief(demoBase)
    const online = b.outcomes.find((o) => o.text === 'online within 3 days of moving')!
    expect(online.measure).toEqual({ kind: 'within', from: 'order_confirmed', to: 'router_activated', hours: 72 })
    const ws = (await rt.repos.workspaces.find('demo'))!.id
    // Independent of the paths code: each customer's first order confirmation, and whether a router activation follows within 72 hours.
    const [hand] = await sql<{ eligible: string; met: string }>(
      `SELECT count() AS eligible, countIf(arrayExists(t -> t >= first AND t <= first + INTERVAL 72 HOUR, activations)) AS met
       FROM (SELECT customer_id,
                    minIf(ts, event = 'email_sent' AND properties['template'] = 'order_confirmation') AS first,
                    groupArrayIf(ts, event = 'router_activated') AS activations
             FROM events FINAL WHERE workspace_id = {ws:String}
             GROUP BY customer_id
             HAVING countIf(event = 'email_sent' AND properties['template'] = 'order_confirmation') > 0)`,
      { ws },
    )
    expect(online.now).toEqual({ eligible: Number(hand!.eligible), met: Number(hand!.met), pending: 0, share: Number(hand!.met) / Number(hand!.eligible) })
    // A technician comes 1–4 days after booking, and the repeat-contact loop delays a fifth more: the stage's promise is mostly broken.
    expect(online.now!.share).toBeGreaterThan(0.05)
    expect(online.now!.share).toBeLessThan(0.6)
    // Without a period there is nothing to compare with.
    expect(online.before).toBeNull()
    expect(online.trend).toBeNull()
    // Only the persona names "first bill as quoted": listed, not measured.
    expect(b.outcomes.find((o) => o.text === 'first bill as quoted')).toEqual({ text: 'first bill as quoted', measure: null, now: null, before: null, trend: null })
  })

  it('measures "no call to support" against the touchpoint figures, a bound score against the raw answers, and trends against the previous period', async () => {
    const journey = (await app.inject({ url: demoBase, headers: headers() })).json()
    const doc = {
      ...journey.document,
      outcomes: [...journey.document.outcomes, { text: 'a technician visit worth the wait', measure: { kind: 'score', step: 'technician_visit', scoreKind: 'csat', min: 4 } }],
    }
    const saved = await app.inject({ method: 'PUT', url: demoBase, headers: headers(), payload: { version: journey.version, document: doc } })
    expect(saved.statusCode, saved.body).toBe(200)
    const period = '?from=2026-07-01T00:00:00Z&to=2026-08-01T00:00:00Z'
    const b = await brief(demoBase, period)
    const tp = (await app.inject({ url: `${demoBase}/touchpoints${period}`, headers: headers() })).json()
    const supportCalls = tp.touchpoints.find((t: { step: string }) => t.step === 'support_call').customers
    const noCall = b.outcomes.find((o) => o.text === 'no call to support needed')!
    expect(noCall.now).toMatchObject({ eligible: tp.customers, met: tp.customers - supportCalls })
    expect(b.customers).toBe(tp.customers)

    const ws = (await rt.repos.workspaces.find('demo'))!.id
    const [hand] = await sql<{ eligible: string; met: string }>(
      `SELECT count() AS eligible, countIf(latest >= 4) AS met
       FROM (SELECT customer_id, argMax(score, ts) AS latest FROM events FINAL
             WHERE workspace_id = {ws:String} AND touchpoint = 'technician_visit' AND score_kind = 'csat'
               AND ts >= '2026-07-01 00:00:00' AND ts < '2026-08-01 00:00:00'
             GROUP BY customer_id)`,
      { ws },
    )
    const visit = b.outcomes.find((o) => o.text === 'a technician visit worth the wait')!
    expect(visit.now).toMatchObject({ eligible: Number(hand!.eligible), met: Number(hand!.met) })
    expect(visit.now!.eligible).toBeGreaterThan(50)
    // A score's customers behind its share: those whose latest answer is at least the minimum, and the others.
    const scored = async (which: string) =>
      (await app.inject({ url: `${demoBase}/brief/customers${period}&${new URLSearchParams({ outcome: 'a technician visit worth the wait', which, limit: '10000' })}`, headers: headers() })).json().total
    expect(await scored('met')).toBe(visit.now!.met)
    expect(await scored('unmet')).toBe(visit.now!.eligible - visit.now!.met)

    // The trend is the share now against the same measure over June.
    expect(b.previousPeriod).toEqual({ from: '2026-05-31T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' })
    const june = await brief(demoBase, '?from=2026-05-31T00:00:00Z&to=2026-07-01T00:00:00Z')
    for (const o of b.outcomes.filter((x) => x.measure)) {
      const then = june.outcomes.find((x) => x.text === o.text)!.now!
      expect(o.before, o.text).toEqual(then)
      expect(o.trend).toBeCloseTo(o.now!.share! - then.share!, 12)
    }

    // Channels hired: the journey's own channels, as shares of its customers; touchpoints by reach; red points and drivers from the map's analysis.
    expect(b.channels.map((c) => c.channel)).toEqual(expect.arrayContaining(['web', 'email', 'app', 'phone', 'field']))
    for (const c of b.channels) expect(c.share).toBeCloseTo(c.customers / tp.customers, 12)
    expect(b.channels[0]!.channel).toBe('web')
    expect(b.touchpoints.map((t) => t.reach)).toEqual(tp.touchpoints.map((t: { reach: number }) => t.reach).sort((x: number, y: number) => y - x))
    const map = (await app.inject({ url: `${demoBase}/map${period}`, headers: headers() })).json()
    expect(b.redPoints).toEqual(map.analysis.redPoints)
    expect(b.drivers.length).toBeGreaterThan(0)
  })
})

describe('outcome shares on planted paths', () => {
  // Six customers order; four of them are online within 2 days, one after 5 days, one ordered an hour before the data ends.
  const events = [
    ...['a', 'b', 'c', 'd'].flatMap((c, i) => [
      { customerId: c, event: 'ordered', timestamp: at(i), channel: 'web' },
      { customerId: c, event: 'online', timestamp: at(i + 30), channel: 'app' },
    ]),
    { customerId: 'late', event: 'ordered', timestamp: at(1), channel: 'web' },
    { customerId: 'late', event: 'online', timestamp: at(1 + 120), channel: 'app' },
    // Online before ordering does not count: only a `to` after the first `from`.
    { customerId: 'early', event: 'online', timestamp: at(0), channel: 'app' },
    { customerId: 'early', event: 'ordered', timestamp: at(2), channel: 'web' },
    { customerId: 'pending', event: 'ordered', timestamp: at(199), channel: 'web' },
    { customerId: 'browser', event: 'visited', timestamp: at(200), channel: 'web' },
  ]
  const journey = (outcomes: unknown[]) => ({
    format: 'waymark.journey/v1',
    name: `Lab ${outcomes.length}`,
    stages: [{ key: 's', name: 'S', steps: [{ key: 'visited', name: 'Visited' }, { key: 'ordered', name: 'Ordered' }, { key: 'online', name: 'Online' }] }],
    outcomes,
  })

  it('counts met, not met and pending customers exactly, and a control where every customer meets the outcome', async () => {
    const sent = await app.inject({ method: 'POST', url: '/api/workspaces/lab/events', headers: headers(), payload: { events } })
    expect(sent.statusCode, sent.body).toBe(200)
    const created = await app.inject({
      method: 'POST',
      url: '/api/workspaces/lab/journeys',
      headers: headers(),
      payload: journey([
        { text: 'online within 2 days', measure: { kind: 'within', from: 'ordered', to: 'online', hours: 48 } },
        { text: 'online at all', measure: { kind: 'within', from: 'ordered', to: 'online', hours: 24 * 365 } },
        { text: 'orders', measure: { kind: 'reach', step: 'ordered' } },
        { text: 'never just browses', measure: { kind: 'avoid', step: 'visited' } },
      ]),
    })
    expect(created.statusCode, created.body).toBe(201)
    const b = await brief(`/api/workspaces/lab/journeys/${created.json().id}`)
    const [within, atAll, orders, browses] = b.outcomes.map((o) => o.now)
    // a–d met; late and early not; pending ordered an hour before the last event, so its 48 hours have not run out.
    expect(within).toEqual({ eligible: 6, met: 4, pending: 1, share: 4 / 6 })
    // Control: with a year to get online, every customer whose year has run out met it; early (online only before ordering) and pending still wait.
    expect(atAll).toEqual({ eligible: 5, met: 5, pending: 2, share: 1 })
    expect(orders).toEqual({ eligible: 8, met: 7, pending: 0, share: 7 / 8 })
    expect(browses).toEqual({ eligible: 8, met: 7, pending: 0, share: 7 / 8 })
    expect(b.channels).toEqual([
      { channel: 'web', customers: 8, share: 1 },
      { channel: 'app', customers: 6, share: 6 / 8 },
    ])

    // The customers behind each figure: exactly those the shares count.
    const who = async (outcome: string, which: string) => {
      const res = await app.inject({ url: `/api/workspaces/lab/journeys/${created.json().id}/brief/customers?${new URLSearchParams({ outcome, which })}`, headers: headers() })
      expect(res.statusCode, res.body).toBe(200)
      const list = res.json() as { total: number; customers: Array<{ customer: string }> }
      expect(list.customers).toHaveLength(list.total)
      return list.customers.map((c) => c.customer).sort()
    }
    expect(await who('online within 2 days', 'met')).toEqual(['a', 'b', 'c', 'd'])
    expect(await who('online within 2 days', 'unmet')).toEqual(['early', 'late'])
    expect(await who('online within 2 days', 'pending')).toEqual(['pending'])
    expect(await who('never just browses', 'unmet')).toEqual(['browser'])
    const unbound = await app.inject({ url: `/api/workspaces/lab/journeys/${created.json().id}/brief/customers?outcome=nothing`, headers: headers() })
    expect(unbound.statusCode).toBe(400)
    expect(unbound.json().detail).toMatch(/no desired outcome "nothing" bound to a measure/)
  })

  it('refuses a measure on a step the journey does not have, naming it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/workspaces/lab/journeys',
      headers: headers(),
      payload: journey([{ text: 'x', measure: { kind: 'reach', step: 'paid' } }]),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'outcomes[0].measure.step', message: 'unknown step "paid"' }])
  })
})
