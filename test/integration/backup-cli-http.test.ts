import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getWorkspaceStats } from '../../src/analytics/get-workspace-stats.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { restoreBackup } from '../../src/services/backup/restore-backup.ts'
import { createDemo } from '../../src/services/demo.ts'
import { signIn, startTestApp, userWithRole } from '../support/app.ts'
import { runCli } from '../support/cli.ts'
import { tempDir } from '../support/temp-dir.ts'

const tmp = tempDir()
let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'o@example.com', password: 'password-1', workspace: 'demo' })
  await userWithRole(rt, 'demo', 'viewer', 'v@example.com')
  await createDemo(rt, { customers: 300, seed: 5 })
}, 120_000)
afterAll(async () => {
  await close()
  tmp.cleanup()
})

describe('backups from a running server', () => {
  it('downloads the workspace archive for owners (viewers may not), and it restores', async () => {
    const owner = await signIn(app, 'o@example.com', 'password-1')
    const res = await app.inject({ url: '/api/workspaces/demo/backup', headers: { cookie: owner.cookie } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/x-tar')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="demo-\d{4}-\d\d-\d\d\.waymark-backup\.tar"$/)
    const file = path.join(tmp.dir, 'downloaded.tar')
    fs.writeFileSync(file, res.rawPayload)
    await restoreBackup(rt, file, { slug: 'demo-restored' })
    const ids = await Promise.all(['demo', 'demo-restored'].map(async (s) => (await rt.repos.workspaces.find(s))!.id))
    expect(await getWorkspaceStats(rt.events, ids[1]!)).toEqual(await getWorkspaceStats(rt.events, ids[0]!))

    const viewer = await signIn(app, 'v@example.com', 'correct horse battery')
    expect((await app.inject({ url: '/api/workspaces/demo/backup', headers: { cookie: viewer.cookie } })).statusCode).toBe(403)
    expect((await app.inject({ url: '/api/workspaces/demo/backup' })).statusCode).toBe(401)
  })
})

describe('waymark backup and waymark restore', () => {
  it('write an archive and load it as a copy, with one line each; a second restore under the same slug fails clearly', async () => {
    const env = { DATA_DIR: path.join(tmp.dir, 'cli') }
    expect((await runCli(['demo', '--customers', '200', '--seed', '3'], env)).code).toBe(0)
    const archive = path.join(tmp.dir, 'cli.tar')
    const backup = await runCli(['backup', '--workspace', 'demo', '--out', archive], env)
    expect(backup.stderr).toBe('')
    expect(backup.stdout).toMatch(/^Backed up workspace "demo" to .*cli\.tar \([\d.]+ MB\) in [\d.]+ s: [\d,]+ metadata rows, [\d,]+ events, [\d,]+ identity links, [\d,]+ trait observations, 0 quarantined inputs; everything that had arrived by \S+\.\n$/)
    const restore = await runCli(['restore', archive, '--workspace', 'demo-copy'], env)
    expect(restore.stdout).toMatch(/^Restored workspace "demo-copy" \(a copy with new ids; API keys stay with the original\) in [\d.]+ s: [\d,]+ metadata rows, [\d,]+ events/)
    const stats = async (ws: string) => ({ ...(JSON.parse((await runCli(['stats', '--workspace', ws, '--json'], env)).stdout) as Record<string, unknown>), workspace: undefined })
    expect(await stats('demo-copy')).toEqual(await stats('demo'))
    const again = await runCli(['restore', archive, '--workspace', 'demo-copy'], env)
    expect(again.code).toBe(1)
    expect(again.stderr).toBe('waymark: A workspace "demo-copy" exists already: restore as another one with --workspace NEW-SLUG\n')
  }, 300_000)
})
