/**
 * Admission benchmark: K concurrent analyses of an N-event workspace against `waymark serve` on embedded
 * stores with a memory budget (ANALYSIS_MEMORY_MB), while Segment-style batches keep arriving at the
 * collector. Reports the server's RSS against its RSS at rest plus the budget, how many analyses ran and
 * how many were refused (503 + Retry-After), and the collector's latency idle and under the analyses.
 * Exits 0 when a target is missed (it is a measurement); non-zero only on errors.
 *
 *   npm run bench:admission -- [--events 10000000] [--concurrent 8] [--budget-mb 4096] [--queue-seconds 60]
 *                              [--idle-seconds 5] [--keep DIR] (load into DIR once, reuse it in later runs)
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../src/config.ts'
import { openRuntime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { removeDataDirectory } from '../../src/storage/data-dir.ts'
import { benchJourney } from '../analyze/generate.ts'
import { loadBenchEvents } from '../analyze/load.ts'
import { flag, fmt, npmStartNodeFlags, percentile, waitForHealth } from '../bench-utils.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const EVENTS = flag('events', 10_000_000)
const CONCURRENT = flag('concurrent', 8)
const BUDGET_MB = flag('budget-mb', 4096)
const QUEUE_SECONDS = flag('queue-seconds', 60)
const IDLE_SECONDS = flag('idle-seconds', 5)
const KEEP = process.argv.includes('--keep') ? path.resolve(process.argv[process.argv.indexOf('--keep') + 1] ?? '') : undefined
const PORT = 3990 + Math.floor(Math.random() * 9)
const EMAIL = 'bench@example.com'
const PASSWORD = 'password-1'
const log = (msg: string) => process.stderr.write(`  … ${msg}\n`)

const dataDir = path.join(KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-admission-')), `admission-${EVENTS}`)

/** The workspace with its journey and N seeded events (kept in --keep DIR), and a write key for the collector load. */
async function setUp(): Promise<{ writeKey: string; journeyId: string }> {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
  try {
    const existing = await rt.repos.workspaces.find('bench')
    const ws = existing ?? (await createUserInWorkspace(rt.repos, { email: EMAIL, password: PASSWORD, workspace: 'bench' })).workspace
    const journeyId = existing ? (await rt.repos.journeys.list(ws.id))[0]!.id : (await rt.repos.journeys.create(ws.id, benchJourney(), null)).id
    const [row] = await rt.events.query<{ n: string }>("SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND source = 'bench'", { ws: ws.id })
    if (Number(row?.n) < EVENTS) {
      log(`loading ${fmt(EVENTS)} events`)
      await loadBenchEvents(rt.events, ws.id, EVENTS, { batch: 100_000, seed: 7, log })
    } else log(`reusing the ${fmt(EVENTS)} events kept in ${dataDir}`)
    const { secret } = await rt.repos.apiKeys.create({ workspaceId: ws.id, kind: 'write', name: 'admission bench' })
    return { writeKey: secret, journeyId }
  } finally {
    await rt.close()
  }
}

/** Collector batches of 20 events, one request at a time per client, until stopped; each request's latency. */
function collectorLoad(url: string, writeKey: string, clients: number) {
  const latencies: number[] = []
  let failures = 0
  let running = true
  let n = 0
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
  const done = Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (running) {
        const batch = Array.from({ length: 20 }, () => ({ type: 'track', messageId: `load-${c}-${++n}`, userId: `load-${n % 5000}`, event: 'page_viewed', properties: { path: '/' }, context: { channel: 'web' } }))
        const t0 = performance.now()
        const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) }).catch(() => undefined)
        await res?.text()
        if (res?.status !== 200) failures++
        latencies.push(performance.now() - t0)
        await new Promise((r) => setTimeout(r, 50))
      }
    }),
  )
  return {
    async stop() {
      running = false
      await done
      const sorted = [...latencies].sort((a, b) => a - b)
      return { requests: sorted.length, failures, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
    },
  }
}

async function main() {
  const { writeKey, journeyId } = await setUp()
  const server = spawn(process.execPath, [...npmStartNodeFlags(ROOT), path.join(ROOT, 'bin/waymark.js'), 'serve', '--port', String(PORT), '--host', '127.0.0.1'], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', CLICKHOUSE_URL: '', DEMO: 'off', ANALYSIS_MEMORY_MB: String(BUDGET_MB), ANALYSIS_QUEUE_SECONDS: String(QUEUE_SECONDS) },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${PORT}`
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  try {
    await waitForHealth(url)
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) })
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')

    log(`collector alone, ${IDLE_SECONDS} s`)
    const idle = collectorLoad(url, writeKey, 4)
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000))
    const idleLatency = await idle.stop()
    const restMb = rssMb()

    log(`${CONCURRENT} analyses at once, the collector still sending`)
    let peakMb = restMb
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb())), 50)
    const busy = collectorLoad(url, writeKey, 4)
    const t0 = performance.now()
    // Each asks a different period (one day more each), so none is answered from another's cache entry.
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, i) => {
        const started = performance.now()
        const res = await fetch(`${url}/api/workspaces/bench/journeys/${journeyId}/map?to=${new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10)}`, { headers: { cookie } })
        await res.arrayBuffer()
        return { status: res.status, retryAfter: res.headers.get('retry-after'), seconds: (performance.now() - started) / 1000 }
      }),
    )
    const wall = (performance.now() - t0) / 1000
    const busyLatency = await busy.stop()
    clearInterval(sampler)

    const ran = answers.filter((a) => a.status === 200)
    const refused = answers.filter((a) => a.status === 503)
    const budgetHeld = peakMb - restMb <= BUDGET_MB
    console.log(`\nAdmission benchmark: ${CONCURRENT} concurrent analyses (GET …/map) of ${fmt(EVENTS)} events, budget ANALYSIS_MEMORY_MB=${fmt(BUDGET_MB)}, queue ${QUEUE_SECONDS} s, embedded stores, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GB\n`)
    console.log(`  analyses            ${ran.length} answered (${ran.map((a) => fmt(a.seconds, 1)).join(', ')} s), ${refused.length} refused with 503 (Retry-After ${refused[0]?.retryAfter ?? '–'} s), others ${answers.length - ran.length - refused.length}; all in ${fmt(wall, 1)} s`)
    console.log(`  server RSS          ${fmt(restMb)} MB at rest → ${fmt(peakMb)} MB peak: +${fmt(peakMb - restMb)} MB against a budget of ${fmt(BUDGET_MB)} MB (${budgetHeld ? 'held' : 'EXCEEDED'})`)
    console.log(`  collector, idle     p50 ${fmt(idleLatency.p50, 1)} ms, p99 ${fmt(idleLatency.p99, 1)} ms (${fmt(idleLatency.requests)} requests, ${idleLatency.failures} failed)`)
    console.log(`  collector, busy     p50 ${fmt(busyLatency.p50, 1)} ms, p99 ${fmt(busyLatency.p99, 1)} ms (${fmt(busyLatency.requests)} requests, ${busyLatency.failures} failed)`)
    console.log(`\n  Targets\n    RSS growth ≤ the budget: ${budgetHeld ? 'met' : 'NOT met'}\n    the collector keeps answering: ${busyLatency.failures === 0 && busyLatency.requests > 0 ? 'met' : 'NOT met'} (p99 ${fmt(busyLatency.p99, 0)} ms)`)
    if (answers.length !== ran.length + refused.length) process.exitCode = 1
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('close', r))
    if (!KEEP) removeDataDirectory(path.dirname(dataDir))
  }
}

await main()
