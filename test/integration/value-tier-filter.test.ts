import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analysisScope } from '../../src/analytics/analysis-scope.ts'
import { getTouchpointKpis } from '../../src/analytics/get-touchpoint-kpis.ts'
import { listCustomers } from '../../src/analytics/list-customers.ts'
import { VALUE_TIERS } from '../../src/analytics/scope-names.ts'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { expectProblem, signIn, startTestApp } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let ws: string
let doc: JourneyDocument
let base: string
let cookie: string

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'v@example.com', password: 'password-1', workspace: 'demo', role: 'viewer' })
  await createDemo(rt, { customers: 2500, seed: 8 })
  ws = (await rt.repos.workspaces.find('demo'))!.id
  const journey = (await rt.repos.journeys.list(ws as never))[0]!
  doc = journey.document
  cookie = (await signIn(app, 'v@example.com', 'password-1')).cookie
  base = `/api/workspaces/demo/journeys/${journey.id}`
}, 120_000)
afterAll(() => close())

describe('the value-tier filter', () => {
  it('keeps exactly the customers the drill-down puts in that tier, at every step', async () => {
    const all = analysisScope(ws, doc)
    const steps = ['compare_plans', 'start_order', 'technician_visit', 'bill_paid']
    for (const tier of VALUE_TIERS) {
      const report = await getTouchpointKpis(rt.events, analysisScope(ws, doc, { valueTiers: [tier] }), doc)
      let seen = 0
      for (const step of steps) {
        const drill = await listCustomers(rt.events, all, doc, step, 'reached', 1, { valueTier: tier })
        const kpi = report.touchpoints.find((t) => t.step === step)!
        expect(kpi.customers, `${tier} at ${step}`).toBe(drill.total)
        seen += drill.total
      }
      if (tier !== 'low') expect(seen, tier).toBeGreaterThan(0) // the demo's prices are few: nobody may pay less than the 20th percentile
    }
  })

  it('filters over HTTP (cached apart from the unfiltered view) and refuses an unknown tier', async () => {
    const unfiltered = (await app.inject({ url: `${base}/map`, headers: { cookie } })).json()
    const high = await app.inject({ url: `${base}/map?valueTiers=high`, headers: { cookie } })
    expect(high.statusCode, high.body).toBe(200)
    const customers = high.json().analysis.summary.customers
    expect(customers).toBeGreaterThan(0)
    expect(customers).toBeLessThan(unfiltered.analysis.summary.customers / 3)
    const both = (await app.inject({ url: `${base}/map?valueTiers=high,mid`, headers: { cookie } })).json()
    expect(both.analysis.summary.customers).toBeGreaterThan(customers)
    expectProblem(await app.inject({ url: `${base}/map?valueTiers=gold`, headers: { cookie } }), 400)
  })
})
