import path from 'node:path'
import { dropStaleScopeTables } from './analytics/materialized-scope.ts'
import type { Config } from './config.ts'
import { IngestSpool, readingAfterWrites } from './ingest/ingest-spool.ts'
import { IngestWriter } from './ingest/ingest-writer.ts'
import { resolveSecret } from './secret.ts'
import { lockDataDir, type DataDirLock } from './storage/data-dir.ts'
import { openEventStore, type EventStore } from './storage/events/event-store.ts'
import { openMetadataStore, type MetadataStore } from './storage/metadata/metadata-store.ts'
import { repositories, type Repositories } from './storage/metadata/repositories.ts'

/** Everything the server and the CLI need, opened once: both stores, migrated, and the repositories over them. */
export type Runtime = {
  config: Config
  metadata: MetadataStore
  /** The event store as readers see it: every read waits for the writes acknowledged before it (see IngestSpool). */
  events: EventStore
  ingest: IngestWriter
  /** What the collector and the events API acknowledge writes through: on disk first, stored right after. */
  spool: IngestSpool
  repos: Repositories
  secret: string
  close(): Promise<void>
}

export async function openRuntime(config: Config, opts: { migrate?: boolean; longLived?: boolean } = {}): Promise<Runtime> {
  const embedded = !config.databaseUrl || !config.clickhouse.url
  const lock: DataDirLock | undefined = embedded ? lockDataDir(config.dataDir) : undefined
  const opened: Array<{ close(): Promise<void> }> = []
  const closeAll = async () => {
    for (const s of opened.reverse()) await s.close().catch(() => {})
    lock?.release()
  }
  try {
    const metadata = await openMetadataStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    opened.push(metadata)
    const events = await openEventStore({ dataDir: config.dataDir, ...config.clickhouse, longLived: opts.longLived })
    opened.push(events)
    if (opts.migrate !== false) {
      await metadata.migrate()
      await events.migrate()
      await dropStaleScopeTables(events)
    }
    const secret = resolveSecret(config.secret, config.dataDir)
    const ingest = new IngestWriter(events)
    opened.push({ close: () => ingest.drain() }) // closed after the spool: pending writes land before the stores close
    const spool = await IngestSpool.open(path.join(config.dataDir, 'spool'), ingest, events)
    opened.push(spool)
    return { config, metadata, events: readingAfterWrites(events, spool), ingest, spool, repos: repositories(metadata.db, { sessions: { maxMs: config.security.sessionMaxMs, idleMs: config.security.sessionIdleMs } }), secret, close: closeAll }
  } catch (err) {
    await closeAll()
    throw err
  }
}
