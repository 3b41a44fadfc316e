import fs from 'node:fs'
import path from 'node:path'
import * as tar from 'tar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeJourney } from '../../src/analytics/analyze-journey.ts'
import { getWorkspaceStats } from '../../src/analytics/get-workspace-stats.ts'
import { loadConfig } from '../../src/config.ts'
import { openRuntime, type Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createBackup } from '../../src/services/backup/create-backup.ts'
import { restoreBackup } from '../../src/services/backup/restore-backup.ts'
import { createDemo } from '../../src/services/demo.ts'
import { editJourney } from '../../src/services/journeys.ts'
import { chTime } from '../../src/storage/events/rows.ts'
import { tablesOutsideWorkspaces, workspaceOwnedTables } from '../../src/storage/metadata/workspace-rows.ts'
import { createTestDatabase, postgresUrl } from '../support/postgres.ts'
import { expectSameResults } from '../support/same-results.ts'
import { tempDir } from '../support/temp-dir.ts'

const tmp = tempDir()
const runtimes: Runtime[] = []
async function instance(name: string, env: Record<string, string> = {}): Promise<Runtime> {
  const rt = await openRuntime(loadConfig({ DATA_DIR: path.join(tmp.dir, name), LOG_LEVEL: 'silent', ...env }))
  runtimes.push(rt)
  return rt
}
/** chDB opens one data directory per process: an instance is closed before the next one opens. */
async function closeInstance(rt: Runtime) {
  runtimes.splice(runtimes.indexOf(rt), 1)
  await rt.close()
}
afterAll(async () => {
  for (const rt of [...runtimes]) await closeInstance(rt)
  tmp.cleanup()
})

let source: Runtime
let archive: string

/** Everything analyses and the figures say of a workspace: identical after a restore, whatever its id. */
async function measured(rt: Runtime, slug: string) {
  const ws = (await rt.repos.workspaces.find(slug))!
  const [journey] = await rt.repos.journeys.list(ws.id)
  return {
    stats: await getWorkspaceStats(rt.events, ws.id),
    analysis: await analyzeJourney(rt.events, ws.id, journey!.document),
    period: await analyzeJourney(rt.events, ws.id, journey!.document, { from: new Date('2026-07-01'), to: new Date('2026-08-01'), traits: { tier: ['gold'] } }),
    journey: { name: journey!.name, version: journey!.version, versions: (await rt.repos.journeys.versions(journey!.id)).map((v) => [v.version, v.summary]) },
    personas: (await rt.repos.personas.list(ws.id)).map((p) => [p.name, p.jobs]),
    members: (await rt.repos.workspaces.members(ws.id)).map((m) => [m.email, m.role]),
  }
}

beforeAll(async () => {
  source = await instance('source')
  await createUserInWorkspace(source.repos, { email: 'owner@example.com', password: 'password-1', workspace: 'demo' })
  const ws = (await source.repos.workspaces.find('demo'))!
  await createUserInWorkspace(source.repos, { email: 'viewer@example.com', password: 'password-2', workspace: 'demo', role: 'viewer' })
  await createDemo(source, { customers: 600, seed: 11 })
  const [journey] = await source.repos.journeys.list(ws.id)
  await editJourney({ repos: source.repos, workspaceId: ws.id, userId: null }, journey!.id, journey!.version, (d) => ({ ...d, description: 'Edited once' }))
  await source.repos.personas.create(ws.id, { name: 'Mover', description: '', goals: ['online fast'], frustrations: [], valueTier: 'high', jobs: [{ statement: 'When I move, I want to be online, so I can work', outcomes: ['online within 3 days'] }] })
  await source.repos.apiKeys.create({ workspaceId: ws.id, kind: 'write', name: 'site' })
  archive = path.join(tmp.dir, 'demo.backup.tar')
  const manifest = await createBackup(source, ws, archive)
  expect(manifest.files.find((f) => f.table === 'events')!.rows).toBe((await getWorkspaceStats(source.events, ws.id)).events)
}, 180_000)

