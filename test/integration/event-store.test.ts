import { eventMigrations } from '../../src/storage/events/migrations.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getWorkspaceStats } from '../../src/analytics/get-workspace-stats.ts'
import { sessionSettings, type EventStore } from '../../src/storage/events/event-store.ts'
import { chTime, type EventRow } from '../../src/storage/events/rows.ts'
import { eventRow, openTestEventStore } from '../support/event-store.ts'

let store: EventStore
let close: () => Promise<void>

const event = (over: Partial<EventRow>): EventRow => eventRow({ properties: { path: "/o'reilly" }, ...over })

beforeAll(async () => {
  ;({ store, close } = await openTestEventStore({ migrate: false }))
})
afterAll(() => close())

describe('event store on chDB', () => {
  it('applies migrations once', async () => {
    expect(await store.migrate()).toEqual(eventMigrations.map((m) => m.version))
    expect(await store.migrate()).toEqual([])
  })

  it('creates the events table as designed', async () => {
    const [t] = await store.query<{ engine: string; partition_key: string; sorting_key: string }>(
      "SELECT engine, partition_key, sorting_key FROM system.tables WHERE database = 'waymark' AND name = 'events'",
    )
    expect(t).toEqual({ engine: 'ReplacingMergeTree', partition_key: 'toYYYYMM(ts)', sorting_key: 'workspace_id, customer_id, ts, event_id' })
    const tables = await store.query<{ name: string }>("SELECT name FROM system.tables WHERE database = 'waymark' ORDER BY name")
    expect(tables.map((r) => r.name)).toEqual(['customers', 'events', 'identities', 'quarantine', 'waymark_migrations'])
  })

  it('stores events per workspace, counts a re-sent event once, binds parameters', async () => {
    await store.insert('events', [
      event({}),
      event({ event_id: 'e2', customer_id: 'c2', ts: chTime(new Date('2024-04-02T08:00:00Z')) }),
      event({ event_id: 'e3', workspace_id: 'ws_b' }),
    ])
    await store.insert('events', [event({ seq: 2 })]) // the same event again
    await store.insert('quarantine', [
      { workspace_id: 'ws_a', id: 'q1', received_at: chTime(new Date()), source: 'test', reason: 'missing userId', line: 3, payload: '{}', customer_id: '' },
    ])
    expect(await getWorkspaceStats(store, 'ws_a')).toEqual({
      events: 2,
      customers: 2,
      quarantined: 1,
      offPlan: 0,
      firstEventAt: '2024-03-01 10:00:00.000',
      lastEventAt: '2024-04-02 08:00:00.000',
    })
    expect((await getWorkspaceStats(store, 'ws_b')).events).toBe(1)
    const rows = await store.query<{ n: string }>('SELECT count() AS n FROM events WHERE properties[{k:String}] = {v:String}', {
      k: 'path',
      v: "/o'reilly",
    })
    expect(Number(rows[0]!.n)).toBeGreaterThan(0)
  })

  it('gives a cluster’s queries settings the engine knows (GLOBAL subqueries over Distributed tables), and a single node none', async () => {
    const settings = sessionSettings({ database: 'waymark', cluster: 'cx' })
    expect(settings).toEqual({ distributed_product_mode: 'global' })
    expect(sessionSettings({ database: 'waymark' })).toEqual({})
    const list = Object.entries(settings).map(([k, v]) => `${k} = '${v}'`).join(', ')
    expect(await store.query(`SELECT getSetting('distributed_product_mode') AS mode SETTINGS ${list}`)).toEqual([{ mode: 'global' }])
  })

  it('answers pings', async () => {
    await expect(store.ping()).resolves.toBeUndefined()
  })
})

describe('the embedded engine’s one statement at a time', () => {
  it('puts an insert before the analysis queries queued behind the running one', async () => {
    const done: string[] = []
    const slow = (name: string) => store.query('SELECT sleepEachRow(0.2) FROM numbers(2) SETTINGS max_block_size = 1').then(() => done.push(name))
    const running = slow('running')
    const queued = [slow('queued 1'), slow('queued 2')]
    await new Promise((r) => setTimeout(r, 50))
    const insert = store.insert('events', [event({ event_id: 'lane-1', customer_id: 'lane' })]).then(() => done.push('insert'))
    const lookup = store.query('SELECT 1', undefined, { lane: 'ingest' }).then(() => done.push('ingest lookup'))
    await Promise.all([running, ...queued, insert, lookup])
    expect(done).toEqual(['running', 'insert', 'ingest lookup', 'queued 1', 'queued 2'])
  })

  it('keeps going after a statement fails', async () => {
    const failed = store.query('SELECT no_such_column FROM events').catch((e: Error) => e.message)
    const next = store.query<{ x: number }>('SELECT 1 AS x')
    expect(await failed).toMatch(/no_such_column/)
    expect(await next).toEqual([{ x: 1 }])
  })
})
