/**
 * Analysis benchmark: the full journey analysis (`analyzeJourney`, journey
 * mode, as the server computes the map: its top MAP_VARIANTS variants; once
 * more warm with every variant, as the CLI asks) on embedded chDB over a seeded dataset of 1M and 10M events — cold
 * (first run after reopening the store) and warm (median of 3) — with the
 * process's peak RSS, and the directly-follows graph of Waymark's own query
 * compared with a hand-written single query over the same table in the same
 * run (the engine's limit). Then `waymark analyze` end to end on a CSV, as a
 * fresh process. Exits 0 when targets are missed (it is a measurement);
 * non-zero only on errors.
 *
 *   npm run bench:analyze -- [--sizes 1000000,10000000] [--batch 100000] [--cli-events 1000000 (0 = skip)]
 *                            [--optimize] (merge the table's parts before measuring) [--no-breakdown]
 *                            [--keep DIR] (load into DIR once, reuse it in later runs)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import { fileURLToPath } from 'node:url'
import { analysisScope, type Scope } from '../../src/analytics/analysis-scope.ts'
import { analyzeJourney, MAP_VARIANTS } from '../../src/analytics/analyze-journey.ts'
import { getConformance } from '../../src/analytics/get-conformance.ts'
import { getDrivers } from '../../src/analytics/get-drivers.ts'
import { getFlow } from '../../src/analytics/get-flow.ts'
import { getTouchpointKpis, stepEventCounts } from '../../src/analytics/get-touchpoint-kpis.ts'
import { getTrackingPlan } from '../../src/analytics/get-tracking-plan.ts'
import { ALL_PARTS, withMaterializedScope } from '../../src/analytics/materialized-scope.ts'
import { openEventStore, type EventStore, type QueryParams } from '../../src/storage/events/event-store.ts'
import { removeDataDirectory } from '../../src/storage/data-dir.ts'
import { embeddedEnv, flag, fmt, listFlag, median, runChild } from '../bench-utils.ts'
import { benchEvents, benchJourney, CSV_HEADER, toCsvLine } from './generate.ts'
import { loadBenchEvents } from './load.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SIZES = listFlag('sizes', [1_000_000, 10_000_000])
const BATCH = flag('batch', 100_000)
const CLI_EVENTS = flag('cli-events', 1_000_000)
const OPTIMIZE = process.argv.includes('--optimize')
/** --keep DIR: load each size into DIR once and reuse it in later runs (for measuring changes to the analyses). */
const KEEP = process.argv.includes('--keep') ? path.resolve(process.argv[process.argv.indexOf('--keep') + 1] ?? '') : undefined
const BREAKDOWN = !process.argv.includes('--no-breakdown')
const SEED = 7
const WS = 'bench'
const WARM_RUNS = 5
const TARGET = { warm10M: 5, dfgRatio: 1.5, rssMb: 2048, fullOverScan: 3 }

const loadAverage = os.loadavg()[0]!.toFixed(2)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-analyze-'))
const doc = benchJourney()

const log = (msg: string) => process.stderr.write(`  … ${msg}\n`)
const seconds = (t0: number) => (performance.now() - t0) / 1000
// As the server opens it (longLived: expressions compiled from their second run).
const storeOptions = (dataDir: string) => ({ dataDir, url: undefined, user: 'default', password: '', database: 'waymark', cluster: undefined, longLived: true })

async function timed<T>(fn: () => Promise<T>): Promise<{ s: number; value: T }> {
  const t0 = performance.now()
  const value = await fn()
  return { s: seconds(t0), value }
}

async function warmMedian(fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = []
  for (let i = 0; i < WARM_RUNS; i++) runs.push((await timed(fn)).s)
  return median(runs)
}

// A full garbage collection before each measured phase, so the loader's leftovers do not count as the analysis's.
v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void

/**
 * Peak RSS of this process, per phase: VmHWM, reset by writing 5 to
 * /proc/self/clear_refs (Linux ≥ 4.0). Where the reset is refused, the peak
 * since the process started (getrusage maxRSS) is all there is.
 */