describe('backup and restore', () => {
  it('backs up every metadata table that belongs to a workspace (a new one needs a foreign key to it, or a place in this list)', () => {
    expect(workspaceOwnedTables().map((t) => t.name)).toEqual(expect.arrayContaining(['workspaces', 'memberships', 'api_keys', 'personas', 'journeys', 'journey_versions']))
    expect(tablesOutsideWorkspaces()).toEqual(['sessions'])
  })

  it('restores a copy beside the original with identical analyses, new ids and no shared keys', async () => {
    const before = await measured(source, 'demo')
    const result = await restoreBackup(source, archive, { slug: 'demo-copy' })
    expect(result).toMatchObject({ copied: true, skipped: ['api_keys', 'invitations'], workspace: { slug: 'demo-copy' } })
    const copy = (await source.repos.workspaces.find('demo-copy'))!
    expect(copy.id).not.toBe((await source.repos.workspaces.find('demo'))!.id)
    expectSameResults(before, await measured(source, 'demo-copy'))
    expect(await source.repos.apiKeys.list(copy.id)).toEqual([])
    const [original] = await source.repos.journeys.list((await source.repos.workspaces.find('demo'))!.id)
    expect((await source.repos.journeys.list(copy.id))[0]!.id).not.toBe(original!.id)
  })

  it('refuses a slug that exists, and a damaged archive, writing nothing', async () => {
    await expect(restoreBackup(source, archive)).rejects.toThrow(/A workspace "demo" exists already: restore as another one with --workspace NEW-SLUG/)
    // One file changed after the backup was written (its manifest kept): refused by its checksum.
    const unpacked = path.join(tmp.dir, 'unpacked')
    fs.mkdirSync(unpacked)
    await tar.extract({ file: archive, cwd: unpacked })
    fs.appendFileSync(path.join(unpacked, 'events/events-0000.jsonl.gz'), 'x')
    const damaged = path.join(tmp.dir, 'damaged.tar')
    await tar.create({ file: damaged, cwd: unpacked }, fs.readdirSync(unpacked))
    await expect(restoreBackup(source, damaged, { slug: 'demo-damaged' })).rejects.toThrow(/The backup is damaged: events\/events-0000.jsonl.gz does not match its checksum/)
    // A torn archive: refused by the archive's own checksums.
    const torn = path.join(tmp.dir, 'torn.tar')
    const bytes = fs.readFileSync(archive)
    bytes[600] = bytes[600]! ^ 0xff // the second entry's header
    fs.writeFileSync(torn, bytes)
    await expect(restoreBackup(source, torn, { slug: 'demo-damaged' })).rejects.toThrow(/cannot be read as a Waymark backup: it is damaged or not one|has no valid manifest/)
    await expect(restoreBackup(source, path.join(tmp.dir, 'nothing.tar'), { slug: 'x' })).rejects.toThrow(/No backup at/)
    fs.writeFileSync(path.join(tmp.dir, 'not-a-backup.tar'), 'hello')
    await expect(restoreBackup(source, path.join(tmp.dir, 'not-a-backup.tar'), { slug: 'x' })).rejects.toThrow(/cannot be read as a Waymark backup|has no valid manifest/)
    expect(await source.repos.workspaces.find('demo-damaged')).toBeUndefined()
  })

  it('is consistent while events keep arriving: exactly what had arrived when it began', async () => {
    const ws = (await source.repos.workspaces.find('demo'))!
    let n = 0
    let sending = true
    const sender = (async () => {
      while (sending) {
        const now = chTime(new Date())
        await source.ingest.write({ events: [{ workspace_id: ws.id, event_id: `late-${++n}`, customer_id: `late-${n % 7}`, anonymous_id: '', user_id: `late-${n % 7}`, ts: now, seq: n, type: 'track', event: 'page_viewed', channel: 'web', source: 'test', properties: {}, context: '{}', score: null, score_kind: '', touchpoint: '', comment: '', revenue: null, received_at: now, off_plan: 0 }] })
      }
    })()
    await new Promise((r) => setTimeout(r, 200))
    const live = path.join(tmp.dir, 'live.tar')
    const manifest = await createBackup(source, ws, live)
    sending = false
    await sender
    const [arrived] = await source.events.query<{ n: string }>('SELECT count() AS n FROM events FINAL WHERE workspace_id = {ws:String} AND received_at <= {cut:DateTime64(3)}', { ws: ws.id, cut: chTime(new Date(manifest.cutoff)) })
    const [total] = await source.events.query<{ n: string }>('SELECT count() AS n FROM events FINAL WHERE workspace_id = {ws:String}', { ws: ws.id })
    expect(Number(total!.n)).toBeGreaterThan(Number(arrived!.n)) // events did arrive after the cutoff
    expect(manifest.files.filter((f) => f.table === 'events').reduce((s, f) => s + f.rows, 0)).toBe(Number(arrived!.n))
    const restored = await restoreBackup(source, live, { slug: 'demo-live' })
    expect(restored.events.events).toBe(Number(arrived!.n))
  })

  it.skipIf(!postgresUrl)('moves a workspace from the embedded stores to PostgreSQL and back, analyses identical, members able to sign in', async () => {
    const db = await createTestDatabase(postgresUrl!)
    try {
      const before = await measured(source, 'demo')
      const sourceWorkspace = (await source.repos.workspaces.find('demo'))!
      const sourceId = sourceWorkspace.id
      const now = path.join(tmp.dir, 'now.tar')
      await createBackup(source, sourceWorkspace, now)
      await closeInstance(source)
      const onPostgres = await instance('on-postgres', { DATABASE_URL: db.url })
      expect(onPostgres.metadata.engine).toBe('postgres')
      expect(await restoreBackup(onPostgres, now)).toMatchObject({ copied: false, skipped: [], workspace: { id: sourceId, slug: 'demo' } })
      expectSameResults(before, await measured(onPostgres, 'demo'))
      expect(await onPostgres.repos.users.verifyCredentials('viewer@example.com', 'password-2')).toMatchObject({ email: 'viewer@example.com' })
      expect(await onPostgres.repos.apiKeys.list((await onPostgres.repos.workspaces.find('demo'))!.id)).toHaveLength(1)

      const back = path.join(tmp.dir, 'from-postgres.tar')
      await createBackup(onPostgres, (await onPostgres.repos.workspaces.find('demo'))!, back)
      await closeInstance(onPostgres)
      const embedded = await instance('back-embedded')
      await restoreBackup(embedded, back)
      expectSameResults(before, await measured(embedded, 'demo'))
    } finally {
      await db.drop()
    }
  }, 120_000)
})
