import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { AppError } from '../../domain/errors.ts'
import { packagePath } from '../../package-root.ts'
import { schema } from './schema.ts'

export type MetadataDb = PgDatabase<PgQueryResultHKT, typeof schema>

export interface MetadataStore {
  readonly engine: 'pglite' | 'postgres'
  readonly db: MetadataDb
  migrate(): Promise<void>
  ping(): Promise<void>
  close(): Promise<void>
}

// Where drizzle-kit writes them (drizzle.config.ts); the build does not copy them to dist/.
const migrationsFolder = packagePath('src/storage/metadata/migrations')
// Serialises migrations when several app servers start against one PostgreSQL.
const MIGRATION_LOCK = 74_277_001

export type MetadataStoreOptions = { databaseUrl: string | undefined; dataDir: string }

/** PostgreSQL when a URL is given, otherwise PGlite persisted under DATA_DIR/metadata. */
export async function openMetadataStore(opts: MetadataStoreOptions): Promise<MetadataStore> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(path.join(opts.dataDir, 'metadata'))
}

async function openPglite(dir: string): Promise<MetadataStore> {
  let client: PGlite
  try {
    client = await PGlite.create({ dataDir: dir })
    await client.query('select 1')
  } catch (err) {
    throw new AppError(
      'store_unavailable',
      `Cannot open the metadata store in ${dir} (${describe(err)}); the directory may be corrupt: move it aside to start afresh`,
    )
  }
  const db = drizzlePglite({ client, schema }) as unknown as MetadataDb
  return {
    engine: 'pglite',
    db,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    ping: async () => void (await client.query('select 1')),
    close: () => client.close(),
  }
}

async function openPostgres(url: string): Promise<MetadataStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 })
  pool.on('error', () => {}) // idle-client errors resurface on the next query
  try {
    await pool.query('select 1')
  } catch (err) {
    await pool.end().catch(() => {})
    throw new AppError('store_unavailable', `Cannot connect to PostgreSQL at DATABASE_URL (${describe(err)})`)
  }
  const db = drizzleNodePg({ client: pool, schema }) as unknown as MetadataDb
  return {
    engine: 'postgres',
    db,
    async migrate() {
      const lockHolder = await pool.connect() // advisory locks belong to one connection
      try {
        await lockHolder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
        await migrateNodePg(db as never, { migrationsFolder })
      } finally {
        await lockHolder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
        lockHolder.release()
      }
    },
    ping: async () => void (await pool.query('select 1')),
    close: () => pool.end(),
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] || err.name
  return String(err)
}
