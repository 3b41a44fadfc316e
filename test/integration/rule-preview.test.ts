import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RulePreview } from '../../src/analytics/preview-rules.ts'
import type { MatchRule } from '../../src/domain/journey/journey.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { expectProblem, signIn, startTestApp } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let headers: Record<string, string>
let base: string

const PERIOD = 'from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z'

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'v@example.com', password: 'password-1', workspace: 'demo', role: 'viewer' })
  await createDemo(rt, { customers: 1500, seed: 5 })
  // Another workspace whose events must never show: its own unmapped event, on email.
  await createDemo(rt, { workspace: 'other', customers: 600, seed: 6 })
  const session = await signIn(app, 'v@example.com', 'password-1')
  headers = { cookie: session.cookie, 'x-csrf-token': session.csrf }
  const journeyId = (await app.inject({ url: '/api/workspaces/demo/journeys', headers })).json()[0].id
  base = `/api/workspaces/demo/journeys/${journeyId}`
}, 240_000)
afterAll(() => close())

async function preview(rules: unknown, step?: string, query = PERIOD) {
  return app.inject({ method: 'POST', url: `${base}/rule-preview?${query}`, headers, payload: { rules, ...(step ? { step } : {}) } })
}
async function previewOk(rules: MatchRule[], step?: string, query = PERIOD): Promise<RulePreview> {
  const res = await preview(rules, step, query)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('rule preview', () => {
  it("previews a step's current rules as the same customers as its touchpoint", async () => {
    const journey = (await app.inject({ url: base, headers })).json()
    const touchpoints = (await app.inject({ url: `${base}/touchpoints?${PERIOD}`, headers })).json().touchpoints as Array<{ step: string; customers: number }>
    const steps = (journey.document.stages as Array<{ steps: Array<{ key: string; match: MatchRule[] }> }>).flatMap((s) => s.steps)
    for (const key of ['order_confirmed', 'support_call', 'bill_paid']) {
      const step = steps.find((s) => s.key === key)!
      const p = await previewOk(step.match, key)
      expect(p.customers, key).toBe(touchpoints.find((t) => t.step === key)!.customers)
      expect(p.customers).toBeGreaterThan(0)
      expect(p.events).toBeGreaterThanOrEqual(p.customers)
      expect(p.samples.length).toBe(5)
      expect(p.samples.every((s) => step.match.some((r) => r.event === s.event))).toBe(true)
      expect([...p.samples].sort((a, b) => b.ts.localeCompare(a.ts))).toEqual(p.samples)
    }
  })

  it('narrows the count with a where condition', async () => {
    const all = await previewOk([{ event: 'email_sent' }])
    const one = await previewOk([{ event: 'email_sent', where: { template: 'first_bill' } }])
    expect(one.events).toBeGreaterThan(0)
    expect(one.events).toBeLessThan(all.events)
    expect(one.samples.every((s) => s.properties.template === 'first_bill')).toBe(true)
  })

  it('suggests unmapped events on the same channel, most frequent first', async () => {
    const p = await previewOk([{ event: 'something_else', channel: 'email' }])
    const newsletter = p.suggestions.find((s) => s.event === 'newsletter_opened')
    expect(newsletter).toMatchObject({ channel: 'email' })
    expect(newsletter!.events).toBeGreaterThan(0)
    expect(p.suggestions.length).toBeLessThanOrEqual(8)
    expect(p.suggestions.map((s) => s.events)).toEqual([...p.suggestions.map((s) => s.events)].sort((a, b) => b - a))
    // Mapped events (email_sent is) are never suggested, nor one the rules already match.
    expect(p.suggestions.some((s) => s.event === 'email_sent')).toBe(false)
    const added = await previewOk([{ event: 'something_else', channel: 'email' }, { event: 'newsletter_opened' }])
    expect(added.suggestions.some((s) => s.event === 'newsletter_opened')).toBe(false)
    expect(added.events).toBe(newsletter!.events)
  })

  it("never shows another workspace's events", async () => {
    const ours = await previewOk([{ event: 'newsletter_opened' }])
    const theirs = await app.inject({
      method: 'POST',
      url: `/api/workspaces/other/journeys/${base.split('/').pop()}/rule-preview`,
      headers,
      payload: { rules: [{ event: 'newsletter_opened' }] },
    })
    expect([403, 404]).toContain(theirs.statusCode)
    const demo = (await rt.repos.workspaces.find('demo'))!
    const [mine, all] = await Promise.all(
      [`AND workspace_id = {ws:String}`, ''].map((only) =>
        rt.events.query<{ n: string }>(`SELECT count() AS n FROM events FINAL WHERE event = 'newsletter_opened' ${only}`, { ws: demo.id }),
      ),
    )
    expect(ours.events).toBe(Number(mine![0]!.n))
    expect(ours.events).toBeLessThan(Number(all![0]!.n))
  })

  it('rejects invalid rules with 400', async () => {
    expectProblem(await preview([{ channel: 'email' }]), 400)
    expectProblem(await preview([{ event: '' }]), 400)
    expectProblem(await preview({ event: 'x' }), 400)
    expectProblem(await preview([{ event: 'x', where: { plan: [] } }]), 400)
  })
})
