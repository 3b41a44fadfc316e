import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { createApp } from '../../src/server/app.ts'
import { analysisAdmission, workspaceAnalyses, type WorkspaceAnalyses } from '../../src/services/analysis-admission.ts'
import { createDemo } from '../../src/services/demo.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { expectProblem, signIn, startTestApp } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let admission: WorkspaceAnalyses
let workspaceId: string
let headers: Record<string, string>
let base: string

// Room for one small analysis at a time (each reserves at least 32 MB); a request waits 300 ms for room.
beforeAll(async () => {
  let testApp: FastifyInstance
  ;({ app: testApp, rt, close } = await startTestApp())
  await testApp.close()
  admission = workspaceAnalyses(rt.events, analysisAdmission({ budgetBytes: 48 * 2 ** 20, queueMs: 300 }))
  app = await createApp({ ...rt, admission })
  await createUserInWorkspace(rt.repos, { email: 'o@example.com', password: 'password-1', workspace: 'demo' })
  await createDemo(rt, { customers: 800, seed: 3 })
  workspaceId = (await rt.repos.workspaces.find('demo'))!.id
  const s = await signIn(app, 'o@example.com', 'password-1')
  headers = { cookie: s.cookie, 'x-csrf-token': s.csrf }
  base = `/api/workspaces/demo/journeys/${(await app.inject({ url: '/api/workspaces/demo/journeys', headers })).json()[0].id}`
}, 120_000)
afterAll(async () => {
  await app.close()
  await close()
})

const get = (url: string) => app.inject({ url, headers })

/** Holds the whole budget, as a long analysis of the workspace would, until released. */
async function holdBudget() {
  let release: (() => void) | undefined
  const held = admission.run(workspaceId, () => new Promise<void>((r) => (release = r)))
  while (!release) await new Promise((r) => setTimeout(r, 1))
  return { release: async () => (release!(), await held) }
}

describe('analyses under a memory budget', () => {
  it('answers a request that finds no room in time with 503 and Retry-After; with room, in full', async () => {
    const hold = await holdBudget()
    const refused = await get(`${base}/flow`)
    expect(expectProblem(refused, 503).detail).toMatch(/Too many analyses are running at once on this server; try again in 1 s/)
    expect(refused.headers['retry-after']).toBe('1')
    await hold.release()
    expect((await get(`${base}/flow`)).statusCode).toBe(200)
    expect(admission.stats()).toMatchObject({ running: 0, reservedBytes: 0 })
  })

  it('queues a request briefly and runs it once room is free', async () => {
    const hold = await holdBudget()
    const waiting = get(`${base}/drivers`)
    setTimeout(() => void hold.release(), 100)
    expect((await waiting).statusCode).toBe(200)
  })

  it('shares one computation between identical requests that arrive together', async () => {
    const hold = await holdBudget()
    const before = admission.stats().admitted
    const url = `${base}/sankey?step=compare_plans`
    const answers = Promise.all([get(url), get(url), get(url)])
    setTimeout(() => void hold.release(), 100)
    const [a, b, c] = await answers
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([200, 200, 200])
    expect(b.json()).toEqual(a.json())
    expect(c.json()).toEqual(a.json())
    expect(admission.stats().admitted - before).toBe(1)
  })

  it('answers the map from its cache at once while the budget is held, and a map not cached yet waits like any analysis', async () => {
    expect((await get(`${base}/map`)).statusCode).toBe(200)
    const hold = await holdBudget()
    try {
      expect((await get(`${base}/map`)).statusCode).toBe(200)
      expect(expectProblem(await get(`${base}/map?to=2030-01-01`), 503).detail).toMatch(/try again/)
    } finally {
      await hold.release()
    }
  })
})
