import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Driver } from '../../src/analytics/get-drivers.ts'
import type { DriverCustomers } from '../../src/analytics/list-driver-customers.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { expectProblem, signIn, startTestApp } from '../support/app.ts'

const DEMO_CUSTOMERS = 4000

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let headers: Record<string, string>
let base: string
let drivers: Driver[]

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'v@example.com', password: 'password-1', workspace: 'demo', role: 'viewer' })
  await createDemo(rt, { customers: DEMO_CUSTOMERS, seed: 11 })
  // Another workspace with the same customer ids and more of them (cust-004001… exist only there).
  await createDemo(rt, { workspace: 'other', customers: DEMO_CUSTOMERS + 1500, seed: 12 })
  headers = { cookie: (await signIn(app, 'v@example.com', 'password-1')).cookie }
  const journeyId = (await app.inject({ url: '/api/workspaces/demo/journeys', headers })).json()[0].id
  base = `/api/workspaces/demo/journeys/${journeyId}`
  drivers = (await app.inject({ url: `${base}/analysis`, headers })).json().drivers
}, 240_000)
afterAll(() => close())

async function behind(d: Pick<Driver, 'outcome' | 'factor'>, extra: Record<string, string> = {}): Promise<DriverCustomers> {
  const query = new URLSearchParams({ outcome: d.outcome, factor: d.factor, ...extra })
  const res = await app.inject({ url: `${base}/drivers/customers?${query}`, headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

/** One driver of each factor kind and each outcome kind the demo has. */
function variedDrivers(): Driver[] {
  const kindOf = (d: Driver) => /^(experienced|repeated|trait|value tier|slow)|via/.exec(d.factor)?.[0] ?? d.factor
  const outcomeKindOf = (d: Driver) => d.outcome.replace(/ at .*| reaching .*/, '')
  const picked = new Map<string, Driver>()
  for (const d of drivers) {
    if (!picked.has(`factor ${kindOf(d)}`)) picked.set(`factor ${kindOf(d)}`, d)
    if (!picked.has(`outcome ${outcomeKindOf(d)}`)) picked.set(`outcome ${outcomeKindOf(d)}`, d)
  }
  return [...new Set(picked.values())]
}

describe('the customers behind a driver', () => {
  it('are the customers its support counts, and those with the outcome are outcomeRate × support', async () => {
    const varied = variedDrivers()
    expect(varied.map((d) => d.factor).join(' | ')).toMatch(/experienced .*\|.*repeated |repeated .*\|.*experienced /)
    expect(varied.some((d) => d.factor.includes(' via '))).toBe(true)
    expect(varied.some((d) => d.factor.startsWith('slow '))).toBe(true)
    expect(varied.some((d) => d.factor.startsWith('trait ') || d.factor.startsWith('value tier '))).toBe(true)
    expect(new Set(varied.map((d) => d.outcome.split(' ')[0]))).toEqual(new Set(['not', 'NPS', 'low']))
    for (const d of varied) {
      const list = await behind(d, { limit: '10000' })
      expect(list.total, `${d.outcome} ← ${d.factor}`).toBe(d.support)
      expect(list.withOutcome, `${d.outcome} ← ${d.factor}`).toBe(Math.round(d.outcomeRate * d.support))
      expect(list.customers).toHaveLength(d.support)
      expect(list.customers.filter((c) => c.hadOutcome)).toHaveLength(list.withOutcome)
    }
  }, 120_000)

  it('come most valuable first, up to the limit, and follow the filters as the drivers do', async () => {
    const d = drivers[0]!
    const list = await behind(d, { limit: '25' })
    expect(list.customers).toHaveLength(Math.min(25, d.support))
    expect(list.total).toBe(d.support)
    const values = list.customers.map((c) => c.value)
    expect(values).toEqual([...values].sort((a, b) => b - a))

    const filter = { channel: 'web,app,email,phone' }
    const filtered: Driver[] = (await app.inject({ url: `${base}/analysis?${new URLSearchParams(filter)}`, headers })).json().drivers
    const f = filtered[0]!
    const within = await behind(f, { ...filter, limit: '1' })
    expect([within.total, within.withOutcome]).toEqual([f.support, Math.round(f.outcomeRate * f.support)])
  }, 120_000)

  it("never lists another workspace's customers", async () => {
    const common = drivers.reduce((a, b) => (b.support > a.support ? b : a))
    const list = await behind(common, { limit: '10000' })
    expect(list.total).toBe(common.support)
    const demoIds = new Set(Array.from({ length: DEMO_CUSTOMERS }, (_, i) => `cust-${String(i + 1).padStart(6, '0')}`))
    expect(list.customers.filter((c) => !demoIds.has(c.customer))).toEqual([])
    // The other workspace's journey cannot be read through this one, nor this one's by a non-member.
    const otherJourney = (await rt.repos.journeys.list((await rt.repos.workspaces.find('other'))!.id))[0]!.id
    const query = new URLSearchParams({ outcome: common.outcome, factor: common.factor })
    expectProblem(await app.inject({ url: `/api/workspaces/demo/journeys/${otherJourney}/drivers/customers?${query}`, headers }), 404)
    expectProblem(await app.inject({ url: `/api/workspaces/other/journeys/${otherJourney}/drivers/customers?${query}`, headers }), 404)
  }, 60_000)

  it('says when the outcome or the factor names nothing in the journey', async () => {
    const d = drivers[0]!
    const unknownFactor = await app.inject({ url: `${base}/drivers/customers?${new URLSearchParams({ outcome: d.outcome, factor: 'experienced nowhere' })}`, headers })
    expect(expectProblem(unknownFactor, 404).detail).toMatch(/no factor "experienced nowhere"/)
    const unknownOutcome = await app.inject({ url: `${base}/drivers/customers?${new URLSearchParams({ outcome: 'unhappy', factor: d.factor })}`, headers })
    expect(expectProblem(unknownOutcome, 404).detail).toMatch(/no outcome "unhappy"/)
  }, 60_000)
})
