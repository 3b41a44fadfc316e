/**
 * Crash test: the real server (`waymark serve`, embedded stores) takes events from concurrent Segment clients
 * (the real @segment/analytics-node, with its retries) and is killed with SIGKILL at random moments — during
 * group commits, merges and a file import — and restarted, again and again. Clients resend what was not
 * acknowledged with the same messageIds; the import is run again after its kill. At the end every
 * acknowledged event must be stored (lost = 0), and no event may count twice as analyses read them
 * (duplicated = 0). Prints a line per cycle and a JSON summary; exits 1 when anything was lost or doubled.
 *
 *   npm run test:crash -- [--cycles 20] [--clients 8] [--seed 1]
 */
import { Analytics } from '@segment/analytics-node'
import { setMaxListeners } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../src/config.ts'
import { openRuntime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { removeDataDirectory } from '../../src/storage/data-dir.ts'
import { signInOver, startServer, type ServerProcess } from '../support/server-process.ts'

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback)
const CYCLES = arg('cycles', 20)
const CLIENTS = arg('clients', 8)
let seed = arg('seed', 1)
/** A small seeded generator, so a failing run can be repeated. */
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const log = (msg: string) => process.stderr.write(`  … ${msg}\n`)

// Each client's retries listen on one abort signal; many in flight at once are expected here.
setMaxListeners(1000)

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-crash-'))
const env = { DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'warn' }
const IMPORT_ROWS = 60_000

async function setUp(): Promise<string> {
  const rt = await openRuntime(loadConfig({ ...env, LOG_LEVEL: 'silent' }))
  try {
    const { workspace } = await createUserInWorkspace(rt.repos, { email: 'crash@example.com', password: 'password-1', workspace: 'crash' })
    return (await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'write', name: 'crash' })).secret
  } finally {
    await rt.close()
  }
}

/** One Segment client sending events one after another; acknowledged ids are kept, failed ones sent again with the same id. */
function client(n: number, writeKey: string, url: string, acked: Set<string>) {
  const analytics = new Analytics({ writeKey, host: url, flushAt: 20, flushInterval: 100, maxRetries: 1000, httpRequestTimeout: 15_000 })
  let i = 0
  let running = true
  const pending = new Set<string>()
  const send = (messageId: string, userId: string) => {
    pending.add(messageId)
    analytics.track({ messageId, userId, event: 'crash_tested', timestamp: new Date(), properties: { n } }, (err) => {
      if (err) return void setTimeout(() => send(messageId, userId), 500) // not acknowledged: the same id again
      pending.delete(messageId)
      acked.add(messageId)
    })
  }
  const loop = (async () => {
    while (running) {
      send(`crash-${n}-${++i}`, `customer-${n}-${i % 50}`)
      await sleep(5)
    }
  })()
  return {
    sent: () => i,
    pending: () => pending.size,
    async stop() {
      running = false
      await loop
      while (pending.size) await sleep(100)
      await analytics.closeAndFlush({ timeout: 60_000 })
    },
  }
}

function importFile(): string {
  const file = path.join(dataDir, 'import.csv')
  const lines = ['event_id,case_id,activity,timestamp,channel']
  for (let r = 0; r < IMPORT_ROWS; r++) lines.push(`imp-${r},case-${r % 3000},step_${r % 7},2026-03-01T00:00:${String(r % 60).padStart(2, '0')}.${String(r % 1000).padStart(3, '0')}Z,web`)
  fs.writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

async function postImport(server: ServerProcess, file: string): Promise<Response> {
  const headers = await signInOver(server.url, 'crash@example.com', 'password-1')
  return fetch(`${server.url}/api/workspaces/crash/imports?format=csv&name=import.csv`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: fs.readFileSync(file) })
}

