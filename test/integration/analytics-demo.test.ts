import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Analysis } from '../../src/analytics/analyze-journey.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { expectProblem, signIn, startTestApp } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let headers: Record<string, string>
let base: string
let analysis: Analysis

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'v@example.com', password: 'password-1', workspace: 'demo', role: 'viewer' })
  await createDemo(rt, { customers: 8000, seed: 11 })
  const s = await signIn(app, 'v@example.com', 'password-1')
  headers = { cookie: s.cookie }
  const journeyId = (await app.inject({ url: '/api/workspaces/demo/journeys', headers })).json()[0].id
  base = `/api/workspaces/demo/journeys/${journeyId}`
  const res = await app.inject({ url: `${base}/analysis`, headers })
  expect(res.statusCode).toBe(200)
  analysis = res.json()
}, 180_000)
afterAll(() => close())

describe('analysis of the demo workspace finds every deliberate problem', () => {
  it('the drop-out after comparing plans is a red point (exit rate)', () => {
    const p = analysis.redPoints.find((r) => r.step === 'compare_plans')
    expect(p?.reasons.map((r) => r.metric)).toContain('exitRate')
  })

  it('the repeat-contact loop is a red point (repeat and exit rate) and a driver of detractors and of not paying', () => {
    const p = analysis.redPoints.find((r) => r.step === 'support_call')
    expect(p?.reasons.map((r) => r.metric)).toEqual(expect.arrayContaining(['repeatRate', 'exitRate']))
    expect(analysis.drivers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'NPS detractor', factor: 'repeated support_call' }),
        expect.objectContaining({ outcome: 'not reaching bill_paid', factor: 'repeated support_call' }),
      ]),
    )
  })

  it('the technician visit scores low where value is high: a feedback red point with value at risk', () => {
    const p = analysis.redPoints.find((r) => r.step === 'technician_visit')!
    const reason = p.reasons.find((r) => r.metric === 'feedback')!
    expect(reason.value).toBeLessThan(reason.baseline - 0.3)
    expect(reason.p).toBeLessThan(0.05)
    expect(p.valueAtRisk / p.customersAffected).toBeGreaterThan(55) // the affected are mostly gold and silver customers
  })

  it('the welcome call is a blind spot and newsletter_opened is outside the tracking plan', () => {
    expect(analysis.blindSpots.darkTouchpoints).toEqual([{ stage: 'install', step: 'welcome_call' }])
    expect(analysis.blindSpots.unmappedEvents.map((u) => u.event)).toEqual(['newsletter_opened'])
    // Each unmapped event says on which channel it came: one entry per (event, channel).
    expect(analysis.blindSpots.unmappedEvents[0]).toEqual({ event: 'newsletter_opened', channel: 'email', count: expect.any(Number) })
  })

  it('at most one red point has no cause in the generator', () => {
    const caused = new Set(['compare_plans', 'sales_chat', 'support_call', 'support_chat', 'technician_visit'])
    expect(analysis.redPoints.filter((r) => !caused.has(r.step)).length).toBeLessThanOrEqual(1)
  })

  it('red points are ranked by value at risk and carry p-values adjusted for multiple tests', () => {
    const values = analysis.redPoints.map((r) => r.valueAtRisk)
    expect(values).toEqual([...values].sort((a, b) => b - a))
    for (const r of analysis.redPoints) for (const reason of r.reasons) expect(reason.p).toBeLessThanOrEqual(0.05)
  })

  it('summarises touchpoints, flow, variants and conformance', () => {
    expect(analysis.summary.customers).toBe(8000)
    const visit = analysis.touchpoints.find((t) => t.step === 'visit_site')!
    expect(visit.reach).toBe(1)
    const paid = analysis.touchpoints.find((t) => t.step === 'bill_paid')!
    expect(paid.feedback).toMatchObject({ kind: 'nps', nps: expect.any(Number) })
    expect(analysis.flow.start).toEqual({ visit_site: 8000 })
    expect(analysis.variants[0]!.customers).toBeGreaterThan(100)
    expect(analysis.conformance.fitness).toBeGreaterThan(0.5)
    expect(analysis.conformance.deviations[0]).toMatchObject({ kind: expect.any(String), customers: expect.any(Number) })
  })
})

