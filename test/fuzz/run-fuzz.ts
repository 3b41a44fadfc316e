import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import fc from 'fast-check'
import { removeDataDirectory } from '../../src/storage/data-dir.ts'
import { signInOver, startServer } from '../support/server-process.ts'
import type { FuzzCase } from './fuzz-case.ts'
import { sampleRss, type RssReport } from './rss-sampler.ts'
import { sendCases, Tally } from './send-cases.ts'
import { FUZZ_OWNER, type Seeded } from './store-tool.ts'
import { apiArbitrary, type OpenApi } from './targets/api.ts'
import { collectorArbitrary, resendArbitrary } from './targets/collector.ts'
import { importFileArbitrary, importUploadCase } from './targets/import-files.ts'
import { journeyFileArbitrary, journeyImportCase, parserProblem } from './targets/journeys.ts'
import { storedChanges, type WorkspaceDigest } from './workspace-digest.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type FuzzOptions = {
  /** Bad inputs in total, shared among the targets (SHARES). */
  inputs: number
  seed: number
  concurrency: number
  /** An answer later than this is a hang. */
  timeoutMs: number
  /** The server's resident memory may not pass this, nor grow by more than `rssGrowthMb` from the first to the last third of the run. */
  rssCeilingMb: number
  rssGrowthMb: number
  /** Progress lines (stderr by default). */
  log?: (msg: string) => void
}
export const DEFAULT_OPTIONS: FuzzOptions = { inputs: 11_000, seed: 1, concurrency: 6, timeoutMs: 20_000, rssCeilingMb: 1536, rssGrowthMb: 150 }

/** The server's limit on an uploaded file: some generated files are larger. */
const IMPORT_MAX_MB = 4

/** Shares of the inputs per target. */
const SHARES = { collector: 0.36, resends: 0.02, api: 0.3, journeyImport: 0.06, journeyParser: 0.12, importUpload: 0.06, importService: 0.08 }

async function storeTool(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fuzz/store-tool.ts'), ...args], { cwd: ROOT, maxBuffer: 64 * 2 ** 20, env: { ...process.env, DATABASE_URL: '', CLICKHOUSE_URL: '' } })
  return stdout.trim().split('\n').at(-1)!
}

/** Shuffled with the seed, so that every phase of the run has the same mix (the memory trend compares like with like). */
function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed
  const rnd = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

export type FuzzSummary = {
  inputs: number
  seed: number
  targets: Record<string, { inputs: number; failures: number }>
  failures: number
  bugs: number
  quarantined: number
  rss: RssReport
  seconds: number
  ok: boolean
}

