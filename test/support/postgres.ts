import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * A throw-away database on the real PostgreSQL server named by DATABASE_URL.
 * Without DATABASE_URL the PostgreSQL suites are skipped with a visible note,
 * except in CI, where the missing server is an error.
 */
export const postgresUrl = process.env.DATABASE_URL || undefined

if (!postgresUrl) {
  if (process.env.CI) throw new Error('CI must run the PostgreSQL suite: set DATABASE_URL (.ci/run starts a server)')
  console.warn('NOTE: DATABASE_URL is not set; the PostgreSQL variant of the metadata suite is skipped')
}

export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `waymark_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}