async function main() {
  const writeKey = await setUp()
  const acked = new Set<string>()
  let server = await startServer(env)
  await server.waitFor(/Waymark is running on (\S+)/)
  // Clients keep one address: the server comes back on the same port, restarted by the harness.
  const port = Number(new URL(server.url).port)
  const clients = Array.from({ length: CLIENTS }, (_, n) => client(n, writeKey, server.url, acked))
  const file = importFile()
  const importCycle = Math.max(1, Math.floor(CYCLES / 2))
  let importKilled = false
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const importing = cycle === importCycle ? postImport(server, file).catch(() => undefined) : undefined
    const wait = importing ? 300 + random() * 700 : 500 + random() * 2500
    await sleep(wait)
    await server.stop('SIGKILL')
    if (importing) importKilled = (await importing)?.status !== 200
    log(`cycle ${cycle}: killed after ${Math.round(wait)} ms${importing ? ` during a file import (${importKilled ? 'interrupted' : 'it had finished'})` : ''}; ${acked.size.toLocaleString('en')} acknowledged so far`)
    server = await startServer(env, { port })
    await server.waitFor(/Waymark is running/)
    // The next kill comes once the clients deliver again, so that each lands in the middle of their traffic.
    const before = acked.size
    for (let t = 0; t < 200 && acked.size === before; t++) await sleep(50)
  }
  // The import again, after its kill: it completes without doubling what the killed one stored.
  const reimport = await postImport(server, file)
  const summary = (await reimport.json()) as { imported?: number; skipped?: number }
  log(`import re-run: ${reimport.status} ${JSON.stringify(summary)}`)
  log('letting the clients deliver what is still pending')
  await Promise.all(clients.map((c) => c.stop()))
  const sent = clients.reduce((s, c) => s + c.sent(), 0)
  await server.stop()

  const rt = await openRuntime(loadConfig({ ...env, LOG_LEVEL: 'silent' }))
  try {
    const ws = (await rt.repos.workspaces.find('crash'))!.id
    const [counts] = await rt.events.query<{ rows: string; analysed: string; ids: string; imported: string }>(
      `SELECT (SELECT count() FROM events WHERE workspace_id = {ws:String}) AS rows,
              (SELECT count() FROM events FINAL WHERE workspace_id = {ws:String}) AS analysed,
              (SELECT uniqExact(event_id) FROM events FINAL WHERE workspace_id = {ws:String}) AS ids,
              (SELECT count() FROM events FINAL WHERE workspace_id = {ws:String} AND startsWith(event_id, 'imp-')) AS imported`,
      { ws },
    )
    const stored = new Set<string>()
    const ids = await rt.events.query<{ id: string }>("SELECT DISTINCT event_id AS id FROM events WHERE workspace_id = {ws:String} AND startsWith(event_id, 'crash-')", { ws })
    for (const { id } of ids) stored.add(id)
    const lost = [...acked].filter((id) => !stored.has(id))
    const result = {
      cycles: CYCLES,
      clients: CLIENTS,
      sent,
      acknowledged: acked.size,
      stored: stored.size,
      lost: lost.length,
      duplicated: Number(counts!.analysed) - Number(counts!.ids),
      rowsBeforeMerges: Number(counts!.rows),
      importKilled,
      imported: Number(counts!.imported),
      importExpected: IMPORT_ROWS,
    }
    console.log(`\nCrash test: ${CYCLES} SIGKILLs of the server under ${CLIENTS} Segment clients (and one during a file import)`)
    console.log(`  sent ${result.sent.toLocaleString('en')}, acknowledged ${result.acknowledged.toLocaleString('en')}, stored ${result.stored.toLocaleString('en')} (unacknowledged ones that were stored count too)`)
    console.log(`  lost ${result.lost} (acknowledged but not stored), duplicated ${result.duplicated} (as analyses count them; ${result.rowsBeforeMerges - Number(counts!.analysed)} copies await a merge)`)
    console.log(`  file import: ${result.imported.toLocaleString('en')} of ${IMPORT_ROWS.toLocaleString('en')} rows after its kill and a re-run`)
    console.log(JSON.stringify(result))
    if (result.lost || result.duplicated || result.imported !== IMPORT_ROWS) {
      if (lost.length) console.error(`  first lost ids: ${lost.slice(0, 10).join(', ')}`)
      process.exitCode = 1
    }
  } finally {
    await rt.close()
    removeDataDirectory(dataDir)
  }
}

await main()
