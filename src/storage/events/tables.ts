import type { TableSpec } from './table-spec.ts'

const ts = 'DateTime64(3, \'UTC\')'

/**
 * Every channel and all feedback in one table. Ordered by customer and time so
 * that per-customer sequence analysis reads contiguous ranges; `seq` keeps the
 * arrival/file order of events that share a timestamp. ReplacingMergeTree
 * collapses re-sent events (same id, customer and time) in the background.
 */
export const eventsTable: TableSpec = {
  name: 'events',
  columns: [
    ['workspace_id', 'LowCardinality(String)'],
    ['event_id', 'String'],
    ['customer_id', 'String'],
    ['anonymous_id', 'String'],
    ['user_id', 'String'],
    ['ts', ts],
    ['seq', 'UInt64'],
    ['type', 'LowCardinality(String)'],
    ['event', 'LowCardinality(String)'],
    ['channel', 'LowCardinality(String)'],
    ['source', 'LowCardinality(String)'],
    ['properties', 'Map(LowCardinality(String), String)'],
    ['context', 'String CODEC(ZSTD(1))'],
    ['score', 'Nullable(Float32)'],
    ['score_kind', 'LowCardinality(String)'],
    ['touchpoint', 'LowCardinality(String)'],
    ['comment', 'String'],
    ['revenue', 'Nullable(Float64)'],
    ['received_at', ts],
    ['off_plan', 'UInt8'],
  ],
  // idx_seq: follow-up triggers read only what arrived after their watermark (arrival seq), skipping older granules.
  indexes: ['idx_event_id event_id TYPE bloom_filter(0.01) GRANULARITY 4', 'idx_seq seq TYPE minmax GRANULARITY 1'],
  engine: 'ReplacingMergeTree',
  partitionBy: 'toYYYYMM(ts)',
  orderBy: ['workspace_id', 'customer_id', 'ts', 'event_id'],
  shardBy: 'cityHash64(customer_id)',
  // Events arrive in many small inserts (one per group commit); merging parts only once about 20 of a
  // size have gathered (default 5) rewrites each row fewer times, which measured ~10% of ingest CPU.
  settings: { merge_selector_base: 20 },
}

/** Links anonymous ids to user ids (identify/alias); joined at query time for retroactive stitching. */
export const identitiesTable: TableSpec = {
  name: 'identities',
  columns: [
    ['workspace_id', 'LowCardinality(String)'],
    ['anonymous_id', 'String'],
    ['user_id', 'String'],
    ['ts', ts],
    ['received_at', ts],
  ],
  engine: 'ReplacingMergeTree',
  version: 'received_at',
  orderBy: ['workspace_id', 'anonymous_id', 'user_id'],
  // With the anonymous events they link (an event is sharded by the id it was sent with): an anonymous id's links
  // and its events share a shard, so its latest link is found on that shard alone.
  shardBy: 'cityHash64(anonymous_id)',
}

/** Trait observations per customer: the latest value wins at query time, history is kept. */
export const customersTable: TableSpec = {
  name: 'customers',
  columns: [
    ['workspace_id', 'LowCardinality(String)'],
    ['customer_id', 'String'],
    ['ts', ts],
    ['traits', 'Map(LowCardinality(String), String)'],
    ['source', 'LowCardinality(String)'],
    /** The identify/group message the traits came with, so a re-sent message is stored once. */
    ['event_id', 'String'],
  ],
  engine: 'MergeTree',
  orderBy: ['workspace_id', 'customer_id', 'ts'],
  shardBy: 'cityHash64(customer_id)',
}

/** Every rejected input with its reason: nothing is dropped silently. */
export const quarantineTable: TableSpec = {
  name: 'quarantine',
  columns: [
    ['workspace_id', 'LowCardinality(String)'],
    ['id', 'String'],
    ['received_at', ts],
    ['source', 'LowCardinality(String)'],
    ['reason', 'String'],
    ['line', 'Nullable(UInt64)'],
    ['payload', 'String CODEC(ZSTD(3))'],
    /** The id the input names its customer by, as an event's customer_id would be (erasure matches by it); '' when unreadable. */
    ['customer_id', 'String'],
  ],
  engine: 'MergeTree',
  partitionBy: 'toYYYYMM(received_at)',
  orderBy: ['workspace_id', 'received_at', 'id'],
  shardBy: 'cityHash64(id)',
}

/** Which event-store migrations have run. */
export const migrationsTable: TableSpec = {
  name: 'waymark_migrations',
  columns: [
    ['version', 'UInt32'],
    ['name', 'String'],
    ['applied_at', ts],
  ],
  engine: 'ReplacingMergeTree',
  orderBy: ['version'],
  shardBy: 'version',
}
