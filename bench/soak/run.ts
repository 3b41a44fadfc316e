/**
 * Soak benchmark: `waymark serve` on embedded stores under sustained collector load (Segment batches from
 * several clients), analyses with changing filters (computed, not cached) and UI-like reads (the journey list,
 * workspace figures, the cached map, customer search), for a configurable time. Every interval it reports the
 * collector's throughput and p50/p99, the reads' p50/p99, analyses done and refused, the server's RSS and the
 * store's size on disk; at the end it fits RSS over time after the warm-up and flags a growth trend.
 * Exits 0 when a target is missed (it is a measurement); non-zero only on errors (failed requests).
 *
 *   npm run bench:soak -- [--minutes 10] [--interval 30] [--clients 8] [--customers 3000]
 *                         [--fixed-data] (analyses read only what was stored before the soak: a leak from a growing working set)
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../src/config.ts'
import { openRuntime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { removeDataDirectory } from '../../src/storage/data-dir.ts'
import { flag, fmt, npmStartNodeFlags, percentile, waitForHealth } from '../bench-utils.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const MINUTES = flag('minutes', 10)
const INTERVAL_S = flag('interval', 30)
const CLIENTS = flag('clients', 8)
const CUSTOMERS = flag('customers', 3000)
/** Analyses over the events stored before the soak only, so what they read stays the same while the store grows. */
const FIXED_DATA = process.argv.includes('--fixed-data')
const PORT = 4000 + Math.floor(Math.random() * 90)
/** RSS growth after the warm-up that counts as a trend: more than this many MB per 10 minutes, fitted. */
const TREND_MB_PER_10MIN = 50
const log = (msg: string) => process.stderr.write(`  … ${msg}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-soak-'))

async function setUp() {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
  try {
    const { workspace } = await createUserInWorkspace(rt.repos, { email: 'soak@example.com', password: 'password-1', workspace: 'demo' })
    log(`filling the demo workspace (${fmt(CUSTOMERS)} customers)`)
    await createDemo(rt, { customers: CUSTOMERS, seed: 9 })
    const journeyId = (await rt.repos.journeys.list(workspace.id))[0]!.id
    return { writeKey: (await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'write', name: 'soak' })).secret, journeyId }
  } finally {
    await rt.close()
  }
}

type Window = { collector: number[]; events: number; reads: number[]; analyses: number[]; refused: number; failed: number }
const emptyWindow = (): Window => ({ collector: [], events: 0, reads: [], analyses: [], refused: 0, failed: 0 })

function duBytes(dir: string): number {
  let total = 0
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      try {
        if (e.isDirectory()) walk(p)
        else total += fs.statSync(p).size
      } catch {
        // a part merged away while walking
      }
    }
  }
  walk(dir)
  return total
}

/** Least-squares slope (per second) and R² of y over t. */
function fit(points: Array<[number, number]>) {
  const n = points.length
  const mt = points.reduce((s, [t]) => s + t, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxy = points.reduce((s, [t, y]) => s + (t - mt) * (y - my), 0)
  const sxx = points.reduce((s, [t]) => s + (t - mt) ** 2, 0)
  const syy = points.reduce((s, [, y]) => s + (y - my) ** 2, 0)
  const slope = sxx ? sxy / sxx : 0
  return { slope, r2: sxx && syy ? (sxy * sxy) / (sxx * syy) : 0 }
}

async function main() {
  const { writeKey, journeyId } = await setUp()
  const server = spawn(process.execPath, [...npmStartNodeFlags(ROOT), path.join(ROOT, 'bin/waymark.js'), 'serve', '--port', String(PORT), '--host', '127.0.0.1'], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', CLICKHOUSE_URL: '', DEMO: 'off', RATE_LIMIT_ANALYTICS: '100000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${PORT}`
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
  let window = emptyWindow()
  let running = true
  const timed = async (into: number[], request: () => Promise<Response>) => {
    const t0 = performance.now()
    const res = await request().catch(() => undefined)
    await res?.arrayBuffer()
    if (res?.status === 503) window.refused++
    else if (res?.status !== 200) window.failed++
    else into.push(performance.now() - t0)
  }
  try {
    await waitForHealth(url)
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'soak@example.com', password: 'password-1' }) })
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const get = (p: string) => () => fetch(`${url}${p}`, { headers: { cookie } })
    const base = `/api/workspaces/demo/journeys/${journeyId}`
    let n = 0
    const collectors = Array.from({ length: CLIENTS }, async (_, c) => {
      while (running) {
        const batch = Array.from({ length: 20 }, () => ({ type: 'track', messageId: `soak-${c}-${++n}`, userId: `soak-${n % 20_000}`, event: n % 3 ? 'page_viewed' : 'app_login', properties: { path: '/' }, context: { channel: n % 3 ? 'web' : 'app' } }))
        const w = window
        await timed(w.collector, () => fetch(`${url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) }))
        w.events += 20
        await sleep(20)
      }
    })
    // Analyses that must compute: the period ends a minute later each time (with --fixed-data, a millisecond earlier,
    // before the soak's first event).
    let k = 0
    const soakStart = Date.now()
    const analyses = (async () => {
      while (running) {
        const to = new Date(FIXED_DATA ? soakStart - ++k : Date.UTC(2030, 0, 1) + ++k * 60_000).toISOString()
        await timed(window.analyses, get(`${base}/${k % 2 ? 'map' : 'funnel'}?to=${to}${k % 2 ? '' : '&steps=visit_site,start_order,bill_paid'}`))
        await sleep(1000)
      }
    })()
    const reads = (async () => {
      const pages = ['/api/workspaces/demo/journeys', '/api/workspaces/demo/stats', `${base}/map${FIXED_DATA ? `?to=${new Date(soakStart).toISOString()}` : ''}`, '/api/workspaces/demo/customers?q=cust-0001', '/api/auth/session']
      for (let i = 0; running; i++) {
        await timed(window.reads, get(pages[i % pages.length]!))
        await sleep(200)
      }
    })()

    const started = Date.now()
    const rows: Array<{ t: number; rate: number; cp50: number; cp99: number; rp50: number; rp99: number; analyses: number; refused: number; failed: number; rss: number; store: number }> = []
    console.log(`\nSoak: ${MINUTES} min, ${CLIENTS} collector clients (20-event batches), an analysis a second (map or funnel, never cached${FIXED_DATA ? ', over the data stored before the soak' : ''}), UI-like reads, embedded stores, ${os.cpus().length} cores\n`)
    console.log('   min   events/s   collector p50 / p99 ms   reads p50 / p99 ms   analyses (refused)   failed   RSS MB   store MB')
    while (Date.now() - started < MINUTES * 60_000) {
      await sleep(INTERVAL_S * 1000)
      const w = window
      window = emptyWindow()
      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
      const c = sorted(w.collector)
      const r = sorted(w.reads)
      const row = { t: (Date.now() - started) / 60_000, rate: w.events / INTERVAL_S, cp50: percentile(c, 50), cp99: percentile(c, 99), rp50: percentile(r, 50), rp99: percentile(r, 99), analyses: w.analyses.length, refused: w.refused, failed: w.failed, rss: rssMb(), store: duBytes(path.join(dataDir, 'events')) / 2 ** 20 }
      rows.push(row)
      console.log(
        `${fmt(row.t, 1).padStart(6)} ${fmt(row.rate).padStart(10)}   ${`${fmt(row.cp50, 0)} / ${fmt(row.cp99, 0)}`.padStart(22)}   ${`${fmt(row.rp50, 0)} / ${fmt(row.rp99, 0)}`.padStart(18)}   ${`${row.analyses} (${row.refused})`.padStart(18)}   ${String(row.failed).padStart(6)}   ${fmt(row.rss).padStart(6)}   ${fmt(row.store, 1).padStart(8)}`,
      )
    }
    running = false
    await Promise.all([...collectors, analyses, reads])
    // The trend after a warm-up of a fifth of the run (caches and the young generation settle first).
    const settled = rows.filter((r) => r.t >= MINUTES / 5)
    const trend = settled.length >= 3 ? fit(settled.map((r) => [r.t * 60, r.rss])) : undefined
    const per10 = trend ? trend.slope * 600 : 0
    const growing = trend !== undefined && per10 > TREND_MB_PER_10MIN && trend.r2 > 0.5
    console.log(`\n  RSS after the warm-up: ${trend ? `${per10 >= 0 ? '+' : ''}${fmt(per10, 1)} MB per 10 min (R² ${fmt(trend.r2, 2)})` : 'too short a run to fit'}: ${growing ? 'GROWING' : 'no growth trend'} (flagged above +${TREND_MB_PER_10MIN} MB per 10 min with R² > 0.5)`)
    const failed = rows.reduce((s, r) => s + r.failed, 0)
    console.log(`  failed requests: ${failed}`)
    if (failed) process.exitCode = 1
  } finally {
    running = false
    server.kill('SIGTERM')
    await new Promise((r) => server.once('close', r))
    removeDataDirectory(dataDir)
  }
}

await main()
