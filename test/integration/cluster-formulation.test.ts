import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analysisScope } from '../../src/analytics/analysis-scope.ts'
import { analyzeJourney } from '../../src/analytics/analyze-journey.ts'
import { getChannelUsage } from '../../src/analytics/get-channel-usage.ts'
import { getCustomerTimeline } from '../../src/analytics/get-customer-timeline.ts'
import { getFunnel } from '../../src/analytics/get-funnel.ts'
import { getSankey } from '../../src/analytics/get-sankey.ts'
import { getWorkspaceStats } from '../../src/analytics/get-workspace-stats.ts'
import { listCustomers } from '../../src/analytics/list-customers.ts'
import { DEMO_JOURNEY, generateDemoData } from '../../src/demo/generate-demo.ts'
import { IngestWriter } from '../../src/ingest/ingest-writer.ts'
import { sessionSettings, type EventStore } from '../../src/storage/events/event-store.ts'
import type { Topology } from '../../src/storage/events/table-spec.ts'
import { customersTable, eventsTable, identitiesTable, quarantineTable } from '../../src/storage/events/tables.ts'
import { openTestEventStore } from '../support/event-store.ts'
import { namedJoins, subqueryReads } from '../support/cluster-sql.ts'
import { expectSameResults } from '../support/same-results.ts'

/**
 * The cluster formulation of every analysis, run in the embedded engine over
 * tables standing in for two shards: each table's rows split by its spec's
 * sharding key into databases shard_1 and shard_2, read through Merge tables
 * (which apply FINAL per underlying table, as a Distributed table's shards
 * do), with the store's topology saying "cluster" (so no scope is
 * materialised: each measure's query stands alone, as on a cluster). Its
 * results must equal the single-node ones, duplicates that escaped the writer
 * included. (What no table here can stand in for: the Distributed engine's
 * own two-phase execution, which ClickHouse guarantees equal to one node's.)
 */
const WS = 'ws_cluster'
const SHARDED = [eventsTable, identitiesTable, customersTable, quarantineTable]
const SHARDS = 2

let store: EventStore
let close: () => Promise<void>
const commands: string[] = []
const statements: string[] = []

/** What a CX team reads of a workspace: the journey analysis (KPIs, flow, variants, conformance, plan, drivers, red points) and the drill-downs. */
async function everything(events: EventStore) {
  const filter = { traits: { tier: ['gold', 'silver'] } }
  return {
    stats: await getWorkspaceStats(events, WS),
    journey: await analyzeJourney(events, WS, DEMO_JOURNEY),
    processMining: await analyzeJourney(events, WS, undefined),
    filtered: await analyzeJourney(events, WS, DEMO_JOURNEY, filter),
    funnel: await getFunnel(events, analysisScope(WS, DEMO_JOURNEY), { steps: ['compare_plans', 'order_confirmed', 'bill_paid'], windowHours: 24 * 60, order: 'ordered' }),
    sankey: await getSankey(events, analysisScope(WS, DEMO_JOURNEY), { step: 'order_confirmed', direction: 'from', depth: 3, minShare: 0 }),
    channels: await getChannelUsage(events, analysisScope(WS, DEMO_JOURNEY, filter)),
    repeaters: await listCustomers(events, analysisScope(WS, DEMO_JOURNEY), DEMO_JOURNEY, 'support_call', 'repeated', 20, { valueTier: 'high' }),
    timeline: await getCustomerTimeline(events, WS, 'cust-000017', DEMO_JOURNEY),
  }
}

let single: Awaited<ReturnType<typeof everything>>
let cluster: typeof single

beforeAll(async () => {
  ;({ store, close } = await openTestEventStore())
  const ingest = new IngestWriter(store)
  await generateDemoData(ingest, WS, { customers: 2500, seed: 5 })
  await ingest.drain()
  // Re-sent events that escaped the writer's check (a crash between insert and acknowledgement): read FINAL, they count once.
  await store.command(`INSERT INTO events SELECT * FROM events WHERE workspace_id = {ws:String} AND cityHash64(event_id) % 7 = 0`, { ws: WS })
  single = await everything(store)

  for (let shard = 1; shard <= SHARDS; shard++) {
    await store.command(`CREATE DATABASE shard_${shard}`)
    for (const spec of SHARDED) {
      // No background merge may collapse the re-sent copies before the analyses read them.
      await store.command(`CREATE TABLE shard_${shard}.${spec.name} AS waymark.${spec.name}`)
      await store.command(`SYSTEM STOP MERGES shard_${shard}.${spec.name}`)
      await store.command(`INSERT INTO shard_${shard}.${spec.name} SELECT * FROM waymark.${spec.name} WHERE ${spec.shardBy} % ${SHARDS} = ${shard - 1} SETTINGS optimize_on_insert = 0`)
    }
  }
  await store.command('CREATE DATABASE standin')
  for (const spec of SHARDED) await store.command(`CREATE TABLE standin.${spec.name} ENGINE = Merge(REGEXP('^shard_[0-9]+$'), '^${spec.name}$')`)
  await store.command('USE standin')
  cluster = await everything(clustered(store))
}, 240_000)

