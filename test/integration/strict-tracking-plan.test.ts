import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stepMatcher } from '../../src/analytics/step-matcher.ts'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import { trackingPlanCovers, type PlannedEvent } from '../../src/domain/journey/tracking-plan.ts'
import type { Runtime } from '../../src/runtime.ts'
import { expectProblem, signIn, startTestApp, userWithRole, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let owner: Session
let editor: Session
let writeKey: string

const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })
const basic = () => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
const track = (event: string, extra: Record<string, unknown> = {}) => ({ type: 'track', userId: 'u1', event, ...extra })
const send = (batch: unknown[]) => app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basic() }, payload: { batch } })

const journey = {
  format: 'waymark.journey/v1',
  name: 'Broadband',
  stages: [
    {
      key: 'buy',
      name: 'Buy',
      steps: [
        { key: 'compare', name: 'Compare plans', channel: 'web', match: [{ event: ['plan_compared', 'Plan Compared'] }] },
        { key: 'order', name: 'Order', channel: 'web', match: [{ event: 'order_started', channel: 'web' }] },
        { key: 'call', name: 'Sales call', channel: 'phone', match: [{ event: 'call_started', where: { queue: ['sales', 'upgrade'] } }] },
      ],
    },
  ],
}

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  owner = await signIn(app, ...(Object.values(await userWithRole(rt, 'shop', 'owner', 'o@example.com')) as [string, string]))
  editor = await signIn(app, ...(Object.values(await userWithRole(rt, 'shop', 'editor', 'e@example.com')) as [string, string]))
  const ws = (await rt.repos.workspaces.find('shop'))!
  writeKey = (await rt.repos.apiKeys.create({ workspaceId: ws.id, kind: 'write', name: 'site' })).secret
  const created = await app.inject({ method: 'POST', url: '/api/workspaces/shop/journeys', headers: as(editor), payload: journey })
  expect(created.statusCode).toBe(201)
})
afterAll(() => close())

describe('strict tracking plan', () => {
  it('is off by default: every event is stored unflagged', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/workspaces/shop', headers: as(owner) })).json()).toMatchObject({ strictTrackingPlan: false })
    const res = await send([track('mystery_event')])
    expect(res.json()).toEqual({ success: true, stored: 1, quarantined: 0 })
  })

  it('can be switched on by an owner only', async () => {
    expectProblem(await app.inject({ method: 'PATCH', url: '/api/workspaces/shop', headers: as(editor), payload: { strictTrackingPlan: true } }), 403)
    const res = await app.inject({ method: 'PATCH', url: '/api/workspaces/shop', headers: as(owner), payload: { strictTrackingPlan: true } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ slug: 'shop', strictTrackingPlan: true })
    const renamed = await app.inject({ method: 'PATCH', url: '/api/workspaces/shop', headers: as(owner), payload: { name: 'Shop' } })
    expect(renamed.json()).toMatchObject({ name: 'Shop', strictTrackingPlan: true })
  })

  it('stores events outside the plan, flags them, and says which in the answer', async () => {
    const res = await send([
      track('plan_compared'),
      track('order_started', { context: { channel: 'web' } }),
      track('order_started', { context: { channel: 'app' } }), // the rule wants web
      track('call_started', { properties: { queue: 'sales' } }),
      track('call_started', { properties: { queue: 'billing' } }), // not a planned queue
      track('Survey Answered', { properties: { kind: 'nps', score: 3 } }), // feedback is always in the plan
      track('mystery_event'),
    ])
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ success: true, stored: 7, quarantined: 0, offPlan: 3 })
    expect(body.warnings.map((w: { index: number }) => w.index)).toEqual([2, 4, 6])
    expect(body.warnings[2].reason).toMatch(/"mystery_event" on channel other is mapped by no journey/)

    const stats = (await app.inject({ method: 'GET', url: '/api/workspaces/shop/stats', headers: as(owner) })).json()
    expect(stats).toMatchObject({ events: 8, offPlan: 3 })
    const listed = (await app.inject({ method: 'GET', url: '/api/workspaces/shop/off-plan-events', headers: as(owner) })).json()
    expect(listed.map((r: { event: string; channel: string; events: number }) => [r.event, r.channel, r.events])).toEqual([
      ["call_started", "other", 1],
      ["mystery_event", "other", 1],
      ['order_started', 'app', 1],
    ])
  })

  it('follows the map: an event added to a journey is in the plan at once', async () => {
    const [j] = await rt.repos.journeys.list((await rt.repos.workspaces.find('shop'))!.id)
    const doc = structuredClone(j!.document)
    doc.stages[0]!.steps.push({ key: 'mystery', name: 'Mystery', match: [{ event: 'mystery_event' }] } as never)
    const saved = await app.inject({ method: 'PUT', url: `/api/workspaces/shop/journeys/${j!.id}`, headers: as(editor), payload: { version: j!.version, document: doc } })
    expect(saved.statusCode, saved.body).toBe(200)
    expect((await send([track('mystery_event')])).json()).toEqual({ success: true, stored: 1, quarantined: 0 })
  })

  it('flags events of the workspace API too', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/workspaces/shop/events',
      headers: { authorization: `Bearer ${writeKey}` },
      payload: { events: [{ customerId: 'u2', event: 'plan_compared' }, { customerId: 'u2', event: 'unplanned' }] },
    })
    expect(res.json()).toEqual({ stored: 2, quarantined: 0, offPlan: 1 })
  })

  it('flags file imports too (an import key: write keys cannot upload files)', async () => {
    const importKey = (await rt.repos.apiKeys.create({ workspaceId: (await rt.repos.workspaces.find('shop'))!.id, kind: 'import', name: 'etl' })).secret
    const csv = 'case_id,activity,timestamp,channel\nc1,plan_compared,2026-01-01T10:00:00Z,web\nc1,unplanned_step,2026-01-01T10:05:00Z,web\n'
    const res = await app.inject({ method: 'POST', url: '/api/workspaces/shop/imports?format=csv', headers: { authorization: `Bearer ${importKey}`, 'content-type': 'text/csv' }, payload: csv })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ imported: 2, offPlan: 1 })
  })

  it('covers exactly the events the analyses map to a step', async () => {
    const doc = journey as unknown as JourneyDocument
    const covers = trackingPlanCovers([doc])
    const matcher = stepMatcher(doc)
    const cases: PlannedEvent[] = [
      { event: 'plan_compared', channel: 'app', properties: {} },
      { event: 'Plan Compared', channel: 'web', properties: {} },
      { event: 'order_started', channel: 'web', properties: {} },
      { event: 'order_started', channel: 'store', properties: {} },
      { event: 'call_started', channel: 'phone', properties: { queue: 'upgrade' } },
      { event: 'call_started', channel: 'phone', properties: { queue: 'billing' } },
      { event: 'call_started', channel: 'phone', properties: {} },
      { event: 'compare', channel: 'web', properties: {} },
    ]
    for (const c of cases) {
      const [row] = await rt.events.query<{ step: string }>(
        `SELECT ${matcher.sql} AS step FROM (SELECT {e:String} AS event, {c:String} AS channel, CAST({p:Map(String, String)} AS Map(LowCardinality(String), String)) AS properties)`,
        { ...matcher.params, e: c.event, c: c.channel, p: c.properties },
      )
      expect(covers(c), JSON.stringify(c)).toBe(row!.step !== '')
    }
  })
})
