import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { signIn, startTestApp, expectProblem, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let editor: Session
let viewer: Session
let journeyId: string
const base = '/api/workspaces/demo'

const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })
const call = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url: `${base}${url}`, headers: as(s), ...(payload === undefined ? {} : { payload: payload as object }) })

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createDemo(rt, { customers: 2000, seed: 5 })
  await createUserInWorkspace(rt.repos, { email: 'ed@example.com', password: 'password-ed', workspace: 'demo', role: 'editor' })
  await createUserInWorkspace(rt.repos, { email: 'vi@example.com', password: 'password-vi', workspace: 'demo', role: 'viewer' })
  editor = await signIn(app, 'ed@example.com', 'password-ed')
  viewer = await signIn(app, 'vi@example.com', 'password-vi')
  journeyId = (await call(viewer, 'GET', '/journeys')).json()[0].id
}, 180_000)
afterAll(() => close())

describe('the portfolio on the demo data', () => {
  it('turns a red point into an opportunity whose value at risk equals the analysis’s, and keeps it live', async () => {
    const map = (await call(viewer, 'GET', `/journeys/${journeyId}/map`)).json()
    const point = map.analysis.redPoints.find((r: { step: string }) => r.step === 'support_call') ?? map.analysis.redPoints[0]
    expect(point.valueAtRisk).toBeGreaterThan(0)
    const res = await call(editor, 'POST', '/opportunities/from-red-point', { journeyId, step: point.step, segment: point.segment })
    expect(res.statusCode, res.body).toBe(201)
    const o = res.json()
    expect(o.valueAtRisk).toBe(point.valueAtRisk)
    expect(o.customersAffected).toBe(point.customersAffected)
    expect(o.source).toMatchObject({ kind: 'red_point', step: point.step, segment: point.segment, metrics: point.reasons.map((r: { metric: string }) => r.metric) })
    expect(o.steps[0]).toMatchObject({ step: point.step, journeyId })
    expect(o.steps[0].promise).toBeTruthy()
    expect(o.problem).toMatch(/value at risk/)
    expect(o.redPointActive).toBe(true)
    expect(o.rank).toBe(1)
    // One click is enough: the same red point again is a conflict, not a duplicate.
    expectProblem(await call(editor, 'POST', '/opportunities/from-red-point', { journeyId, step: point.step, segment: point.segment }), 409)
    // A step that is no red point is refused with a clear message.
    expect(expectProblem(await call(editor, 'POST', '/opportunities/from-red-point', { journeyId, step: 'visit_site', segment: null }), 404).detail).toMatch(/No red point/)
  })

  it('ranks by the formula, reorders when a score changes, pins, and keeps a declined item’s reason searchable', async () => {
    const mk = async (title: string, body: object) => {
      const res = await call(editor, 'POST', '/opportunities', { title, ...body })
      expect(res.statusCode, res.body).toBe(201)
      return res.json()
    }
    const star = await mk('Award-winning app redesign', { category: 'star', confidence: 0.9, effort: 1, valueAtRisk: 5_000_000, customersAffected: 50_000 })
    const basic = await mk('Call ahead before a technician visit', { category: 'must_have', confidence: 0.2, effort: 4, valueAtRisk: 20_000, customersAffected: 300 })
    let list = (await call(viewer, 'GET', '/opportunities')).json()
    const order = () => list.opportunities.filter((o: { rank: number | null }) => o.rank !== null).map((o: { title: string }) => o.title)
    // The star keeps no promise: it comes after the basics whatever its value.
    expect(order().at(-1)).toBe(star.title)
    // Reordered by score: a higher confidence moves the basic above the red point's opportunity (score 1.5 × c × …).
    const redPointScore = list.opportunities.find((o: { source: { kind: string } }) => o.source.kind === 'red_point').score
    const before = order().indexOf(basic.title)
    expect(before).toBeGreaterThan(0)
    await call(editor, 'PATCH', `/opportunities/${basic.id}`, { confidence: 1, effort: 0.25 })
    list = (await call(viewer, 'GET', '/opportunities')).json()
    expect(list.opportunities.find((o: { id: string }) => o.id === basic.id).score).toBeGreaterThan(redPointScore)
    expect(order().indexOf(basic.title)).toBeLessThan(before)
    expect(order()[0]).toBe(basic.title)
    // Pinning puts the star on top.
    await call(editor, 'PUT', `/opportunities/${star.id}/pin`, { position: 1 })
    list = (await call(viewer, 'GET', '/opportunities')).json()
    expect(order()[0]).toBe(star.title)

    // Declining needs a reason, and keeps it.
    expectProblem(await call(editor, 'PATCH', `/opportunities/${star.id}`, { status: 'declined' }), 400)
    expectProblem(await call(editor, 'POST', `/opportunities/${star.id}/decline`, { reason: '  ' }), 400)
    const declined = (await call(editor, 'POST', `/opportunities/${star.id}/decline`, { reason: 'Prestige only: no customer complains about the app', revisitAt: '2027-06-01' })).json()
    expect(declined).toMatchObject({ status: 'declined', declinedReason: 'Prestige only: no customer complains about the app', rank: null, pinnedRank: null })
    expect(declined.revisitAt).toBe('2027-06-01T00:00:00.000Z')
    const found = (await call(viewer, 'GET', '/opportunities?q=no%20customer%20complains')).json().opportunities
    expect(found.map((o: { id: string }) => o.id)).toEqual([star.id])

    // Solutions under an opportunity form the roadmap.
    const sol = await call(editor, 'POST', `/opportunities/${basic.id}/solutions`, { title: 'SMS 30 minutes before arrival', status: 'planned', startDate: '2026-12-07', dueDate: '2027-01-15' })
    expect(sol.statusCode, sol.body).toBe(201)
    const roadmap = (await call(viewer, 'GET', '/roadmap')).json()
    expect(roadmap).toMatchObject([{ title: 'SMS 30 minutes before arrival', opportunityTitle: basic.title, opportunityRank: 1, startDate: '2026-12-07' }])
  })

  it('follows the workspace’s weights', async () => {
    const weights = (await call(viewer, 'GET', '/portfolio/scoring')).json()
    expect(weights).toEqual({ value: 1, reach: 1, promise: 0.5, effortExponent: 1, category: { must_have: 1.5, strategic: 1.2, star: 1 }, basicsFirst: true })
    expectProblem(await call(viewer, 'PUT', '/portfolio/scoring', { ...weights, value: 0 }), 403)
    expect((await call(editor, 'PUT', '/portfolio/scoring', { ...weights, value: 0 })).json().value).toBe(0)
    const list = (await call(viewer, 'GET', '/opportunities')).json()
    expect(list.scoring.value).toBe(0)
    expect((await call(editor, 'DELETE', '/portfolio/scoring')).json().value).toBe(1)
  })

  it('brings a declined red point back when it gets worse', async () => {
    const list = (await call(viewer, 'GET', '/opportunities')).json()
    const fromRedPoint = list.opportunities.find((o: { source: { kind: string } }) => o.source.kind === 'red_point')
    await call(editor, 'POST', `/opportunities/${fromRedPoint.id}/decline`, { reason: 'Waiting for the new support line' })
    expect((await call(viewer, 'GET', `/opportunities/${fromRedPoint.id}`)).json()).toMatchObject({ rank: null, resurfaced: null })
    // More customers of the same demo (the first 2000 are stored once): the red point affects more of them.
    await createDemo(rt, { customers: 3000, seed: 5 })
    const again = (await call(viewer, 'GET', `/opportunities/${fromRedPoint.id}`)).json()
    expect(again.customersAffected).toBeGreaterThan(again.declinedCustomers * 1.1)
    expect(again).toMatchObject({ status: 'declined', resurfaced: 'red_point_worse', declinedReason: 'Waiting for the new support line' })
    expect(again.rank).not.toBeNull()
  })

  it('lets viewers read but not write', async () => {
    expectProblem(await call(viewer, 'POST', '/opportunities', { title: 'x' }), 403)
    expect((await call(viewer, 'GET', '/opportunities')).statusCode).toBe(200)
  })
})