const peak = {
  resettable: true,
  reset() {
    collectGarbage()
    try {
      fs.writeFileSync('/proc/self/clear_refs', '5')
    } catch {
      this.resettable = false
    }
  },
  mb(): number {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1])
      if (kb > 0) return kb / 1024
    } catch {
      // not Linux: fall through
    }
    return process.resourceUsage().maxRSS / 1024
  },
}

/** The store with only the queries `keep` accepts sent to the engine; the others answer no rows. */
function onlyQueries(store: EventStore, keep: (sql: string) => boolean, seen: { n: number }): EventStore {
  return {
    ...store,
    query<T>(sql: string, params?: QueryParams): Promise<T[]> {
      if (!keep(sql)) return Promise.resolve([])
      seen.n++
      return store.query<T>(sql, params)
    },
  }
}

/** The store with its queries run one at a time and timed, so each can be attributed. */
function serialStore(store: EventStore, times: Array<{ sql: string; s: number }>): EventStore {
  let queue: Promise<unknown> = Promise.resolve()
  return {
    ...store,
    query<T>(sql: string, params?: QueryParams): Promise<T[]> {
      const run = queue.then(async () => {
        const { s, value } = await timed(() => store.query<T>(sql, params))
        times.push({ sql, s })
        return value
      })
      queue = run.catch(() => undefined)
      return run
    },
  }
}

const HAND_WRITTEN_DFG = `
  SELECT a, b, count() AS n
  FROM (
    SELECT customer_id, arrayMap(x -> x.3, arraySort(x -> (x.1, x.2), groupArray((ts, seq, event)))) AS path
    FROM events
    WHERE workspace_id = {ws:String} AND event != ''
    GROUP BY customer_id
  )
  ARRAY JOIN arrayPopBack(path) AS a, arrayPopFront(path) AS b
  GROUP BY a, b
  ORDER BY n DESC, a, b`

type Result = {
  events: number
  customers: number
  parts: number
  loadS: number
  loadRssMb: number
  coldS: number
  warmS: number
  /** Warm, with every variant rather than the map's top ones. */
  warmAllS: number
  rssMb: number
  dfgOwnS: number
  dfgHandS: number
  flowS: number
  breakdown: Array<{ name: string; s: number; queries: Array<{ sql: string; s: number }> }>
}

/** Engine caches emptied after reopening, so the first analysis reads from disk structures afresh (the OS page cache stays warm). */
async function dropEngineCaches(store: EventStore) {
  for (const cache of ['MARK CACHE', 'UNCOMPRESSED CACHE', 'QUERY CACHE', 'MMAP CACHE']) {
    await store.command(`SYSTEM DROP ${cache}`).catch(() => undefined)
  }
}

