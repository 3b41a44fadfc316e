import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// The sources through tsx, as bin/waymark.js runs them without a build: a stale dist/ from `npm run build` is never what is tested.
const ENTRY = ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts')]

export type CliResult = { code: number | null; stdout: string; stderr: string }

/** Environment for a CLI child: embedded stores only, whatever the parent has set. */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, CLICKHOUSE_URL: _c, CLICKHOUSE_CLUSTER: _k, ...rest } = process.env
  return { ...rest, LOG_LEVEL: 'warn', ...env }
}

/** Runs the `waymark` command as a user would (from the sources). */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ENTRY, ...args], { cwd: ROOT, env: cliEnv(env) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin ?? '')
  })
}

export function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [...ENTRY, ...args], { cwd: ROOT, env: cliEnv(env) })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  return { child, output: () => out }
}
