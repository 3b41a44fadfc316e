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
import { DEFAULT_OPTIONS, runFuzz } from './run-fuzz.ts'

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback)
const d = DEFAULT_OPTIONS
const summary = await runFuzz({
  inputs: arg('inputs', d.inputs),
  seed: arg('seed', d.seed),
  concurrency: arg('concurrency', d.concurrency),
  timeoutMs: arg('timeout-ms', d.timeoutMs),
  rssCeilingMb: arg('rss-ceiling-mb', d.rssCeilingMb),
  rssGrowthMb: arg('rss-growth-mb', d.rssGrowthMb),
})
if (!summary.ok) process.exitCode = 1
