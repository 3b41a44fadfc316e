import type { EventStore } from './event-store.ts'
import { createTableStatements, type TableSpec } from './table-spec.ts'
import { customersTable, eventsTable, identitiesTable, quarantineTable } from './tables.ts'

const { partitionBy: _partitionBy, indexes: _indexes, settings: _settings, ...events } = eventsTable

/**
 * The events table of a store that lives for one command (`waymark analyze`): the same columns, key and engine,
 * without what only a store kept for months needs: monthly partitions (retention, erasure), the event-id Bloom
 * filter (lookups across imports), the arrival-seq index (triggers) and the merge settings. Writing a million
 * events is about a second faster without them.
 */
export const temporaryEventsTable: TableSpec = events

/**
 * Creates a temporary store's tables at their latest form in one step: nothing to migrate and no migration
 * history, as the store is removed when the command ends.
 */
export async function createTemporaryTables(store: EventStore): Promise<void> {
  for (const spec of [temporaryEventsTable, identitiesTable, customersTable, quarantineTable]) {
    for (const ddl of createTableStatements(spec, store.topology)) await store.command(ddl)
  }
}