describe('analytics API', () => {
  it('filters by trait, channel and period', async () => {
    const gold = (await app.inject({ url: `${base}/touchpoints?trait.tier=gold`, headers })).json()
    const all = (await app.inject({ url: `${base}/touchpoints`, headers })).json()
    const tech = (r: { touchpoints: Array<{ step: string; customers: number; measuredEmotion: number | null; designedEmotion: number | null }> }) =>
      r.touchpoints.find((t) => t.step === 'technician_visit')!
    expect(tech(gold).customers).toBeLessThan(tech(all).customers * 0.3)
    expect(tech(gold).measuredEmotion!).toBeLessThan(-0.5) // the measured emotion curve dips where the design promised +1
    expect(tech(all).designedEmotion).toBe(1)
    const web = (await app.inject({ url: `${base}/flow?by=event&channel=web`, headers })).json()
    expect(Object.keys(web.start)).toEqual(['page_viewed'])
    const none = (await app.inject({ url: `${base}/flow?from=2031-01-01&to=2031-02-01`, headers })).json()
    expect(none.customers).toBe(0)
    expectProblem(await app.inject({ url: `${base}/flow?by=nonsense`, headers }), 400)
  })

  it('serves drivers, and 404 for an unknown journey', async () => {
    const drivers = (await app.inject({ url: `${base}/drivers`, headers })).json()
    expect(drivers.length).toBeGreaterThan(0)
    expectProblem(await app.inject({ url: `${base.replace(/journeys\/.*/, 'journeys/nope')}/analysis`, headers }), 404)
  })
})

describe('drill-down to individuals', () => {
  it('lists the customers behind a red point, most valuable first, and opens one timeline', async () => {
    const exited = (await app.inject({ url: `${base}/customers?step=support_call&metric=repeated&limit=5`, headers })).json()
    const tp = (await app.inject({ url: `${base}/touchpoints`, headers })).json().touchpoints.find((t: { step: string }) => t.step === 'support_call')
    expect(exited.total).toBe(Math.round(tp.repeatRate * tp.customers))
    expect(exited.customers).toHaveLength(5)
    const values = exited.customers.map((c: { value: number }) => c.value)
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a))
    // A segment's red point opens up to that segment's customers.
    const red = analysis.redPoints.find((r) => r.step === 'technician_visit')!
    expect(red.segment).toEqual({ trait: 'value tier', value: 'high' })
    const low = (await app.inject({ url: `${base}/customers?step=technician_visit&metric=lowFeedback&valueTier=high&limit=10000`, headers })).json()
    expect(low.total).toBe(red.customersAffected)
    const everyone = (await app.inject({ url: `${base}/customers?step=technician_visit&metric=lowFeedback&limit=10000`, headers })).json()
    expect(everyone.total).toBeGreaterThan(low.total)

    const who = exited.customers[0].customer
    const journeyId = base.split('/').at(-1)
    const timeline = (await app.inject({ url: `/api/workspaces/demo/customers/${who}/timeline?journey=${journeyId}`, headers })).json()
    const steps = timeline.events.map((e: { step: string | null }) => e.step)
    expect(steps[0]).toBe('visit_site') // the anonymous start belongs to the same person
    expect(steps.filter((s: string | null) => s === 'support_call').length).toBeGreaterThanOrEqual(2)
    expect(new Set(timeline.events.map((e: { channel: string }) => e.channel)).size).toBeGreaterThanOrEqual(4)
    const times = timeline.events.map((e: { ts: string }) => e.ts)
    expect(times).toEqual([...times].sort())
  })
})