async function benchSize(n: number): Promise<Result> {
  const dataDir = path.join(KEEP ?? tmp, `data-${n}`)
  const label = `${fmt(n / 1e6, n % 1e6 ? 1 : 0)}M`
  peak.reset()
  let store = await openEventStore(storeOptions(dataDir))
  try {
    await store.migrate()
    const [kept] = await store.query<{ n: string }>('SELECT count() AS n FROM events FINAL')
    const reuse = KEEP !== undefined && Number(kept?.n) === n
    log(reuse ? `${label}: reusing the ${fmt(n)} events kept in ${dataDir}` : `${label}: loading ${fmt(n)} events in batches of ${fmt(BATCH)}`)
    const loadS = reuse ? 0 : await loadBenchEvents(store, WS, n, { batch: BATCH, seed: SEED, log })
    if (OPTIMIZE) {
      const { s } = await timed(() => store.command('OPTIMIZE TABLE events FINAL'))
      log(`${label}: parts merged in ${fmt(s, 1)} s`)
    }
    const [stats] = await store.query<{ events: string; customers: string }>(
      'SELECT count() AS events, uniqExact(customer_id) AS customers FROM events WHERE workspace_id = {ws:String}',
      { ws: WS },
    )
    const [parts] = await store.query<{ n: string }>("SELECT count() AS n FROM system.parts WHERE database = currentDatabase() AND table = 'events' AND active")
    if (Number(stats?.events) !== n) throw new Error(`${fmt(Number(stats?.events))} of ${fmt(n)} events stored`)
    const loadRssMb = peak.mb()
    log(`${label}: loaded in ${fmt(loadS, 1)} s (${fmt(Number(stats?.customers))} customers, ${parts?.n} parts)`)

    // Cold: a fresh session on the same data, engine caches dropped.
    await store.close()
    store = await openEventStore(storeOptions(dataDir))
    await dropEngineCaches(store)
    await store.releaseMemory()
    peak.reset()
    const asTheServer = () => analyzeJourney(store, WS, doc, {}, { variantLimit: MAP_VARIANTS })
    const cold = await timed(asTheServer)
    const a = cold.value
    if (a.summary.customers === 0 || a.flow.dfg.length === 0 || a.touchpoints.length !== 25) throw new Error('the analysis came back empty')
    log(`${label}: cold analysis ${fmt(cold.s, 2)} s (${a.flow.dfg.length} DFG edges, ${fmt(a.variants.length)} variants, ${a.redPoints.length} red points, ${a.drivers.length} drivers, fitness ${fmt(a.conformance.fitness * 100, 1)} %)`)
    const warmS = await warmMedian(asTheServer)
    const warmAllS = await warmMedian(() => analyzeJourney(store, WS, doc))
    const rssMb = peak.mb()
    log(`${label}: warm analysis ${fmt(warmS, 2)} s (median of ${WARM_RUNS}; ${fmt(warmAllS, 2)} s with every variant), peak RSS ${fmt(rssMb)} MB`)

    // DFG: Waymark's own query (getFlow's DFG query alone, raw-event mode, after reading the names its paths number)
    // against a hand-written one.
    const rawScope = analysisScope(WS, undefined)
    const seen = { n: 0 }
    const dfgOnly = onlyQueries(store, (sql) => sql.includes('arrayPopBack(path)') || sql.includes('AS steps'), seen)
    const own = await getFlow(dfgOnly, rawScope)
    if (seen.n !== 2) throw new Error(`expected getFlow to read the names and send one DFG query (with arrayPopBack(path)), saw ${seen.n} queries: update the benchmark`)
    const hand = await store.query<{ a: string; b: string; n: string }>(HAND_WRITTEN_DFG, { ws: WS })
    const key = (r: [string, string, number]) => `${r[0]}>${r[1]}=${r[2]}`
    if (own.dfg.map(key).sort().join() !== hand.map((r) => key([r.a, r.b, Number(r.n)])).sort().join()) {
      throw new Error('the DFG of getFlow differs from the hand-written query')
    }
    // Interleaved, so that load from other processes hits both alike.
    const ownRuns: number[] = []
    const handRuns: number[] = []
    for (let k = 0; k < WARM_RUNS; k++) {
      ownRuns.push((await timed(() => getFlow(dfgOnly, rawScope))).s)
      handRuns.push((await timed(() => store.query(HAND_WRITTEN_DFG, { ws: WS }))).s)
    }
    const dfgOwnS = median(ownRuns)
    const dfgHandS = median(handRuns)
    const flowS = await warmMedian(() => getFlow(store, rawScope))
    log(`${label}: DFG own ${fmt(dfgOwnS, 2)} s, hand-written ${fmt(dfgHandS, 2)} s; whole getFlow (raw events) ${fmt(flowS, 2)} s`)

    const breakdown: Result['breakdown'] = []
    if (BREAKDOWN) {
      const scope = analysisScope(WS, doc)
      let stepEvents = new Map<string, number>()
      const parts: Array<[string, (s: EventStore, scope: Scope) => Promise<unknown>]> = [
        ['getTouchpointKpis', async (s, sc) => (stepEvents = stepEventCounts(await getTouchpointKpis(s, sc, doc)))],
        ['getFlow', (s, sc) => getFlow(s, sc, { variantLimit: MAP_VARIANTS })],
        ['getConformance', (s, sc) => getConformance(s, sc, doc.stages.map((st) => st.key))],
        ['getTrackingPlan', (s, sc) => getTrackingPlan(s, WS, doc, {}, { customers: false, inScope: { scope: sc, stepEvents } })],
        ['getDrivers', (s, sc) => getDrivers(s, sc, doc)],
      ]
      // As analyzeJourney runs them: on the scope's materialised paths and feedback.
      const t0 = performance.now()
      await withMaterializedScope(store, scope, [...ALL_PARTS, 'unmapped'], async (tables) => {
        breakdown.push({ name: 'materialise scope', s: seconds(t0), queries: [] })
        for (const [name, fn] of parts) {
          const queries: Array<{ sql: string; s: number }> = []
          const { s } = await timed(() => fn(serialStore(store, queries), tables))
          breakdown.push({ name, s, queries })
        }
      })
      log(`${label}: breakdown ${breakdown.map((b) => `${b.name} ${fmt(b.s, 2)} s`).join(', ')}`)
    }
    return {
      events: n,
      customers: Number(stats?.customers),
      parts: Number(parts?.n),
      loadS,
      loadRssMb,
      coldS: cold.s,
      warmS,
      warmAllS,
      rssMb,
      dfgOwnS,
      dfgHandS,
      flowS,
      breakdown,
    }
  } finally {
    await store.close()
    if (!KEEP) removeDataDirectory(dataDir)
  }
}

