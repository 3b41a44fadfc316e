import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analysisScope } from '../../src/analytics/analysis-scope.ts'
import { getConformance, type Deviation } from '../../src/analytics/get-conformance.ts'
import { listDeviationCustomers } from '../../src/analytics/list-deviation-customers.ts'
import type { CustomerRow } from '../../src/analytics/list-customers.ts'
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
let deviations: Deviation[]

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'v@example.com', password: 'password-1', workspace: 'demo', role: 'viewer' })
  await createDemo(rt, { customers: DEMO_CUSTOMERS, seed: 11 })
  // Another workspace with the same customer ids and more of them (cust-004001… exist only there).
  await createDemo(rt, { workspace: 'other', customers: DEMO_CUSTOMERS + 1500, seed: 12 })
  headers = { cookie: (await signIn(app, 'v@example.com', 'password-1')).cookie }
  const journeyId = (await app.inject({ url: '/api/workspaces/demo/journeys', headers })).json()[0].id
  base = `/api/workspaces/demo/journeys/${journeyId}`
  deviations = (await app.inject({ url: `${base}/analysis`, headers })).json().conformance.deviations
}, 240_000)
afterAll(() => close())

/** The query naming a deviation, as the web UI sends it. */
function asked(d: Deviation, extra: Record<string, string> = {}): URLSearchParams {
  const channels: Record<string, string> = d.fromChannel !== null && d.toChannel !== null ? { fromChannel: d.fromChannel, toChannel: d.toChannel } : {}
  return new URLSearchParams({ kind: d.kind, fromStage: d.from, toStage: d.to, ...channels, ...extra })
}

async function behind(d: Deviation, extra: Record<string, string> = {}): Promise<{ total: number; customers: CustomerRow[] }> {
  const res = await app.inject({ url: `${base}/conformance/customers?${asked(d, extra)}`, headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('the customers behind a conformance deviation', () => {
  it('name the deviation in structured fields besides its detail', () => {
    // The demo's customers never skip a stage: they move back (repair loops) and switch channels.
    expect(new Set(deviations.map((d) => d.kind))).toEqual(new Set(['backward move', 'channel switch mid-stage']))
    for (const d of deviations) {
      if (d.kind === 'channel switch mid-stage') {
        expect(d.to).toBe(d.from)
        expect(d.detail).toBe(`${d.from}: ${d.fromChannel} → ${d.toChannel}`)
      } else {
        expect([d.fromChannel, d.toChannel]).toEqual([null, null])
        expect(d.detail).toBe(`${d.from} → ${d.to}`)
      }
    }
  })

  it('are as many as the deviation counts, for the top deviations of each kind', async () => {
    const top = new Set([...deviations.slice(0, 5), ...deviations.filter((d) => d.kind === 'backward move').slice(0, 2)])
    expect([...top].map((d) => d.kind)).toContain('backward move')
    for (const d of top) {
      const list = await behind(d, { limit: '10000' })
      expect(list.total, `${d.kind}: ${d.detail}`).toBe(d.customers)
      expect(list.customers).toHaveLength(d.customers)
      expect(list.customers.every((c) => c.occurrences >= 1 && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(c.lastSeen))).toBe(true)
    }
  }, 120_000)

  it('are as many as the deviation counts for skipped stages too (a journey whose stage order the demo does not follow)', async () => {
    const ws = (await rt.repos.workspaces.find('demo'))!.id
    const { document } = (await rt.repos.journeys.list(ws))[0]!
    // Buy designed after install: discover → buy skips a stage, install → buy moves back.
    const [discover, buy, install, ...rest] = document.stages
    const reordered = { ...document, stages: [discover!, install!, buy!, ...rest] }
    const keys = reordered.stages.map((st) => st.key)
    const scope = analysisScope(ws, reordered)
    const { deviations: found } = await getConformance(rt.events, scope, keys)
    const skips = found.filter((d) => d.kind === 'stage skipped')
    expect(skips.length).toBeGreaterThan(0)
    for (const d of [...skips.slice(0, 3), found.find((x) => x.kind === 'backward move')!]) {
      const list = await listDeviationCustomers(rt.events, scope, keys, { kind: d.kind, from: d.from, to: d.to }, 1)
      expect(list.total, `${d.kind}: ${d.detail}`).toBe(d.customers)
    }
  }, 60_000)

  it('come most valuable first, up to the limit, and follow the filters as the conformance does', async () => {
    const d = deviations[0]!
    const list = await behind(d, { limit: '25' })
    expect(list.total).toBe(d.customers)
    expect(list.customers).toHaveLength(Math.min(25, d.customers))
    const values = list.customers.map((c) => c.value)
    expect(values).toEqual([...values].sort((a, b) => b - a))

    const filter = { channel: 'web,app,phone' }
    const filtered: Deviation[] = (await app.inject({ url: `${base}/analysis?${new URLSearchParams(filter)}`, headers })).json().conformance.deviations
    const f = filtered[0]!
    expect((await behind(f, { ...filter, limit: '1' })).total).toBe(f.customers)
  }, 120_000)

  it("never lists another workspace's customers", async () => {
    const common = deviations[0]!
    const list = await behind(common, { limit: '10000' })
    const demoIds = new Set(Array.from({ length: DEMO_CUSTOMERS }, (_, i) => `cust-${String(i + 1).padStart(6, '0')}`))
    expect(list.customers.filter((c) => !demoIds.has(c.customer))).toEqual([])
    // The other workspace's journey cannot be read through this one, nor by a non-member.
    const otherJourney = (await rt.repos.journeys.list((await rt.repos.workspaces.find('other'))!.id))[0]!.id
    expectProblem(await app.inject({ url: `/api/workspaces/demo/journeys/${otherJourney}/conformance/customers?${asked(common)}`, headers }), 404)
    expectProblem(await app.inject({ url: `/api/workspaces/other/journeys/${otherJourney}/conformance/customers?${asked(common)}`, headers }), 404)
  }, 60_000)

  it('refuses an unknown kind, stage or channel, and a deviation that cannot be', async () => {
    const back = deviations.find((d) => d.kind === 'backward move')!
    const get = (q: Record<string, string>) => app.inject({ url: `${base}/conformance/customers?${new URLSearchParams(q)}`, headers })
    expectProblem(await get({ kind: 'detour', fromStage: back.from, toStage: back.to }), 400)
    expect(expectProblem(await get({ kind: back.kind, fromStage: 'nowhere', toStage: back.to }), 400).detail).toMatch(/"nowhere" is no stage/)
    expect(expectProblem(await get({ kind: 'stage skipped', fromStage: back.from, toStage: back.to }), 400).detail).toMatch(/No stage skipped goes/)
    expect(expectProblem(await get({ kind: back.kind, fromStage: back.from, toStage: back.to, fromChannel: 'web' }), 400).detail).toMatch(/Only a channel switch has channels/)
    const [stage, fromChannel] = [back.from, 'web']
    const pigeon = await get({ kind: 'channel switch mid-stage', fromStage: stage, toStage: stage, fromChannel, toChannel: 'pigeon' })
    expect(expectProblem(pigeon, 400).detail).toMatch(/"pigeon" is no channel/)
    expectProblem(await get({ kind: 'channel switch mid-stage', fromStage: stage, toStage: stage }), 400)
  }, 60_000)
})
