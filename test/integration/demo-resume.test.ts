import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { openRuntime, type Runtime } from '../../src/runtime.ts'
import { DEMO_SEED } from '../../src/services/demo-fill.ts'
import { createDemo } from '../../src/services/demo.ts'
import { createTestDatabase, postgresUrl } from '../support/postgres.ts'
import { signInOver, startServer } from '../support/server-process.ts'
import { tempDir } from '../support/temp-dir.ts'

const tmp = tempDir()
afterAll(() => tmp.cleanup())
const CUSTOMERS = 3000

/** What is stored, as analyses and `stats` see it, and the rows as stored (a duplicate shows as raw > distinct). */
async function stored(rt: Runtime) {
  const [row] = await rt.events.query<{ raw: string; distinct: string; customers: string }>(
    "SELECT count() AS raw, uniqExact(event_id) AS distinct, uniqExact(customer_id) AS customers FROM events WHERE workspace_id = (SELECT id FROM (SELECT {id:String} AS id))",
    { id: (await rt.repos.workspaces.find('demo'))!.id },
  )
  return { raw: Number(row!.raw), distinct: Number(row!.distinct), customers: Number(row!.customers) }
}

async function withRuntime<T>(dataDir: string, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
  try {
    return await fn(rt)
  } finally {
    await rt.close()
  }
}

describe('the first start’s demo fill', () => {
  it('interrupted by SIGKILL, completes on the next start and stores nothing twice', async () => {
    const dataDir = path.join(tmp.dir, 'interrupted')
    const env = { DATA_DIR: dataDir, DEMO_CUSTOMERS: String(CUSTOMERS) }
    const first = await startServer(env)
    const [, email, password] = await first.waitFor(/email:\s+(\S+)\s+password:\s+(\S+)/)
    // Killed while the fill is under way: some events stored, the marker still there.
    const headers = await signInOver(first.url, email!, password!)
    for (let events = 0; events === 0; ) {
      events = ((await (await fetch(`${first.url}/api/workspaces/demo/stats`, { headers })).json()) as { events: number }).events
    }
    expect(await first.stop('SIGKILL')).toBeNull()
    expect(first.output()).not.toMatch(/Demo data ready/)
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-fill.json'), 'utf8'))).toEqual({ workspace: 'demo', customers: CUSTOMERS, seed: DEMO_SEED })
    const partial = await withRuntime(dataDir, stored)
    expect(partial.distinct).toBeGreaterThan(0)

    const second = await startServer(env)
    await second.waitFor(/Finishing the demo data an earlier start left incomplete/)
    await second.waitFor(/Demo data ready/, 120_000)
    expect(second.output()).not.toMatch(/password:/) // the owner exists: no new credentials
    await signInOver(second.url, email!, password!)
    expect(await second.stop()).toBe(0)
    expect(fs.existsSync(path.join(dataDir, 'demo-fill.json'))).toBe(false)

    // The same as one uninterrupted fill of the same seed, every row once.
    const resumed = await withRuntime(dataDir, stored)
    const clean = await withRuntime(path.join(tmp.dir, 'clean'), async (rt) => {
      await rt.repos.workspaces.create({ slug: 'demo', name: 'Demo' })
      await createDemo(rt, { customers: CUSTOMERS, seed: DEMO_SEED })
      return stored(rt)
    })
    expect(resumed.distinct).toBeGreaterThan(partial.distinct)
    expect(resumed).toEqual(clean)
    expect(resumed.raw).toBe(resumed.distinct)

    // A third start has nothing left to do.
    const third = await startServer(env)
    await third.waitFor(/Waymark is running/)
    expect(await third.stop()).toBe(0)
    expect(third.output()).not.toMatch(/demo data/i)
  }, 240_000)

  it('DEMO=off creates no owner and no demo, and says how to create the first owner', async () => {
    const dataDir = path.join(tmp.dir, 'off')
    const server = await startServer({ DATA_DIR: dataDir, DEMO: 'off' })
    await server.waitFor(/No users yet[\s\S]*waymark user create/)
    expect(await server.stop()).toBe(0)
    expect(server.output()).not.toMatch(/password:|demo data/i)
    expect(await withRuntime(dataDir, async (rt) => [await rt.repos.users.hasAny(), await rt.repos.workspaces.find('demo')])).toEqual([false, undefined])
  }, 120_000)

  it.skipIf(!postgresUrl)('on an empty production PostgreSQL creates nobody and no fake customers unless asked', async () => {
    const db = await createTestDatabase(postgresUrl!)
    try {
      const dataDir = path.join(tmp.dir, 'pg')
      const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: db.url })
      await server.waitFor(/No users yet[\s\S]*waymark user create/)
      expect(await server.stop()).toBe(0)
      expect(server.output()).not.toMatch(/password:|demo data/i)
      expect(fs.existsSync(path.join(dataDir, 'demo-fill.json'))).toBe(false)
    } finally {
      await db.drop()
    }
  }, 120_000)
})