/**
 * A short, recognisable name for a query: what its outermost SELECT selects
 * (after any WITH clause; subqueries in parentheses skipped).
 */
function querySketch(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  let depth = 0
  let start = -1
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i]
    if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && start < 0 && i > 0 && flat.startsWith('SELECT ', i)) start = i + 7
    else if (depth === 0 && start >= 0 && flat.startsWith(' FROM ', i)) {
      return clip(flat.slice(start, i))
    }
    if (i === 0 && flat.startsWith('SELECT ')) start = 7
  }
  return clip(flat.slice(Math.max(0, start)))
}

const run = (args: string[]) => runChild(process.execPath, args, { cwd: ROOT, env: embeddedEnv() })
const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text)

type CliResult = { skipped: string } | { s: number; rssMb: number; events: number; customers: number }

/** `waymark analyze` as a user runs it: a fresh process importing a CSV into a temporary engine. */
async function benchCli(n: number): Promise<CliResult> {
  const bin = path.join(ROOT, 'bin/waymark.js')
  const help = await run([bin, '--help'])
  if (help.code !== 0 || !/^\s+analyze\b/m.test(help.stdout)) return { skipped: 'waymark analyze not available' }
  const csv = path.join(tmp, 'events.csv')
  const journey = path.join(tmp, 'journey.json')
  const out = path.join(tmp, 'analysis.json')
  fs.writeFileSync(journey, JSON.stringify(doc, null, 2))
  const fd = fs.openSync(csv, 'w')
  let lines: string[] = [CSV_HEADER]
  for (const e of benchEvents(n, SEED)) {
    lines.push(toCsvLine(e))
    if (lines.length >= 50_000) {
      fs.writeSync(fd, `${lines.join('\n')}\n`)
      lines = []
    }
  }
  fs.writeSync(fd, lines.length ? `${lines.join('\n')}\n` : '')
  fs.closeSync(fd)
  log(`CLI: ${fmt(n)}-event CSV written (${fmt(fs.statSync(csv).size / 2 ** 20)} MB); running waymark analyze`)
  const r = await run([bin, 'analyze', '--events', csv, '--journey', journey, '--format', 'json', '--out', out])
  if (r.code !== 0) throw new Error(`waymark analyze exited with ${r.code}: ${r.stderr.trim().split('\n')[0]}`)
  const a = JSON.parse(fs.readFileSync(out, 'utf8')) as { summary: { events: number; customers: number } }
  return { s: r.s, rssMb: r.peakMb, events: a.summary.events, customers: a.summary.customers }
}

