import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { signIn, startTestApp } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let session: { cookie: string; csrf: string }
let base: string

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'e@example.com', password: 'password-1', workspace: 'demo', role: 'editor' })
  await createDemo(rt, { customers: 1500, seed: 4 })
  session = await signIn(app, 'e@example.com', 'password-1')
  const journeyId = (await app.inject({ url: '/api/workspaces/demo/journeys', headers: { cookie: session.cookie } })).json()[0].id
  base = `/api/workspaces/demo/journeys/${journeyId}`
}, 120_000)
afterAll(() => close())

const timed = async (url: string) => {
  const t0 = performance.now()
  const res = await app.inject({ url, headers: { cookie: session.cookie } })
  expect(res.statusCode, res.body).toBe(200)
  return { ms: performance.now() - t0, body: res.json() }
}

describe('the journey map in one cached answer', () => {
  it('answers the analysis and the touchpoints with trends together, as the separate routes do', async () => {
    const period = 'from=2000-01-01&to=2100-01-01'
    const { body: map } = await timed(`${base}/map?${period}`)
    const { body: analysis } = await timed(`${base}/analysis?${period}`)
    const { body: touchpoints } = await timed(`${base}/touchpoints?${period}`)
    expect(map.analysis).toEqual(analysis)
    expect(map.touchpoints).toEqual(touchpoints)
    expect(map.touchpoints.previousPeriod).not.toBeNull()
    expect(map.analysis.redPoints.length).toBeGreaterThan(0)
  })

  it('serves a reload from the cache while nothing new arrived, and recomputes when data or the journey changes', async () => {
    const first = await timed(`${base}/map?channel=web,app`)
    const again = await timed(`${base}/map?channel=app,web`) // the same filter, written differently
    expect(again.body).toEqual(first.body)
    expect(again.ms).toBeLessThan(first.ms / 3)

    // A new customer arrives: the next answer counts them.
    const res = await app.inject({
      method: 'POST',
      url: '/api/workspaces/demo/events',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: { events: [{ customerId: 'cache-newcomer', event: 'page_viewed', channel: 'web', properties: { path: '/' } }] },
    })
    expect(res.statusCode, res.body).toBe(200)
    const after = await timed(`${base}/map?channel=web,app`)
    expect(after.body.analysis.summary.customers).toBe(first.body.analysis.summary.customers + 1)

    // A new journey version is analysed afresh too.
    const journey = (await app.inject({ url: base, headers: { cookie: session.cookie } })).json()
    const renamed = { ...journey.document, stages: journey.document.stages.map((s: { name: string }, i: number) => (i === 0 ? { ...s, name: `${s.name} (renamed)` } : s)) }
    const saved = await app.inject({
      method: 'PUT',
      url: base,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: { version: journey.version, document: renamed },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const cold = await timed(`${base}/map?channel=web,app`)
    expect(cold.ms).toBeGreaterThan(again.ms * 3)
    expect(cold.body.analysis.summary).toEqual(after.body.analysis.summary)
  })
})
