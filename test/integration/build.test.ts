import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const exec = promisify(execFile)
/** Runs a command; a failure shows its output (tsc reports type errors on stdout). */
const run = (cmd: string, args: string[], opts: { cwd: string }) =>
  exec(cmd, args, opts).catch((err: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`)
  })
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// Inside the package (.tmp/ is ignored), so the build resolves node_modules and the package root as dist/ does.
fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true })
const outDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'build-'))
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }))

describe('npm run build', () => {
  it('compiles src/ to JavaScript that runs without tsx', async () => {
    await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT })
    expect(fs.existsSync(path.join(outDir, 'cli/main.js'))).toBe(true)
    expect(fs.readFileSync(path.join(outDir, 'cli/main.js'), 'utf8')).not.toMatch(/from '\.[^']*\.ts'/)
    const help = await run(process.execPath, [path.join(outDir, 'cli/main.js'), '--help'], { cwd: ROOT })
    expect(help.stdout).toMatch(/^Usage: waymark /)
    const analyze = await run(process.execPath, [path.join(outDir, 'cli/main.js'), 'analyze', '--help'], { cwd: ROOT })
    expect(analyze.stdout).toMatch(/^Usage: waymark analyze /)
    const csv = path.join(outDir, 'events.csv')
    fs.writeFileSync(csv, 'case_id,activity,timestamp\na,visit,2024-01-01 10:00:00\na,buy,2024-01-01 11:00:00\nb,visit,2024-01-02 10:00:00\n')
    const analysis = await run(process.execPath, [path.join(outDir, 'cli/main.js'), 'analyze', '--events', csv, '--format', 'json'], { cwd: ROOT })
    expect(JSON.parse(analysis.stdout)).toMatchObject({ summary: { events: 3, customers: 2 }, flow: { dfg: [['visit', 'buy', 1]] } })
  }, 90_000)
})
