import type { Config } from '../config.ts'
import type { IngestSpool } from '../ingest/ingest-spool.ts'
import type { IngestWriter } from '../ingest/ingest-writer.ts'
import type { WorkspaceAnalyses } from '../services/analysis-admission.ts'
import type { CachedAnalysis } from '../services/analysis-cache.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { MetadataStore } from '../storage/metadata/metadata-store.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'

/** What the HTTP app needs; tests build it from real stores. */
export type AppDeps = {
  config: Pick<Config, 'logLevel' | 'security'> & Partial<Pick<Config, 'analysis'>>
  metadata: Pick<MetadataStore, 'engine' | 'ping' | 'db'>
  events: EventStore
  /** Group-commit writer shared by every ingestion route. */
  ingest: IngestWriter
  /** Where the collector and the events API acknowledge writes: on disk, then stored through `ingest` (see IngestSpool). */
  spool: IngestSpool
  repos: Repositories
  /** Journey analyses, cached until the data or the journey changes; one per app by default (see analysisCache). */
  analyses?: CachedAnalysis
  /** The memory budget analyses run under (see analysisAdmission); one per app by default, sized by config.analysis. */
  admission?: WorkspaceAnalyses
  secret: string
  /** Directory with the built web UI (index.html); served at `/` when present. */
  webRoot?: string
}
