import { eventMigrations } from '../../src/storage/events/migrations.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { createTableStatements } from '../../src/storage/events/table-spec.ts'
import { customersTable, eventsTable, identitiesTable, migrationsTable, quarantineTable } from '../../src/storage/events/tables.ts'
import { openTestEventStore } from '../support/event-store.ts'

let store: EventStore
let close: () => Promise<void>
let tmpDir: string

beforeAll(async () => {
  ;({ store, close, dir: tmpDir } = await openTestEventStore({ migrate: false }))
})
afterAll(() => close())

describe('event store upgrade', () => {
  it('brings a store made by the first release up to date without losing a row', async () => {
    // The first release's tables: events without off_plan and without table settings.
    const firstEvents = { ...eventsTable, columns: eventsTable.columns.filter(([name]) => name !== 'off_plan'), settings: undefined }
    const topology = { database: 'waymark' }
    for (const spec of [migrationsTable, firstEvents, identitiesTable, customersTable, quarantineTable]) {
      for (const ddl of createTableStatements(spec, topology)) await store.command(ddl)
    }
    await store.command("INSERT INTO waymark_migrations (version, name, applied_at) VALUES (1, 'first release', now64(3))")
    await store.command(
      "INSERT INTO events (workspace_id, event_id, customer_id, ts, seq, event, channel, received_at) VALUES ('ws', 'e1', 'c1', '2026-01-01 10:00:00.000', 1, 'visit', 'web', now64(3))",
    )

    expect(await store.migrate()).toEqual(eventMigrations.map((m) => m.version).filter((v) => v > 1))
    const [row] = await store.query<{ event: string; off_plan: number }>("SELECT event, off_plan FROM events WHERE event_id = 'e1'")
    expect(row).toEqual({ event: 'visit', off_plan: 0 })
    const [table] = await store.query<{ create: string }>("SELECT create_table_query AS create FROM system.tables WHERE database = 'waymark' AND name = 'events'")
    expect(table!.create).toContain('merge_selector_base = 20')
    expect(await store.migrate()).toEqual([])
  })
})

describe('closing the event store', () => {
  it('waits for the operations under way, and for those they start (an analysis dropping its tables)', async () => {
    const following = store.query('SELECT sleep(0.3)').then(() => store.command('CREATE TABLE after_close (x UInt8) ENGINE = MergeTree ORDER BY x'))
    await store.close()
    await expect(following).resolves.toBeUndefined()
    ;({ store, close } = await openTestEventStore({ migrate: false, dir: tmpDir }))
    const [row] = await store.query<{ n: string }>("SELECT count() AS n FROM system.tables WHERE database = 'waymark' AND name = 'after_close'")
    expect(Number(row!.n)).toBe(1)
  })
})