describe('funnels', () => {
  it('shows the drop-out between comparing plans and ordering, and what the drop-outs did instead', async () => {
    const f = (await app.inject({ url: `${base}/funnel?steps=visit_site,compare_plans,start_order,bill_paid&window=2160&breakdown=channel`, headers })).json()
    expect(f.steps.map((s: { customers: number }) => s.customers)[0]).toBe(8000)
    const order = f.steps[2]
    expect(order.conversionFromPrevious).toBeGreaterThan(0.55)
    expect(order.conversionFromPrevious).toBeLessThan(0.75)
    expect(order.medianHoursFromPrevious).toBeGreaterThan(0)
    expect(f.dropOffNext[1].after).toBe('compare_plans')
    expect(f.dropOffNext[1].next.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining(['(left)', 'sales_chat']))
    expect(f.breakdown[0]).toMatchObject({ value: 'web', customers: [8000, expect.any(Number), expect.any(Number), expect.any(Number)] })
    // A one-hour window loses everyone who took longer.
    const tight = (await app.inject({ url: `${base}/funnel?steps=visit_site,compare_plans,start_order&window=1`, headers })).json()
    expect(tight.steps[2].customers).toBeLessThan(order.customers)
    const stages = (await app.inject({ url: `${base}/funnel?stages=discover,buy,install,use,pay`, headers })).json()
    expect(stages.steps.map((s: { step: string }) => s.step)).toEqual(['discover', 'buy', 'install', 'use', 'pay'])
    expect(stages.steps[1].customers).toBe(order.customers)
    expectProblem(await app.inject({ url: `${base}/funnel?steps=visit_site`, headers }), 400)
  })
})

describe('customer value', () => {
  it('ranks customers by revenue with RFM tiers and a CLV estimate', async () => {
    const res = await app.inject({ url: `${base}/customer-value?top=5`, headers })
    if (res.statusCode !== 200) throw new Error(res.body)
    const v = res.json()
    const paid = analysis.touchpoints.find((t) => t.step === 'bill_paid')!.customers
    expect(v.customers).toBe(8000)
    expect(v.tiers.find((t: { tier: string }) => t.tier === 'no revenue').customers).toBe(8000 - paid)
    expect(v.top).toHaveLength(5)
    expect(v.top[0]).toMatchObject({ revenue: 89, rfm: expect.stringMatching(/^[1-5]{3}$/), clv: expect.any(Number) })
    expect(v.top[0].clv).toBeGreaterThanOrEqual(89)
    const gold = (await app.inject({ url: `${base}/customer-value?trait.tier=gold`, headers })).json()
    expect(gold.revenue / (gold.customers - (gold.tiers.find((t: { tier: string }) => t.tier === 'no revenue')?.customers ?? 0))).toBe(89)
  })
})

describe('trends', () => {
  it('compares each touchpoint with the previous period of the same length', async () => {
    const r = (await app.inject({ url: `${base}/touchpoints?from=2026-07-15&to=2026-08-15`, headers })).json()
    expect(r.previousPeriod).toEqual({ from: '2026-06-14T00:00:00.000Z', to: '2026-07-15T00:00:00.000Z' })
    const visit = r.touchpoints.find((t: { step: string }) => t.step === 'visit_site')
    expect(visit.trend.customers).toEqual(expect.any(Number))
    expect(Math.abs(visit.trend.customers)).toBeLessThan(0.5) // steady arrivals in the demo
    expect((await app.inject({ url: `${base}/touchpoints`, headers })).json().touchpoints[0].trend).toBeNull()
  })
})

describe('sankey', () => {
  it('follows customers from a step, grouping rare steps as other', async () => {
    const s = (await app.inject({ url: `${base}/sankey?step=compare_plans&depth=2&minShare=0.05`, headers })).json()
    expect(s.customers).toBe(8000)
    const first = s.links.filter((l: { source: string }) => l.source === '0:compare_plans')
    expect(first.reduce((n: number, l: { customers: number }) => n + l.customers, 0)).toBe(8000)
    expect(first.map((l: { target: string }) => l.target)).toEqual(expect.arrayContaining(['1:start_order', '1:(end)', '1:sales_chat']))
    const back = (await app.inject({ url: `${base}/sankey?step=support_call&direction=to&depth=2`, headers })).json()
    expect(back.nodes.at(-1)).toMatchObject({ position: 0, name: 'support_call' })
    expect(back.links.some((l: { source: string; target: string }) => l.source === '-1:support_call' && l.target === '0:support_call')).toBe(true)
  })
})
