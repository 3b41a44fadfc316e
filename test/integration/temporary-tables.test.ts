import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { createTemporaryTables } from '../../src/storage/events/temporary-tables.ts'
import { openTestEventStore } from '../support/event-store.ts'

let store: EventStore
let close: () => Promise<void>

beforeAll(async () => {
  ;({ store, close } = await openTestEventStore({ migrate: false }))
})
afterAll(() => close())

const columns = () =>
  store.query<{ table: string; name: string; type: string; position: string }>(
    "SELECT table, name, type, position FROM system.columns WHERE database = 'waymark' AND table != 'waymark_migrations' ORDER BY table, position",
  )
const tables = () =>
  store.query<{ name: string; engine: string; sorting_key: string; partition_key: string; skipping: string }>(
    `SELECT name, engine, sorting_key, partition_key, toString(ifNull(i.n, 0)) AS skipping
     FROM system.tables AS t
     LEFT JOIN (SELECT table, count() AS n FROM system.data_skipping_indices WHERE database = 'waymark' GROUP BY table) AS i ON i.table = t.name
     WHERE t.database = 'waymark' AND t.name != 'waymark_migrations' ORDER BY name`,
  )

describe("a temporary store's tables (waymark analyze)", () => {
  it("have the migrated tables' columns, keys and engines, the events table without partitions and indexes, and no migration history", async () => {
    await createTemporaryTables(store)
    const lean = { columns: await columns(), tables: await tables() }
    expect(lean.tables.map((t) => t.name)).toEqual(['customers', 'events', 'identities', 'quarantine'])
    expect(lean.tables.find((t) => t.name === 'events')).toMatchObject({ partition_key: '', skipping: '0' })

    for (const t of lean.tables) await store.command(`DROP TABLE ${t.name} SYNC`)
    await store.migrate()
    const migrated = { columns: await columns(), tables: await tables() }
    expect(lean.columns).toEqual(migrated.columns)
    const shape = ({ name, engine, sorting_key }: (typeof lean.tables)[number]) => ({ name, engine, sorting_key })
    expect(lean.tables.map(shape)).toEqual(migrated.tables.map(shape))
    expect(migrated.tables.find((t) => t.name === 'events')).toMatchObject({ partition_key: 'toYYYYMM(ts)', skipping: '2' })
  })
})
