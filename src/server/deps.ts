import type { Config } from '../config.ts'
import type { IngestWriter } from '../ingest/ingest-writer.ts'
import type { CachedAnalysis } from '../services/analysis-cache.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { MetadataStore } from '../storage/metadata/metadata-store.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'

/** What the HTTP app needs; tests build it from real stores. */
export type AppDeps = {
  config: Pick<Config, 'logLevel' | 'security'>
  metadata: Pick<MetadataStore, 'engine' | 'ping'>
  events: EventStore
  /** Group-commit writer shared by every ingestion route. */
  ingest: IngestWriter
  repos: Repositories
  /** Journey analyses, cached until the data or the journey changes; one per app by default (see analysisCache). */
  analyses?: CachedAnalysis
  secret: string
  /** Directory with the built web UI (index.html); served at `/` when present. */
  webRoot?: string
}
