/**
 * The fuzz run's hands on the server's stores while the server is down (the embedded engines take one process
 * per data directory): `seed DATA_DIR` fills a workspace and prints what the run needs to address it, `digest
 * DATA_DIR WORKSPACE_ID SINCE` prints the workspace's digest. Output: one JSON line.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import { AppError } from '../../src/domain/errors.ts'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import { importEvents } from '../../src/ingest/import-events.ts'
import { loadConfig } from '../../src/config.ts'
import { demoCustomers } from '../../src/demo/generate-demo.ts'
import { quarantineRow } from '../../src/ingest/quarantine.ts'
import { openRuntime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { Tally } from './send-cases.ts'
import { importFileArbitrary, summaryProblem, type StoredEvent } from './targets/import-files.ts'
import { workspaceDigest, type WorkspaceDigest } from './workspace-digest.ts'

export const FUZZ_OWNER = { email: 'fuzz-owner@example.com', password: 'fuzz-password-1', workspace: 'fuzz' }
const DEMO_SEED = 7

export type Seeded = {
  workspaceId: string
  slug: string
  journeyId: string
  keys: { write: string; import: string; read: string }
  /** Track messages as stored, to be re-sent altered under their own message id (the writer must drop them). */
  stored: Array<Record<string, unknown>>
  /** Stored events as a file would repeat them (an import must skip them). */
  storedEvents: StoredEvent[]
  /** The demo journey's document: the base of the bad journey files. */
  journey: JourneyDocument
  /** When seeding ended: quarantined rows from before it are the workspace's own. */
  seededAt: string
  /** The workspace as seeded. */
  digest: WorkspaceDigest
}

async function seed(dataDir: string, customers: number): Promise<Seeded> {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'silent' }))
  try {
    const { workspace } = await createUserInWorkspace(rt.repos, { ...FUZZ_OWNER, role: 'owner' })
    await createDemo(rt, { workspace: FUZZ_OWNER.workspace, customers, seed: DEMO_SEED })
    const [journey] = await rt.repos.journeys.list(workspace.id)
    const key = async (kind: 'write' | 'import' | 'read') => (await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind, name: `fuzz ${kind}` })).secret
    const keys = { write: await key('write'), import: await key('import'), read: await key('read') }
    // The workspace's own quarantine, which the fuzz inputs must leave as it is.
    await rt.ingest.write({
      quarantine: [1, 2, 3].map((n) => quarantineRow({ workspaceId: workspace.id, source: 'collector', reason: `seeded rejection ${n}`, payload: { n }, receivedAt: new Date() })),
    })
    const storedEvents = (
      await rt.events.query<StoredEvent>(
        "SELECT event_id AS id, customer_id AS customer, event, formatDateTime(ts, '%Y-%m-%dT%H:%i:%SZ') AS timestamp FROM events FINAL WHERE workspace_id = {ws:String} ORDER BY event_id LIMIT 40",
        { ws: workspace.id },
      )
    ).filter((e) => !/[",<&\n]/.test(`${e.id}${e.customer}${e.event}`))
    const stored = [...demoCustomers(customers, DEMO_SEED)].flat().filter((m) => m.type === 'track' && typeof m.messageId === 'string').slice(0, 40)
    await new Promise((r) => setTimeout(r, 5))
    const seededAt = new Date()
    return { workspaceId: workspace.id, slug: workspace.slug, journeyId: journey!.id, journey: journey!.document, keys, stored, storedEvents, seededAt: seededAt.toISOString(), digest: await workspaceDigest(rt, workspace.id, seededAt) }
  } finally {
    await rt.close()
  }
}

async function digest(dataDir: string, workspaceId: string, since: string) {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'silent' }), { migrate: false })
  try {
    return await workspaceDigest(rt, workspaceId, new Date(since))
  } finally {
    await rt.close()
  }
}

/**
 * The importers as `waymark import events` runs them (the service, in process, through the group-commit writer):
 * `count` generated files (seeded), each judged by its summary. Prints the target's tally.
 */
async function importFiles(dataDir: string, workspaceId: string, seed: number, count: number, storedFile: string) {
  const stored = JSON.parse(fs.readFileSync(storedFile, 'utf8')) as StoredEvent[]
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'silent' }), { migrate: false })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-fuzz-files-'))
  const tally = new Tally()
  let quarantined = 0
  try {
    const files = fc.sample(importFileArbitrary(stored), { seed, numRuns: count })
    for (const [i, file] of files.entries()) {
      const c = { target: 'import (service)', kind: `${file.format}: ${file.kind}` }
      const at = path.join(dir, `f${i}.${file.format}${file.gzip ? '.gz' : ''}`)
      fs.writeFileSync(at, file.bytes())
      const started = performance.now()
      try {
        const s = await importEvents({ events: rt.events, ingest: rt.ingest }, workspaceId, at, { format: file.format })
        const problem = summaryProblem(file, s)
        tally.count(c, 'summary', s.quarantined, performance.now() - started)
        quarantined += s.quarantined
        if (problem) tally.fail(c, problem, `${file.format} file ${at}: ${file.bytes().subarray(0, 300).toString('utf8')}`)
      } catch (err) {
        const refused = err instanceof AppError && err.status < 500 && (!file.reason || file.reason.test(err.message))
        tally.count(c, refused ? 'refused' : 'error', 0, performance.now() - started)
        if (!refused) tally.fail(c, `the import failed: ${(err as Error).message}`, `${file.format} file: ${file.bytes().subarray(0, 300).toString('utf8')}`)
      } finally {
        fs.rmSync(at, { force: true })
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
    await rt.close()
  }
  return { targets: tally.targets, failures: tally.failures, quarantined }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const [command, dataDir, a, b] = process.argv.slice(2)
  if (command === 'seed' && dataDir) console.log(JSON.stringify(await seed(dataDir, Number(a ?? 150))))
  else if (command === 'import' && dataDir && a && b) console.log(JSON.stringify(await importFiles(dataDir, a, Number(b), Number(process.argv[6]), process.argv[7]!)))
  else if (command === 'digest' && dataDir && a && b) console.log(JSON.stringify(await digest(dataDir, a, b)))
  else {
    console.error('usage: store-tool.ts seed DATA_DIR [CUSTOMERS] | digest DATA_DIR WORKSPACE_ID SINCE | import DATA_DIR WORKSPACE_ID SEED COUNT STORED_JSON')
    process.exitCode = 2
  }
}
