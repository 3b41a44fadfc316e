import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, startCli } from '../support/cli.ts'
import { freePort } from '../support/server-process.ts'
import { tempDir } from '../support/temp-dir.ts'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

describe('waymark CLI', () => {
  const dataDir = path.join(tmp.dir, 'data')

  it('creates users and keys, and reports stats as JSON', async () => {
    const created = await runCli(['user', 'create', '--email', 'ana@example.com', '--password-stdin', '--workspace', 'shop'], { DATA_DIR: dataDir }, 'long-enough-pw\n')
    expect(created.stderr).toBe('')
    expect(created.stdout).toMatch(/Created user ana@example.com \(usr_\S+\) as owner of new workspace "shop"/)
    expect(created.code).toBe(0)

    const key = await runCli(['key', 'create', '--workspace', 'shop', '--kind', 'write'], { DATA_DIR: dataDir })
    expect(key.code).toBe(0)
    expect(key.stdout.trim()).toMatch(/^wmk_w_[\w-]{43}$/)

    const stats = await runCli(['stats', '--workspace', 'shop', '--json'], { DATA_DIR: dataDir })
    expect(stats.code).toBe(0)
    expect(JSON.parse(stats.stdout)).toMatchObject({ workspace: 'shop', events: 0, customers: 0, quarantined: 0 })
  })

  it('runs the scheduled work once with `waymark check` (for cron), and refuses an unknown workspace', async () => {
    const checked = await runCli(['check', '--workspace', 'shop', '--json'], { DATA_DIR: dataDir })
    expect(checked.code, checked.stderr).toBe(0)
    expect(JSON.parse(checked.stdout)).toEqual({ workspace: 'shop', alerts: [], casesOpened: 0, casesEscalated: 0 })
    const text = await runCli(['check', '--workspace', 'shop'], { DATA_DIR: dataDir })
    expect(text.stdout).toMatch(/^workspace shop: 0 alert evaluations, 0 cases opened, 0 escalated/)
    const unknown = await runCli(['check', '--workspace', 'nope'], { DATA_DIR: dataDir })
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toMatch(/Workspace "nope" not found/)
  }, 60_000)

  it('erases one customer and nobody else', async () => {
    const csv = path.join(tmp.dir, 'two.csv')
    fs.writeFileSync(csv, 'customer_id,event,timestamp\nc-keep,visit,2024-05-01T10:00:00Z\nc-erase,visit,2024-05-01T10:00:00Z\nc-erase,buy,2024-05-02T10:00:00Z\nc-erase,buy,not a date\n')
    expect((await runCli(['import', 'events', csv, '--workspace', 'shop'], { DATA_DIR: dataDir })).code).toBe(0)
    const erased = await runCli(['customer', 'erase', '--workspace', 'shop', '--id', 'c-erase', '--json'], { DATA_DIR: dataDir })
    expect(erased.stderr).toBe('')
    expect(JSON.parse(erased.stdout)).toEqual({ workspace: 'shop', customerId: 'c-erase', ids: ['c-erase'], events: 2, identities: 0, profiles: 0, quarantined: 1 })
    const stats = await runCli(['stats', '--workspace', 'shop', '--json'], { DATA_DIR: dataDir })
    expect(JSON.parse(stats.stdout)).toMatchObject({ events: 1, customers: 1, quarantined: 0 })
  })

  it('fails with one clear line: duplicate user, unknown workspace, bad option', async () => {
    const dup = await runCli(['user', 'create', '--email', 'ANA@example.com', '--password', 'long-enough-pw', '--workspace', 'shop'], { DATA_DIR: dataDir })
    expect(dup.code).toBe(1)
    expect(dup.stderr).toBe('waymark: A user with email ANA@example.com already exists\n')
    const missing = await runCli(['stats', '--workspace', 'nope'], { DATA_DIR: dataDir })
    expect(missing.stderr).toBe('waymark: Workspace "nope" not found\n')
    const badKind = await runCli(['key', 'create', '--workspace', 'shop', '--kind', 'admin'], { DATA_DIR: dataDir })
    expect(badKind.code).not.toBe(0)
    expect(badKind.stderr).toMatch(/option '--kind <kind>' argument 'admin' is invalid/)
  })

  it('imports and exports journeys; a broken file lists every problem and imports nothing', async () => {
    const example = new URL('../fixtures/issue-example.journey.json', import.meta.url).pathname
    const imported = await runCli(['journey', 'import', example, '--workspace', 'shop'], { DATA_DIR: dataDir })
    expect(imported.stdout).toMatch(/^Created journey "Home broadband: from search to first bill" \(jrn_\S+, version 1\): 1 stages, 2 steps.\n$/)
    const mmdFile = path.join(tmp.dir, 'broadband.mmd')
    const exported = await runCli(['journey', 'export', 'Home broadband: from search to first bill', '--workspace', 'shop', '--format', 'mermaid', '--out', mmdFile], { DATA_DIR: dataDir })
    expect(exported.code).toBe(0)
    expect(fs.readFileSync(mmdFile, 'utf8')).toMatch(/^journey\n\s*title Home broadband/)
    const again = await runCli(['journey', 'import', example, '--workspace', 'shop'], { DATA_DIR: dataDir })
    expect(again.stdout).toMatch(/^Unchanged journey/)

    const broken = await runCli(['journey', 'import', new URL('../fixtures/broken.journey.json', import.meta.url).pathname, '--workspace', 'shop'], { DATA_DIR: dataDir })
    expect(broken.code).toBe(1)
    const lines = broken.stderr.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^waymark: The journey has 7 problem\(s\): /)
    expect(lines.slice(1)).toHaveLength(7)
    expect(lines).toContain('  insights[0].stages[0]: unknown stage "onboard"')
  })

  it('prints --help for every command', async () => {
    for (const args of [['--help'], ['journey', 'import', '--help'], ['journey', 'export', '--help'], ['serve', '--help'], ['user', 'create', '--help'], ['key', 'create', '--help'], ['stats', '--help'], ['migrate', '--help'], ['customer', 'erase', '--help']]) {
      const r = await runCli(args, { DATA_DIR: dataDir })
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^Usage: waymark/)
    }
  })

  it('rejects bad environment values with one line naming the variable', async () => {
    const r = await runCli(['stats', '--workspace', 'shop'], { DATA_DIR: dataDir, PORT: 'eighty' })
    expect(r.code).toBe(78)
    expect(r.stderr).toBe('waymark: Invalid environment variable PORT="eighty": must be a port number (0-65535)\n')
  })

  it('refuses a DATA_DIR that is locked by a running process', async () => {
    fs.writeFileSync(path.join(dataDir, 'waymark.lock'), String(process.pid))
    try {
      const r = await runCli(['stats', '--workspace', 'shop'], { DATA_DIR: dataDir })
      expect(r.code).toBe(1)
      expect(r.stderr).toBe(`waymark: DATA_DIR ${dataDir} is in use by another Waymark process (pid ${process.pid}); stop it first, or use its HTTP API\n`)
    } finally {
      fs.rmSync(path.join(dataDir, 'waymark.lock'))
    }
  })

  it('takes over a stale lock left by a dead process', async () => {
    fs.writeFileSync(path.join(dataDir, 'waymark.lock'), '999999')
    const r = await runCli(['stats', '--workspace', 'shop'], { DATA_DIR: dataDir })
    expect(r.code).toBe(0)
    expect(fs.existsSync(path.join(dataDir, 'waymark.lock'))).toBe(false)
  })

  it('refuses a DATA_DIR that is not a directory or whose stores are corrupt', async () => {
    const file = path.join(tmp.dir, 'a-file')
    fs.writeFileSync(file, 'x')
    const notDir = await runCli(['migrate'], { DATA_DIR: file })
    expect(notDir.code).toBe(1)
    expect(notDir.stderr).toMatch(/^waymark: DATA_DIR .*a-file is not a writable directory \(E\w+\)\n$/)

    const corrupt = path.join(tmp.dir, 'corrupt')
    fs.mkdirSync(path.join(corrupt, 'metadata'), { recursive: true })
    fs.writeFileSync(path.join(corrupt, 'metadata', 'PG_VERSION'), 'garbage')
    const r = await runCli(['migrate'], { DATA_DIR: corrupt })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^waymark: Cannot open the metadata store in .*metadata \(.+\); the directory may be corrupt: move it aside to start afresh\n$/)
  })

  it('serve: first run on an empty DATA_DIR creates the demo owner, serves /health, and shuts down cleanly', async () => {
    const fresh = path.join(tmp.dir, 'fresh')
    const port = await freePort()
    const started = Date.now()
    const { child, output } = startCli(['serve', '--port', String(port), '--host', '127.0.0.1'], { DATA_DIR: fresh })
    try {
      let health: unknown
      while (Date.now() - started < 60_000 && !health) {
        await new Promise((r) => setTimeout(r, 250))
        health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json(), () => undefined)
      }
      expect(health).toMatchObject({ status: 'ok', metadata: { status: 'ok' }, events: { status: 'ok' } })
      const email = /email:\s+(\S+)/.exec(output())?.[1]
      const password = /password:\s+(\S+)/.exec(output())?.[1]
      expect(email).toBe('demo@waymark.local')
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      })
      expect(login.status).toBe(200)
      expect((await login.json()).workspaces[0]).toMatchObject({ slug: 'demo', role: 'owner' })
      expect(fs.readFileSync(path.join(fresh, 'waymark.lock'), 'utf8')).toBe(String(child.pid))
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('close', r))
    }
    expect(child.exitCode).toBe(0)
    expect(fs.existsSync(path.join(fresh, 'waymark.lock'))).toBe(false)
  }, 90_000)
})
