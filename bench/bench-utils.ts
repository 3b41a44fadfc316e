import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** Small helpers shared by the benchmarks. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

/** The Node flags `npm start` gives the server (package.json), so that benches measure what users run. */
export function npmStartNodeFlags(root: string): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  return start.split(/\s+/).filter((arg) => arg.startsWith('--'))
}

/** Waits until a server answers /health (up to a minute). */
export async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer /health within a minute`)
}

/** `--name 1000000,10000000`: positive whole numbers separated by commas (underscores allowed). */
export function listFlag(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(`--${name}`)
  if (i < 0) return fallback
  const values = (process.argv[i + 1] ?? '').split(',').map((v) => Number(v.replaceAll('_', '').trim()))
  if (!values.length || values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`--${name} takes positive whole numbers separated by commas`)
  return values
}

export type ChildRun = { code: number | null; stdout: string; stderr: string; s: number; peakMb: number }

/**
 * Runs a command as a fresh process and measures it as a user would see it:
 * wall time from spawn to exit and peak RSS (VmHWM, polled every 50 ms; a
 * process shorter than one poll reads 0).
 */
export function runChild(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let peakMb = 0
    const poll = setInterval(() => {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0)
        peakMb = Math.max(peakMb, kb / 1024)
      } catch {
        // exited between polls, or not Linux
      }
    }, 50)
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', (err) => {
      clearInterval(poll)
      reject(err)
    })
    child.on('close', (code) => {
      clearInterval(poll)
      resolve({ code, stdout, stderr, s: (performance.now() - t0) / 1000, peakMb })
    })
  })
}

/** The environment without the servers' addresses, so a child uses the embedded engines. */
export function embeddedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, CLICKHOUSE_URL: _c, CLICKHOUSE_CLUSTER: _k, DATA_DIR: _dir, ...env } = process.env
  return { ...env, LOG_LEVEL: 'warn', ...extra }
}
