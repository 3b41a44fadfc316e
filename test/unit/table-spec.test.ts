import { describe, expect, it } from 'vitest'
import { eventMigrations } from '../../src/storage/events/migrations.ts'
import { loadConfig } from '../../src/config.ts'
import { addColumnStatements, createDatabaseStatement, createTableStatements, modifySettingsStatements, rowChangeTarget } from '../../src/storage/events/table-spec.ts'
import { eventsTable } from '../../src/storage/events/tables.ts'

describe('event table DDL', () => {
  it('single node: one ReplacingMergeTree, monthly partitions, ordered by workspace, customer, time', () => {
    const [ddl, ...rest] = createTableStatements(eventsTable, { database: 'waymark' })
    expect(rest).toEqual([])
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS events\n/)
    expect(ddl).not.toContain('ON CLUSTER')
    expect(ddl).toContain('ENGINE = ReplacingMergeTree()')
    expect(ddl).toContain('PARTITION BY toYYYYMM(ts)')
    expect(ddl).toContain('ORDER BY (workspace_id, customer_id, ts, event_id)')
    expect(ddl).toContain('workspace_id LowCardinality(String)')
    expect(ddl).toContain('channel LowCardinality(String)')
    expect(ddl).toContain('INDEX idx_event_id event_id TYPE bloom_filter')
  })

  it('cluster: replicated local table on every node plus a Distributed table sharded by customer', () => {
    const [local, distributed] = createTableStatements(eventsTable, { database: 'waymark', cluster: 'cx' })
    expect(local).toMatch(/^CREATE TABLE IF NOT EXISTS events_local ON CLUSTER cx\n/)
    expect(local).toContain("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/waymark/events_local', '{replica}')")
    expect(local).toContain('ORDER BY (workspace_id, customer_id, ts, event_id)')
    expect(distributed).toBe(
      'CREATE TABLE IF NOT EXISTS events ON CLUSTER cx AS events_local\nENGINE = Distributed(cx, waymark, events_local, cityHash64(customer_id))',
    )
    expect(createDatabaseStatement({ database: 'waymark', cluster: 'cx' })).toBe('CREATE DATABASE IF NOT EXISTS waymark ON CLUSTER cx')
  })

  it('keeps the version column of versioned engines on a cluster', () => {
    const stmts = eventMigrations[0]!.statements({ database: 'w', cluster: 'cx' })
    expect(stmts.find((s) => s.includes('identities_local ON CLUSTER'))).toContain(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/w/identities_local', '{replica}', received_at)",
    )
    expect(stmts.filter((s) => s.includes('ENGINE = Distributed'))).toHaveLength(4)
  })

  it('backquotes a cluster name with a dash, which the configuration accepts, in every statement', () => {
    const { clickhouse: topology } = loadConfig({ CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: 'cx-eu-1' })
    const stmts = eventMigrations.flatMap((m) => m.statements(topology))
    expect(stmts.filter((s) => s.includes('ON CLUSTER')).every((s) => s.includes('ON CLUSTER `cx-eu-1`'))).toBe(true)
    expect(stmts.some((s) => s.includes('ENGINE = Distributed(`cx-eu-1`, waymark, events_local, cityHash64(customer_id))'))).toBe(true)
    expect(stmts.some((s) => /ON CLUSTER cx-eu-1|Distributed\(cx-eu-1/.test(s))).toBe(false)
    expect(rowChangeTarget('events', topology)).toBe('events_local ON CLUSTER `cx-eu-1`')
    expect(rowChangeTarget('events', { database: 'waymark' })).toBe('events')
  })

  it('refuses identifiers that could inject SQL', () => {
    expect(() => createTableStatements(eventsTable, { database: 'w; DROP TABLE x', cluster: 'cx' })).toThrow(/identifier/)
    expect(() => createTableStatements(eventsTable, { database: 'w', cluster: 'c; DROP' })).toThrow(/identifier/)
    expect(() => createDatabaseStatement({ database: 'w`x' })).toThrow(/identifier/)
  })

  it('renders table settings at creation and as a later change, on the local table of a cluster', () => {
    expect(createTableStatements(eventsTable, { database: 'w' })[0]).toMatch(/\nSETTINGS merge_selector_base = 20$/)
    expect(modifySettingsStatements(eventsTable, { database: 'w' })).toEqual(['ALTER TABLE events MODIFY SETTING merge_selector_base = 20'])
    expect(modifySettingsStatements(eventsTable, { database: 'w', cluster: 'cx' })).toEqual(['ALTER TABLE events_local ON CLUSTER cx MODIFY SETTING merge_selector_base = 20'])
  })

  it('adds a column to the local and the Distributed table of a cluster', () => {
    expect(addColumnStatements(eventsTable, 'off_plan', { database: 'w' })).toEqual(['ALTER TABLE events ADD COLUMN IF NOT EXISTS off_plan UInt8'])
    expect(addColumnStatements(eventsTable, 'off_plan', { database: 'w', cluster: 'cx' })).toEqual([
      'ALTER TABLE events_local ON CLUSTER cx ADD COLUMN IF NOT EXISTS off_plan UInt8',
      'ALTER TABLE events ON CLUSTER cx ADD COLUMN IF NOT EXISTS off_plan UInt8',
    ])
    expect(() => addColumnStatements(eventsTable, 'nope', { database: 'w' })).toThrow(/no column nope/)
  })

  it('migration versions are unique and increasing', () => {
    const versions = eventMigrations.map((m) => m.version)
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
  })
})