function report(results: Result[], cli: CliResult | undefined) {
  const steps = doc.stages.reduce((k, s) => k + s.steps.length, 0)
  console.log(
    `\nAnalysis benchmark: embedded chDB, ${os.cpus().length} cores, node ${process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || 'without flags'} (as the server), journey of ${doc.stages.length} stages × ${steps} touchpoints, seed ${SEED}, ` +
      `warm = median of ${WARM_RUNS}${OPTIMIZE ? ', parts merged' : ''}${peak.resettable ? '' : ' (peak RSS since process start: no per-phase reset)'}; ` +
      `load average ${loadAverage} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (other processes share the cores)\n`,
  )
  const head = ['events', 'customers', 'parts', 'load s', 'load RSS MB', 'cold s', 'warm s', 'warm, all variants s', 'peak RSS MB', 'DFG own s', 'DFG hand s', 'DFG ratio', 'getFlow s']
  const rows = results.map((r) => [
    fmt(r.events),
    fmt(r.customers),
    String(r.parts),
    fmt(r.loadS, 1),
    fmt(r.loadRssMb),
    fmt(r.coldS, 2),
    fmt(r.warmS, 2),
    fmt(r.warmAllS, 2),
    fmt(r.rssMb),
    fmt(r.dfgOwnS, 2),
    fmt(r.dfgHandS, 2),
    `${fmt(r.dfgOwnS / r.dfgHandS, 2)}×`,
    fmt(r.flowS, 2),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padStart(widths[i]!)).join('  ')}`
  console.log(line(head))
  for (const r of rows) console.log(line(r))
  console.log(`  (cold, warm: the map's analysis, top ${MAP_VARIANTS} variants; peak RSS: during the analyses, the loader excluded; load RSS: while loading; getFlow: DFG + start/end + variants, raw-event mode)`)

  if (results.some((r) => r.breakdown.length)) {
    console.log('\n  Warm time per analysis, its queries timed one by one (embedded chDB runs one query at a time in any case):')
    for (const r of results) {
      if (!r.breakdown.length) continue
      console.log(`  ${fmt(r.events)} events:`)
      for (const b of [...r.breakdown].sort((x, y) => y.s - x.s)) {
        console.log(`    ${b.name.padEnd(18)} ${fmt(b.s, 2).padStart(7)} s`)
        for (const q of [...b.queries].sort((x, y) => y.s - x.s).slice(0, 3)) console.log(`      ${fmt(q.s, 2).padStart(7)} s  ${querySketch(q.sql)}`)
      }
    }
  }

  console.log('\n  Targets')
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')
  const tenM = results.find((r) => r.events === 10_000_000)
  console.log(`    10M events warm ≤ ${TARGET.warm10M} s: ${tenM ? `${verdict(tenM.warmS <= TARGET.warm10M)} (${fmt(tenM.warmS, 2)} s)` : 'not measured (10M not in --sizes)'}`)
  for (const r of results) {
    const ratio = r.dfgOwnS / r.dfgHandS
    console.log(`    ${fmt(r.events)} events: DFG ≤ ${TARGET.dfgRatio}× hand-written: ${verdict(ratio <= TARGET.dfgRatio)} (${fmt(ratio, 2)}×); peak RSS ≤ ${fmt(TARGET.rssMb / 1024)} GB: ${verdict(r.rssMb <= TARGET.rssMb)} (${fmt(r.rssMb)} MB analysing, ${fmt(r.loadRssMb)} MB loading)`)
    // The machine's speed moves from day to day; the hand-written scan of the same run moves with it.
    const full = r.warmS / r.dfgHandS
    console.log(`    ${fmt(r.events)} events: full analysis ≤ ${TARGET.fullOverScan}× the hand-written DFG scan: ${verdict(full <= TARGET.fullOverScan)} (${fmt(full, 2)}×: ${fmt(r.warmS, 2)} s ÷ ${fmt(r.dfgHandS, 2)} s)`)
  }
  if (cli) {
    console.log('\n  waymark analyze, end to end (fresh process, CSV import into a temporary engine + journey analysis + JSON out)')
    if ('skipped' in cli) console.log(`    skipped: ${cli.skipped}`)
    else console.log(`    ${fmt(CLI_EVENTS)}-event CSV: ${fmt(cli.s, 1)} s wall, peak RSS ${fmt(cli.rssMb)} MB (${fmt(cli.events)} events in scope, ${fmt(cli.customers)} customers)`)
  }
}

try {
  const results: Result[] = []
  for (const n of SIZES) results.push(await benchSize(n))
  const cli = CLI_EVENTS > 0 ? await benchCli(CLI_EVENTS) : undefined
  report(results, cli)
} catch (err) {
  console.error(`bench:analyze failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  process.exitCode = 1
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
