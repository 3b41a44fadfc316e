/**
 * Bad input at scale: the real server (`waymark serve`, embedded stores, a seeded workspace) as a child process
 * takes ≥ 10,000 generated bad inputs (fast-check, seeded) — the collector's routes, file imports over HTTP,
 * journey imports, and every API route's body, query and path parameters from the app's own route list and zod
 * schemas — while the harness also feeds the importers (the service `waymark import events` runs) and the journey
 * parsers in process. Asserted: every answer comes within a bound and is a 4xx problem+json with a specific
 * detail (a 5xx is a bug, printed with its input), or a line-numbered import error; the server stays up and its
 * memory stays under a ceiling with no growth trend; the quarantine grew by exactly what the answers said was
 * kept; nothing stored before changed (digests of the workspace's events, identities, traits, metadata and older
 * quarantine). Prints the inputs per target and a JSON summary; exits 1 on any failure.
 *
 *   npm run test:fuzz -- [--inputs 11000] [--seed 1] [--concurrency 6]
 */
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
import { sampleRss } from './rss-sampler.ts'
import { sendCases, Tally } from './send-cases.ts'
import { FUZZ_OWNER, type Seeded } from './store-tool.ts'
import { collectorArbitrary, resendArbitrary } from './targets/collector.ts'
import { storedChanges, type WorkspaceDigest } from './workspace-digest.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback)
const INPUTS = arg('inputs', 11_000)
const SEED = arg('seed', 1)
const CONCURRENCY = arg('concurrency', 6)
/** An answer later than this is a hang. */
const REQUEST_TIMEOUT_MS = arg('timeout-ms', 20_000)
/** The server's resident memory may not pass this, nor grow by more than GROWTH_MB from the first to the last third of the run. */
const RSS_CEILING_MB = arg('rss-ceiling-mb', 1536)
const GROWTH_MB = arg('rss-growth-mb', 150)
const log = (msg: string) => process.stderr.write(`  … ${msg}\n`)

/** Shares of the inputs per target (of --inputs). */
const SHARES: Record<string, number> = { collector: 0.36, resends: 0.02 }
const countFor = (target: string) => Math.max(1, Math.round(INPUTS * (SHARES[target] ?? 0)))

const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number) => fc.sample(arb, { seed: SEED * 1000 + salt, numRuns: n })

async function storeTool(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fuzz/store-tool.ts'), ...args], { cwd: ROOT, maxBuffer: 64 * 2 ** 20, env: { ...process.env, DATABASE_URL: '', CLICKHOUSE_URL: '' } })
  return stdout.trim().split('\n').at(-1)!
}

/** Shuffled with the seed, so that every phase of the run has the same mix (the memory trend compares like with like). */
function shuffle<T>(items: T[]): T[] {
  let s = SEED
  const rnd = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

async function main() {
  const started = Date.now()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-fuzz-'))
  const tally = new Tally()
  const bugs: string[] = []
  try {
    log('seeding a workspace (demo journey, customers, keys, quarantine)')
    const seeded = JSON.parse(await storeTool('seed', dataDir, '150')) as Seeded
    const before = seeded.digest

    const env = { DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'error', RATE_LIMIT_ANALYTICS: '1000000', RATE_LIMIT_COLLECTOR: '1000000', IMPORT_MAX_MB: '4' }
    const server = await startServer(env)
    await server.waitFor(/Waymark is running/)
    const session = await signInOver(server.url, FUZZ_OWNER.email, FUZZ_OWNER.password)

    const cases: FuzzCase[] = shuffle([...sample(collectorArbitrary(seeded), countFor('collector'), 1), ...sample(resendArbitrary(seeded), countFor('resends'), 2)])
    void session
    log(`sending ${cases.length.toLocaleString('en')} inputs to the server, ${CONCURRENCY} at a time`)
    const rss = sampleRss(server.child.pid!)
    let lastLog = Date.now()
    const expectedQuarantine = await sendCases(server.url, cases, tally, {
      concurrency: CONCURRENCY,
      timeoutMs: REQUEST_TIMEOUT_MS,
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
    if (memory.maxMb > RSS_CEILING_MB) bugs.push(`server memory reached ${memory.maxMb} MB (ceiling ${RSS_CEILING_MB} MB)`)
    if (memory.growthMb > GROWTH_MB) bugs.push(`server memory grew ${memory.growthMb} MB from the first to the last third of the run (at most ${GROWTH_MB} MB)`)
    const errorsLogged = server.output().split('\n').filter((l) => /"level":50|unhandled|response does not match/i.test(l))
    await server.stop()

    const after = JSON.parse(await storeTool('digest', dataDir, seeded.workspaceId, seeded.seededAt)) as WorkspaceDigest
    for (const change of storedChanges(before, after)) bugs.push(`stored data changed: ${change}`)
    const newQuarantine = after.newQuarantine - before.newQuarantine
    if (newQuarantine !== expectedQuarantine) bugs.push(`the quarantine grew by ${newQuarantine} rows; the answers said ${expectedQuarantine} inputs were kept`)
    if (after.newQuarantineWithoutReason) bugs.push(`${after.newQuarantineWithoutReason} quarantined rows have no reason`)

    report(tally, { memory, expectedQuarantine, newQuarantine, errorsLogged: errorsLogged.length, bugs, seconds: (Date.now() - started) / 1000 })
  } finally {
    removeDataDirectory(dataDir)
  }
}

function report(tally: Tally, run: { memory: ReturnType<ReturnType<typeof sampleRss>['stop']>; expectedQuarantine: number; newQuarantine: number; errorsLogged: number; bugs: string[]; seconds: number }) {
  const out = (s = '') => process.stdout.write(`${s}\n`)
  out(`\nFuzz: ${tally.inputs.toLocaleString('en')} bad inputs (seed ${SEED}) in ${run.seconds.toFixed(0)} s`)
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
  const summary = {
    inputs: tally.inputs,
    seed: SEED,
    targets: Object.fromEntries(Object.entries(tally.targets).map(([k, t]) => [k, { inputs: t.inputs, failures: t.failures }])),
    failures: tally.failures.length,
    bugs: run.bugs.length,
    quarantined: run.newQuarantine,
    rss: run.memory,
    ok: failed === 0,
  }
  out(JSON.stringify(summary))
  if (failed) process.exitCode = 1
}

await main()
