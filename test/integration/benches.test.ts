import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const run = (script: string, args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, timeout: 240_000, maxBuffer: 16 * 2 ** 20 })

// Short variants of the benchmarks (`npm run bench:*`), so CI keeps them working; the figures are not judged here.
describe('benchmarks, short', () => {
  it('bench:analyze prints the analysis table, the per-query breakdown and the targets', async () => {
    const { stdout } = await run('bench/analyze/run.ts', ['--sizes', '20000', '--cli-events', '5000'])
    expect(stdout).toMatch(/20,000\s+[\d,]+\s+\d+/)
    expect(stdout).toMatch(/materialise scope\s+\d+\.\d\d s/)
    expect(stdout).toMatch(/full analysis ≤ 3× the hand-written DFG scan: (met|NOT met)/)
  }, 300_000)

  it('bench:files prints each task against the engine limit, and the targets', async () => {
    const { stdout } = await run('bench/files/run.ts', ['--sizes', '5000', '--runs', '1', '--no-peer'])
    expect(stdout).toMatch(/engine raw load \(limit\)\s+\d+\.\d\d\s+[\d.]+\s+1\.0×/)
    for (const task of ['waymark analyze (process mining)', 'waymark analyze (journey)', 'waymark import events']) expect(stdout).toContain(task)
    expect(stdout).toMatch(/5,000 rich: import ≥ 1,000,000 events\/s: (met|NOT met)/)
  }, 300_000)

  it('bench:ingest prints the rate over HTTP and against a raw insert', async () => {
    const { stdout } = await run('bench/ingest/run.ts', ['--events', '20000', '--concurrency', '16'])
    expect(stdout).toMatch(/events\/s/)
  }, 300_000)

  it('bench:admission prints the analyses run and refused, the server RSS against the budget and the collector latency', async () => {
    const { stdout } = await run('bench/admission/run.ts', ['--events', '20000', '--concurrent', '3', '--budget-mb', '64', '--queue-seconds', '20', '--idle-seconds', '1'])
    expect(stdout).toMatch(/analyses\s+\d answered .*, \d refused with 503/)
    expect(stdout).toMatch(/server RSS\s+[\d,]+ MB at rest → [\d,]+ MB peak/)
    expect(stdout).toMatch(/collector, busy\s+p50 [\d.,]+ ms, p99 [\d.,]+ ms \([\d,]+ requests, 0 failed\)/)
  }, 300_000)

  it('bench:soak prints a row per interval and the RSS trend', async () => {
    const { stdout } = await run('bench/soak/run.ts', ['--minutes', '0.3', '--interval', '6', '--customers', '300', '--clients', '2'])
    expect(stdout).toMatch(/min\s+events\/s\s+collector p50 \/ p99 ms/)
    expect(stdout).toMatch(/RSS after the warm-up: .*(no growth trend|GROWING)/)
    expect(stdout).toMatch(/failed requests: 0/)
  }, 300_000)
})
