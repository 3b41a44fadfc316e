import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { createDemo } from '../../src/services/demo.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { expectProblem, signIn, startTestApp } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let headers: Record<string, string>
let journeyId: string
const CUSTOMERS = 1500

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'o@example.com', password: 'password-1', workspace: 'demo' })
  await createDemo(rt, { customers: CUSTOMERS, seed: 7 })
  const s = await signIn(app, 'o@example.com', 'password-1')
  headers = { cookie: s.cookie, 'x-csrf-token': s.csrf }
  journeyId = (await app.inject({ url: '/api/workspaces/demo/journeys', headers })).json()[0].id
}, 120_000)
afterAll(() => close())

describe('demo workspace', () => {
  it('is reproducible: the same seed stores nothing twice', async () => {
    const before = (await app.inject({ url: '/api/workspaces/demo/stats', headers })).json()
    expect(before.customers).toBe(CUSTOMERS)
    expect(before.events).toBeGreaterThan(CUSTOMERS * 8)
    expect(before.quarantined).toBe(0)
    await createDemo(rt, { customers: CUSTOMERS, seed: 7 })
    expect((await app.inject({ url: '/api/workspaces/demo/stats', headers })).json()).toEqual(before)
  })

  it('its tracking plan shows the dark welcome call and the unmapped newsletter event', async () => {
    const plan = (await app.inject({ url: `/api/workspaces/demo/journeys/${journeyId}/tracking-plan`, headers })).json()
    expect(plan.darkTouchpoints).toEqual([{ stage: 'install', step: 'welcome_call' }])
    expect(plan.unmappedEvents).toEqual([expect.objectContaining({ event: 'newsletter_opened', channel: 'email' })])
    const visits = plan.touchpoints.find((t: { step: string }) => t.step === 'visit_site')
    expect(visits.customers).toBe(CUSTOMERS)
    const compare = plan.touchpoints.find((t: { step: string }) => t.step === 'compare_plans').customers
    const order = plan.touchpoints.find((t: { step: string }) => t.step === 'start_order').customers
    expect(order / compare).toBeGreaterThan(0.55) // 35 % drop out after comparing plans
    expect(order / compare).toBeLessThan(0.75)
  })

  it('a period filter narrows the plan', async () => {
    const plan = (await app.inject({ url: `/api/workspaces/demo/journeys/${journeyId}/tracking-plan?from=2030-01-01`, headers })).json()
    expect(plan.darkTouchpoints).toHaveLength(plan.touchpoints.length)
    expectProblem(await app.inject({ url: `/api/workspaces/demo/journeys/${journeyId}/tracking-plan?from=not-a-date`, headers }), 400)
  })
})

describe('customers', () => {
  it('shows one customer across anonymous and identified ids, with traits', async () => {
    const id = (await rt.events.query<{ id: string }>('SELECT customer_id AS id FROM customers ORDER BY customer_id LIMIT 1'))[0]!.id
    const n = Number(id.replace('cust-', ''))
    const c = (await app.inject({ url: `/api/workspaces/demo/customers/${id}`, headers })).json()
    expect(c.ids.sort()).toEqual([`anon-7-${n}`, id].sort())
    expect(c.traits.tier).toMatch(/^(gold|silver|bronze)$/)
    expect(c.events).toBeGreaterThan(5)
    // Asking by the anonymous id finds the same person.
    expect((await app.inject({ url: `/api/workspaces/demo/customers/anon-7-${n}`, headers })).json().ids.sort()).toEqual(c.ids)
  })

  it('erases a customer completely, verifiably', async () => {
    const id = (await rt.events.query<{ id: string }>("SELECT customer_id AS id FROM customers WHERE traits['tier'] = 'gold' ORDER BY customer_id LIMIT 1"))[0]!.id
    const before = (await app.inject({ url: `/api/workspaces/demo/customers/${id}`, headers })).json()
    expect(before.events).toBeGreaterThan(5)
    const anon = before.ids.find((x: string) => x.startsWith('anon-'))
    expect(anon).toBeDefined()
    const res = await app.inject({ method: 'DELETE', url: `/api/workspaces/demo/customers/${id}`, headers })
    expect(res.json()).toMatchObject({ events: expect.any(Number), identities: expect.any(Number), profiles: 1 })
    expect(res.json().events).toBeGreaterThanOrEqual(before.events)
    expectProblem(await app.inject({ url: `/api/workspaces/demo/customers/${id}`, headers }), 404)
    expectProblem(await app.inject({ url: `/api/workspaces/demo/customers/${anon}`, headers }), 404)
    const [left] = await rt.events.query<{ n: string }>(
      'SELECT (SELECT count() FROM events WHERE customer_id IN {ids:Array(String)} OR user_id IN {ids:Array(String)} OR anonymous_id IN {ids:Array(String)}) + (SELECT count() FROM identities WHERE anonymous_id IN {ids:Array(String)} OR user_id IN {ids:Array(String)}) + (SELECT count() FROM customers WHERE customer_id IN {ids:Array(String)}) AS n',
      { ids: before.ids },
    )
    expect(Number(left!.n)).toBe(0)
  })
})
