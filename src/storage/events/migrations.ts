import { addColumnStatements, addIndexStatements, createTableStatements, modifySettingsStatements, type Topology } from './table-spec.ts'
import { customersTable, eventsTable, identitiesTable, quarantineTable } from './tables.ts'

/**
 * Versioned, append-only list of event-store migrations. A migration renders its
 * statements for the topology (single node or cluster), so one list serves both.
 * Never edit a released migration: add a new one.
 */
export type EventMigration = { version: number; name: string; statements(topology: Topology): string[] }

export const eventMigrations: EventMigration[] = [
  {
    version: 1,
    name: 'events, identities, customers, quarantine',
    statements: (t) => [eventsTable, identitiesTable, customersTable, quarantineTable].flatMap((spec) => createTableStatements(spec, t)),
  },
  {
    version: 2,
    name: 'events.off_plan (strict tracking plans)',
    statements: (t) => addColumnStatements(eventsTable, 'off_plan', t),
  },
  {
    version: 3,
    name: 'events: fewer, larger merges',
    statements: (t) => modifySettingsStatements(eventsTable, t),
  },
  {
    version: 4,
    name: 'events: minmax index on arrival seq (triggers read only new events)',
    statements: (t) => addIndexStatements(eventsTable, 'idx_seq', t),
  },
  {
    version: 5,
    name: 'quarantine.customer_id (erasure by recorded id)',
    statements: (t) => addColumnStatements(quarantineTable, 'customer_id', t),
  },
]