afterAll(async () => {
  await store.command('USE waymark').catch(() => undefined)
  await close()
})

const CLUSTER: Topology = { database: 'standin', cluster: 'stand-in' }

/** The store as a cluster's: same engine, topology naming a cluster, every statement it runs recorded. */
function clustered(events: EventStore): EventStore {
  return {
    ...events,
    topology: CLUSTER,
    command: (sql, params) => {
      commands.push(sql)
      return events.command(sql, params)
    },
    query: (sql, params, opts) => {
      statements.push(sql)
      return events.query(sql, params, opts)
    },
    queryUInt32Column: (sql, opts) => {
      statements.push(sql)
      return events.queryUInt32Column(sql, opts)
    },
  }
}

describe('the cluster formulation over stand-in shards', () => {
  it('splits the data as a cluster would: both shards hold rows, the re-sent copies sit on their original’s shard, and stitching crosses shards', async () => {
    const perShard = await store.query<{ db: string; rows: string; ids: string }>(
      `SELECT _database AS db, count() AS rows, uniqExact(event_id) AS ids FROM events WHERE workspace_id = {ws:String} GROUP BY db ORDER BY db`,
      { ws: WS },
    )
    expect(perShard.map((s) => s.db)).toEqual(['shard_1', 'shard_2'])
    for (const s of perShard) expect(Number(s.rows)).toBeGreaterThan(Number(s.ids))
    const [final] = await store.query<{ rows: string; ids: string }>(`SELECT count() AS rows, uniqExact(event_id) AS ids FROM events FINAL WHERE workspace_id = {ws:String}`, { ws: WS })
    expect(final!.rows).toBe(final!.ids)
    // Customers whose anonymous events and identified events were sent to different shards: stitching must see both.
    const [split] = await store.query<{ n: string }>(
      `SELECT count() AS n FROM identities WHERE workspace_id = {ws:String} AND ${eventsTable.shardBy.replaceAll('customer_id', 'anonymous_id')} % ${SHARDS} != ${eventsTable.shardBy.replaceAll('customer_id', 'user_id')} % ${SHARDS}`,
      { ws: WS },
    )
    expect(Number(split!.n)).toBeGreaterThan(100)
  })

  it('gives every analysis exactly the single-node answer, computed without materialising a scope', () => {
    expect(single.journey.redPoints.length).toBeGreaterThan(0)
    expect(single.journey.drivers.length).toBeGreaterThan(0)
    expect(single.repeaters.total).toBeGreaterThan(0)
    expect(single.timeline.length).toBeGreaterThan(3)
    expectSameResults(single, cluster)
    expect(commands.filter((s) => s.includes('scope_'))).toEqual([])
  })

  it('reads a sharded table inside a query over another only as GLOBAL or as a scalar computed once (checked on the text of every statement)', () => {
    const names = SHARDED.map((s) => s.name)
    const analyses = statements.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s))
    expect(analyses.length).toBeGreaterThan(20)
    // No analysis reads a shard's own table: those are only for row changes run on every node.
    expect(analyses.filter((sql) => /\b\w+_local\b/.test(sql))).toEqual([])
    const inner = analyses.flatMap((sql) => subqueryReads(sql, names).filter((r) => r.kind !== 'from'))
    // A scalar subquery is computed once by the node that received the query, over every shard, and sent to the
    // shards as a constant (identity links, the value-tier cuts). An IN or JOIN subquery over a Distributed table
    // runs GLOBAL: written so, or made so by the session's distributed_product_mode (the server refuses it otherwise,
    // and a shard-local one would see one shard's identities and traits).
    const globalBySession = sessionSettings(CLUSTER).distributed_product_mode === 'global'
    const shardLocal = inner.filter((r) => r.kind !== 'scalar' && !r.global && !globalBySession)
    expect(shardLocal.map((r) => r.text.slice(0, 200))).toEqual([])
    expect(analyses.flatMap((sql) => namedJoins(sql, names)).filter((j) => !j.global && !globalBySession)).toEqual([])
    // The statements do cross tables (stitching, trait filters and segments), so the rule above was put to the test.
    const kinds = new Set(inner.map((r) => `${r.kind} ${r.tables.join('+')}`))
    for (const kind of ['scalar identities', 'in identities', 'in customers', 'join customers']) expect(kinds).toContain(kind)
  })
})
