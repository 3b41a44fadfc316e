import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { WorkspaceId } from '../../src/domain/ids.ts'
import { openMetadataStore, type MetadataStore } from '../../src/storage/metadata/metadata-store.ts'
import { repositories, type Repositories } from '../../src/storage/metadata/repositories.ts'
import { createTestDatabase, postgresUrl } from '../support/postgres.ts'
import { tempDir } from '../support/temp-dir.ts'

type Engine = { name: string; open(): Promise<{ store: MetadataStore; cleanup(): Promise<void> }> }

const engines: Engine[] = [
  {
    name: 'PGlite',
    async open() {
      const tmp = tempDir()
      const store = await openMetadataStore({ databaseUrl: undefined, dataDir: tmp.dir })
      return { store, cleanup: async () => (await store.close(), tmp.cleanup()) }
    },
  },
]
if (postgresUrl) {
  engines.push({
    name: 'PostgreSQL',
    async open() {
      const db = await createTestDatabase(postgresUrl!)
      const store = await openMetadataStore({ databaseUrl: db.url, dataDir: '/nonexistent' })
      return { store, cleanup: async () => (await store.close(), await db.drop()) }
    },
  })
}

describe.each(engines)('metadata store on $name', (engine) => {
  let store: MetadataStore
  let repos: Repositories
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    ;({ store, cleanup } = await engine.open())
    await store.migrate()
    repos = repositories(store.db)
  })
  afterAll(() => cleanup())

  it('reports its engine and answers pings', async () => {
    expect(store.engine).toBe(engine.name === 'PGlite' ? 'pglite' : 'postgres')
    await expect(store.ping()).resolves.toBeUndefined()
  })

  it('migrations are idempotent', async () => {
    await store.migrate()
    const result = (await store.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: Array<{ n: number }> }
    const journal = JSON.parse(fs.readFileSync(new URL('../../src/storage/metadata/migrations/meta/_journal.json', import.meta.url), 'utf8'))
    expect(result.rows[0]!.n).toBe(journal.entries.length)
  })

  it('finds workspaces by id or slug and refuses duplicate slugs', async () => {
    const ws = await repos.workspaces.create({ slug: 'acme', name: 'Acme' })
    expect(ws.id).toMatch(/^ws_/)
    expect((await repos.workspaces.find('acme'))?.id).toBe(ws.id)
    expect((await repos.workspaces.find(ws.id))?.slug).toBe('acme')
    expect(await repos.workspaces.find('nope')).toBeUndefined()
    await expect(repos.workspaces.create({ slug: 'acme', name: 'Other' })).rejects.toMatchObject({ code: 'conflict', status: 409 })
  })

  it('stores users with hashed passwords, emails unique regardless of case', async () => {
    const u = await repos.users.create({ email: 'Ann@Example.com', password: 'password-1' })
    await expect(repos.users.create({ email: 'ann@example.com', password: 'password-2' })).rejects.toMatchObject({ code: 'conflict' })
    expect((await repos.users.verifyCredentials('ANN@example.com', 'password-1'))?.id).toBe(u.id)
    expect(await repos.users.verifyCredentials('ann@example.com', 'password-2')).toBeUndefined()
    expect(await repos.users.verifyCredentials('nobody@example.com', 'password-1')).toBeUndefined()
    const stored = await store.db.execute(sql`select password_hash from users where id = ${u.id}`)
    expect(JSON.stringify(stored)).not.toContain('password-1')
  })

  it('keeps memberships with one role per user and workspace', async () => {
    const ws = await repos.workspaces.create({ slug: 'members', name: 'M' })
    const u = await repos.users.create({ email: 'bo@example.com', password: 'password-1' })
    expect(await repos.workspaces.roleOf(ws.id, u.id)).toBeNull()
    await repos.workspaces.setMember(ws.id, u.id, 'viewer')
    await repos.workspaces.setMember(ws.id, u.id, 'editor')
    expect(await repos.workspaces.roleOf(ws.id, u.id)).toBe('editor')
    expect((await repos.workspaces.listForUser(u.id)).map((w) => [w.slug, w.role])).toEqual([['members', 'editor']])
    expect(await repos.workspaces.removeMember(ws.id, u.id)).toBe(true)
    expect(await repos.workspaces.roleOf(ws.id, u.id)).toBeNull()
  })

  it('stores only hashes of API keys and forgets revoked ones', async () => {
    const ws = await repos.workspaces.create({ slug: 'keys', name: 'K' })
    const { key, secret } = await repos.apiKeys.create({ workspaceId: ws.id, kind: 'write', name: 'site' })
    expect(secret).toMatch(/^wmk_w_/)
    const raw = await store.db.execute(sql`select * from api_keys where id = ${key.id}`)
    expect(JSON.stringify(raw)).not.toContain(secret)
    expect((await repos.apiKeys.findBySecret(secret))?.workspaceId).toBe(ws.id)
    expect(await repos.apiKeys.revoke('ws_other' as WorkspaceId, key.id)).toBe(false)
    expect(await repos.apiKeys.revoke(ws.id, key.id)).toBe(true)
    expect(await repos.apiKeys.findBySecret(secret)).toBeUndefined()
  })

  it('expires sessions', async () => {
    const u = await repos.users.create({ email: 'cy@example.com', password: 'password-1' })
    const past = new Date(Date.now() - 30 * 24 * 3600 * 1000)
    const old = await repos.sessions.create(u.id, past)
    const fresh = await repos.sessions.create(u.id)
    expect(await repos.sessions.find(old.token)).toBeUndefined()
    expect((await repos.sessions.find(fresh.token))?.user.email).toBe('cy@example.com')
    expect(await repos.sessions.deleteExpired()).toBeGreaterThanOrEqual(1)
    await repos.sessions.delete(fresh.token)
    expect(await repos.sessions.find(fresh.token)).toBeUndefined()
  })
})
