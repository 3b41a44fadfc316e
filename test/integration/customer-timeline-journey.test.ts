import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { signIn, startTestApp } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let headers: Record<string, string>
let base: string
let journeyId: string

type Timeline = {
  events: Array<{ step: string | null; feedback: { kind: string; score: number; normalized: number | null; low: boolean; touchpoint: string } | null }>
  valueTier: 'high' | 'mid' | 'low' | null
}
const get = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ url, headers })
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
  return res.json()
}
const timeline = (who: string, journey = true) => get<Timeline>(`/api/workspaces/demo/customers/${encodeURIComponent(who)}/timeline${journey ? `?journey=${journeyId}` : ''}`)

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'v@example.com', password: 'password-1', workspace: 'demo', role: 'viewer' })
  await createDemo(rt, { customers: 1500, seed: 5 })
  headers = { cookie: (await signIn(app, 'v@example.com', 'password-1')).cookie }
  journeyId = (await get<Array<{ id: string }>>('/api/workspaces/demo/journeys'))[0]!.id
  base = `/api/workspaces/demo/journeys/${journeyId}`
}, 180_000)
afterAll(() => close())

describe("a customer's timeline on a journey", () => {
  it("gives the customer's value tier as the journey's red points segment customers", async () => {
    const analysis = await get<{ redPoints: Array<{ step: string; segment: { trait: string; value: string } | null; customersAffected: number }> }>(`${base}/analysis`)
    const red = analysis.redPoints.find((r) => r.step === 'technician_visit' && r.segment?.trait === 'value tier')!
    expect(red.segment!.value).toBe('high')
    const inTier = await get<{ customers: Array<{ customer: string }> }>(`${base}/customers?step=technician_visit&metric=lowFeedback&valueTier=high&limit=5`)
    const everyone = await get<{ customers: Array<{ customer: string }> }>(`${base}/customers?step=technician_visit&metric=lowFeedback&limit=10000`)
    const high = new Set((await get<{ customers: Array<{ customer: string }> }>(`${base}/customers?step=technician_visit&metric=lowFeedback&valueTier=high&limit=10000`)).customers.map((c) => c.customer))
    for (const c of inTier.customers) expect((await timeline(c.customer)).valueTier).toBe('high')
    const outside = everyone.customers.filter((c) => !high.has(c.customer)).slice(0, 5)
    expect(outside.length).toBeGreaterThan(0)
    for (const c of outside) expect((await timeline(c.customer)).valueTier).not.toBe('high')
    // Without a journey there is no tier.
    expect((await timeline(inTier.customers[0]!.customer, false)).valueTier).toBeNull()
  }, 120_000)

  it('labels events with their steps and feedback with its normalised score, low answers marked', async () => {
    const low = await get<{ customers: Array<{ customer: string }> }>(`${base}/customers?step=technician_visit&metric=lowFeedback&limit=1`)
    const t = await timeline(low.customers[0]!.customer)
    expect(t.events.some((e) => e.step === 'technician_visit')).toBe(true)
    const answer = t.events.find((e) => e.feedback?.touchpoint === 'technician_visit')!.feedback!
    expect(answer).toMatchObject({ kind: 'csat', low: true })
    expect(answer.normalized).toBeCloseTo(((answer.score - 1) / 4) * 4 - 2, 5)
    const nps = t.events.find((e) => e.feedback?.kind === 'nps')?.feedback
    if (nps) expect(nps.low).toBe(nps.normalized! <= -1)
  }, 60_000)
})
