import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { signIn, startTestApp } from '../support/app.ts'

/** Routes under /api whose response is not JSON, with the reason (the collector's routes, under /v1, are not in the document). */
const NOT_JSON: Record<string, string> = {
  'GET /api/workspaces/{ws}/journeys/{id}/export': 'a file download (JSON, Mermaid, CSV or Markdown)',
  'GET /api/workspaces/{ws}/backup': 'a file download (the backup archive)',
}

type Schema = { type?: string; properties?: object; items?: Schema; anyOf?: Schema[] }
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let headers: Record<string, string>
let base: string
/** The second half of the demo's time range: the previous period (the first half) has data, so trends and wait tests run. */
let period: string
/** What each handler returned before serialisation, by request id: the served body must be the same (nothing stripped). */
const returned = new Map<string, unknown>()

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  app.addHook('preSerialization', async (req, _reply, payload) => {
    returned.set(req.id, payload)
    return payload
  })
  await createUserInWorkspace(rt.repos, { email: 'v@example.com', password: 'password-1', workspace: 'demo', role: 'viewer' })
  await createDemo(rt, { customers: 4000, seed: 11 })
  headers = { cookie: (await signIn(app, 'v@example.com', 'password-1')).cookie }
  const journeyId = (await app.inject({ url: '/api/workspaces/demo/journeys', headers })).json()[0].id
  base = `/api/workspaces/demo/journeys/${journeyId}`
  const stats = (await app.inject({ url: '/api/workspaces/demo/stats', headers })).json()
  const [from, to] = [stats.firstEventAt, stats.lastEventAt].map((t: string) => new Date(`${t.replace(' ', 'T')}Z`).getTime())
  period = `from=${new Date((from! + to!) / 2).toISOString()}&to=${new Date(to! + 1).toISOString()}`
}, 180_000)
afterAll(() => close())

/** GET as the viewer; a response that does not match its schema is a 500, and the served body must equal what the handler returned. */
async function get(url: string) {
  const res = await app.inject({ url, headers })
  expect(res.statusCode, `${url}: ${res.body.slice(0, 500)}`).toBe(200)
  const body = res.json()
  expect(body, `${url}: the schema dropped or changed fields`).toEqual(JSON.parse(JSON.stringify(returned.get(String(res.headers['x-request-id'])))))
  return body
}

describe('the OpenAPI document', () => {
  it('describes the response of every JSON route under /api', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> }
    const shaped = (s: Schema | undefined): boolean => !!s && (!!s.properties || (s.type === 'array' && shaped(s.items)) || !!s.anyOf?.some(shaped))
    const missing: string[] = []
    let checked = 0
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/')) continue
      for (const [method, op] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path}`
        const responses = op.responses ?? {}
        // Operations answering 204 only have no body.
        if (NOT_JSON[route] || (responses['204'] && !responses['200'] && !responses['201'])) continue
        checked++
        const ok = ['200', '201'].some((code) => shaped(responses[code]?.content?.['application/json']?.schema))
        if (!ok) missing.push(route)
      }
    }
    expect(missing).toEqual([])
    expect(checked).toBeGreaterThan(40)
    expect(Object.keys(doc.paths)).toContain(Object.keys(NOT_JSON)[0]!.split(' ')[1])
  })
})

describe('every analytics response matches its schema on the demo workspace', () => {
  it('analysis', async () => {
    const analysis = await get(`${base}/analysis`)
    expect(analysis.redPoints.length).toBeGreaterThan(0)
    expect(analysis.drivers.length).toBeGreaterThan(0)
    expect(analysis.redPoints.some((r: { segment: unknown }) => r.segment)).toBe(true)
    const within = await get(`${base}/analysis?${period}&channel=web,app,phone`)
    expect(within.summary.customers).toBeGreaterThan(0)
  }, 60_000)

  it('touchpoints, with trends against the previous period', async () => {
    const all = await get(`${base}/touchpoints`)
    expect(all.previousPeriod).toBeNull()
    const recent = await get(`${base}/touchpoints?${period}`)
    expect(recent.previousPeriod).toMatchObject({ from: expect.any(String), to: expect.any(String) })
    expect(recent.touchpoints.some((t: { trend: { customers: number | null } }) => t.trend.customers !== null)).toBe(true)
    expect(recent.touchpoints[0]).not.toHaveProperty('stats')
  }, 60_000)

  it('flow, by step and by event', async () => {
    await get(`${base}/flow?variants=20`)
    await get(`${base}/flow?by=event&${period}`)
  }, 60_000)

  it('sankey, from and to a step', async () => {
    expect((await get(`${base}/sankey?step=compare_plans`)).links.length).toBeGreaterThan(0)
    await get(`${base}/sankey?step=bill_paid&direction=to&depth=2&${period}`)
  }, 60_000)

  it('customers behind a figure', async () => {
    const reached = await get(`${base}/customers?step=support_call&metric=repeated&limit=5`)
    expect(reached.customers.length).toBe(5)
    await get(`${base}/customers?step=technician_visit&metric=lowFeedback&valueTier=high&${period}`)
    const who = reached.customers[0].customer
    await get(`/api/workspaces/demo/customers/${encodeURIComponent(who)}/timeline?journey=${base.split('/').at(-1)}`)
  }, 60_000)

  it('funnel, by steps with a breakdown and by stages', async () => {
    const steps = await get(`${base}/funnel?steps=visit_site,compare_plans,start_order,bill_paid&breakdown=channel`)
    expect(steps.steps[1].medianHoursFromPrevious).toEqual(expect.any(Number))
    await get(`${base}/funnel?stages=discover,buy,install,use,pay&order=any&${period}`)
    await get(`${base}/funnel?steps=visit_site,compare_plans,start_order&breakdown=trait:tier`)
    expect((await get(`${base}/funnel/customers?steps=visit_site,compare_plans,start_order&at=2&outcome=dropped&limit=5`)).customers.length).toBe(5)
  }, 60_000)

  it('customer value', async () => {
    expect((await get(`${base}/customer-value?top=5`)).top.length).toBe(5)
    await get(`${base}/customer-value?${period}`)
  }, 60_000)

  it('drivers', async () => {
    expect((await get(`${base}/drivers`)).length).toBeGreaterThan(0)
    await get(`${base}/drivers?${period}`)
  }, 60_000)

  it('tracking plan and version diff', async () => {
    expect((await get(`${base}/tracking-plan?${period}`)).darkTouchpoints.length).toBeGreaterThan(0)
    await get(`${base}/diff?from=1`)
  }, 60_000)
})