/** One whole run: seeds a workspace, starts the server, sends every target's inputs, checks the store; prints the report. */
export async function runFuzz(options: Partial<FuzzOptions> = {}, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<FuzzSummary> {
  const o = { ...DEFAULT_OPTIONS, ...options }
  const SEED = o.seed
  const log = o.log ?? ((msg: string) => process.stderr.write(`  … ${msg}\n`))
  const countFor = (target: keyof typeof SHARES) => Math.max(1, Math.round(o.inputs * SHARES[target]))
  const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number) => fc.sample(arb, { seed: SEED * 1000 + salt, numRuns: n })
  const shuffle = <T>(items: T[]) => shuffled(items, SEED)
  const started = Date.now()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-fuzz-'))
  const tally = new Tally()
  const bugs: string[] = []
  try {
    log('seeding a workspace (demo journey, customers, keys, quarantine)')
    const seeded = JSON.parse(await storeTool('seed', dataDir, '150')) as Seeded
    const before = seeded.digest

    const env = { DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'error', RATE_LIMIT_ANALYTICS: '1000000', RATE_LIMIT_COLLECTOR: '1000000', IMPORT_MAX_MB: String(IMPORT_MAX_MB) }
    const server = await startServer(env)
    await server.waitFor(/Waymark is running/)
    const session = await signInOver(server.url, FUZZ_OWNER.email, FUZZ_OWNER.password)

    const uploadAuth = [session, { authorization: `Bearer ${seeded.keys.import}` }]
    const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi
    const journeyFiles = sample(journeyFileArbitrary(seeded.journey), countFor('journeyParser'), 4)
    const cases: FuzzCase[] = shuffle([
      ...sample(collectorArbitrary(seeded), countFor('collector'), 1),
      ...sample(resendArbitrary(seeded), countFor('resends'), 2),
      ...sample(apiArbitrary(openapi, { slug: seeded.slug, journeyId: seeded.journeyId, session }), countFor('api'), 3),
      ...sample(journeyFileArbitrary(seeded.journey), countFor('journeyImport'), 5).map((f) => journeyImportCase(f, seeded.slug, session)),
      ...sample(importFileArbitrary(seeded.storedEvents), countFor('importUpload'), 6).map((f, i) => importUploadCase(f, seeded.slug, uploadAuth[i % 2]!, IMPORT_MAX_MB * 2 ** 20)),
    ])
    // The journey parser in process, as `waymark journey import` runs it.
    for (const f of journeyFiles) {
      const started = performance.now()
      const problem = parserProblem(f)
      const c = { target: 'journey parser', kind: `${f.format}: ${f.kind}` }
      tally.count(c, problem ? 'wrong' : 'refused', 0, performance.now() - started)
      if (problem) tally.fail(c, problem, `${f.format}: ${String(f.text).slice(0, 400)}`)
    }
    log(`sending ${cases.length.toLocaleString('en')} inputs to the server, ${o.concurrency} at a time`)
    const rss = sampleRss(server.child.pid!)
    let lastLog = Date.now()
    let expectedQuarantine = await sendCases(server.url, cases, tally, {
      concurrency: o.concurrency,
      timeoutMs: o.timeoutMs,
      onProgress: (done) => {
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now()
          log(`${done.toLocaleString('en')} of ${cases.length.toLocaleString('en')} answered, ${tally.failures.length} failures`)
        }
      },
    })
    const memory = rss.stop()
    const alive = server.child.exitCode === null && server.child.signalCode === null && (await fetch(`${server.url}/health`).then((r) => r.status === 200).catch(() => false))
    if (!alive) bugs.push(`the server is not up after the run:\n${server.output().slice(-2000)}`)
    if (memory.maxMb > o.rssCeilingMb) bugs.push(`server memory reached ${memory.maxMb} MB (ceiling ${o.rssCeilingMb} MB)`)
    if (memory.growthMb > o.rssGrowthMb) bugs.push(`server memory grew ${memory.growthMb} MB from the first to the last third of the run (at most ${o.rssGrowthMb} MB)`)
    const errorsLogged = server.output().split('\n').filter((l) => /"level":50|unhandled|response does not match/i.test(l))
    if (errorsLogged.length) bugs.push(`the server logged ${errorsLogged.length} errors, e.g. ${errorsLogged[0]!.slice(0, 400)}`)
    await server.stop()

    // The importers as the CLI runs them, in process on the same stores (the server is down: one process per data directory).
    log(`importing ${countFor('importService')} generated files through the import service`)
    const storedFile = path.join(dataDir, 'fuzz-stored-events.json')
    fs.writeFileSync(storedFile, JSON.stringify(seeded.storedEvents))
    const service = JSON.parse(await storeTool('import', dataDir, seeded.workspaceId, String(SEED * 1000 + 7), String(countFor('importService')), storedFile)) as { targets: Tally['targets']; failures: Tally['failures']; quarantined: number }
    Object.assign(tally.targets, service.targets)
    tally.failures.push(...service.failures)
    expectedQuarantine += service.quarantined

    const after = JSON.parse(await storeTool('digest', dataDir, seeded.workspaceId, seeded.seededAt)) as WorkspaceDigest
    for (const change of storedChanges(before, after)) bugs.push(`stored data changed: ${change}`)
    const newQuarantine = after.newQuarantine - before.newQuarantine
    if (newQuarantine !== expectedQuarantine) bugs.push(`the quarantine grew by ${newQuarantine} rows; the answers said ${expectedQuarantine} inputs were kept`)
    if (after.newQuarantineWithoutReason) bugs.push(`${after.newQuarantineWithoutReason} quarantined rows have no reason`)

    return report(tally, { seed: SEED, memory, expectedQuarantine, newQuarantine, bugs, seconds: (Date.now() - started) / 1000 }, out)
  } finally {
    removeDataDirectory(dataDir)
  }
}

function report(tally: Tally, run: { seed: number; memory: RssReport; expectedQuarantine: number; newQuarantine: number; bugs: string[]; seconds: number }, out: (line: string) => void): FuzzSummary {
  out(`\nFuzz: ${tally.inputs.toLocaleString('en')} bad inputs (seed ${run.seed}) in ${run.seconds.toFixed(0)} s`)
  for (const [target, t] of Object.entries(tally.targets)) {
    const statuses = Object.entries(t.statuses).sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${n}`).join(' ')
    out(`  ${target.padEnd(22)} ${String(t.inputs).padStart(6)} inputs, ${String(t.failures).padStart(4)} failures; answers ${statuses}; slowest ${t.slowestMs} ms; quarantined ${t.quarantined}`)
  }
  out(`  quarantine: +${run.newQuarantine} rows (answers said ${run.expectedQuarantine}); server RSS ${run.memory.startMb} → max ${run.memory.maxMb} → ${run.memory.endMb} MB (steady first/last third ${run.memory.firstThirdMb}/${run.memory.lastThirdMb} MB)`)
  const byProblem = new Map<string, typeof tally.failures>()
  for (const f of tally.failures) {
    const key = `${f.target}: ${f.problem.slice(0, 120)}`
    byProblem.set(key, [...(byProblem.get(key) ?? []), f])
  }
  if (byProblem.size) out(`\nFailures (${tally.failures.length}, ${byProblem.size} distinct):`)
  for (const [key, fs] of [...byProblem].slice(0, 40)) {
    out(`  ✗ ${key} (×${fs.length}; ${fs[0]!.kind})`)
    out(`      input: ${fs[0]!.input.slice(0, 600)}`)
  }
  for (const b of run.bugs) out(`  ✗ ${b}`)
  const failed = tally.failures.length + run.bugs.length
  const summary: FuzzSummary = {
    inputs: tally.inputs,
    seed: run.seed,
    targets: Object.fromEntries(Object.entries(tally.targets).map(([k, t]) => [k, { inputs: t.inputs, failures: t.failures }])),
    failures: tally.failures.length,
    bugs: run.bugs.length,
    quarantined: run.newQuarantine,
    rss: run.memory,
    seconds: Math.round(run.seconds),
    ok: failed === 0,
  }
  out(JSON.stringify(summary))
  return summary
}
