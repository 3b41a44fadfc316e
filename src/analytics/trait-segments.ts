import { randomBytes } from 'node:crypto'
import type { EventStore } from '../storage/events/event-store.ts'
import { latestTraitSql } from './latest-traits.ts'
import { VALUE_TIERS, type NamedScope } from './scope-names.ts'

/**
 * Each customer's trait segments: the numbers of their latest (trait, value) pairs among the scope's
 * segments (customer_id, segments Array(UInt16)). One grouping by customer with the latest value of each
 * segment trait (`seg_traits`), rather than every (customer, trait) pair grouped and then regrouped: 2× faster
 * at 1M customers.
 */
export function traitSegmentsSql(scope: NamedScope): string {
  const latest = Array.from({ length: segmentTraits(scope) }, (_, i) => {
    const key = `{seg_traits:Array(String)}[${i + 1}]`
    return `toUInt16(indexOf(arrayZip({seg_keys:Array(String)}, {seg_values:Array(String)}), (${key}, ${latestTraitSql(key)})))`
  })
  return `
    SELECT customer_id, arrayFilter(n -> n > 0, [${latest.join(', ')}]) AS segments
    FROM customers
    WHERE workspace_id = {ws:String}
    GROUP BY customer_id`
}

/** How many traits make the scope's segments (the value tiers, the last three, are not traits). */
export const segmentTraits = (scope: NamedScope) => new Set(scope.names.segments?.slice(0, -VALUE_TIERS.length).map((s) => s.trait)).size

/** The state of the customers table: any insert, merge or erasure (a mutation rewrites parts) renames a part. */
const CUSTOMERS_STATE = `SELECT toString(sum(cityHash64(name))) AS state FROM system.parts WHERE database = currentDatabase() AND table = 'customers' AND active`
/** Workspaces (with their segment names) whose trait segments are kept at once; the least recently used go first. */
const MAX_KEPT = 8

type Kept = { state: string; table: string; ready: Promise<number>; users: number; dropped: boolean }
/** By database, workspace and segment names. In process there is one engine (chDB binds one data directory per process). */
const kept = new Map<string, Kept>()

/**
 * Runs `fn` with a table of the scope's trait segments (traitSegmentsSql), written once per workspace, segment
 * names and state of the customers table, and reused by the analyses that follow until that table changes:
 * grouping every customer's trait history is a sizeable part of materialising a scope (10M events, 977k
 * customers: ~1.3 of ~10 CPU-s), and the UI asks for many analyses of the same data. For the engine in process
 * only (its session is this process's): the tables are temporary, gone with the session, and one is dropped once
 * it is superseded (or among the least recently used) and no analysis reads it.
 */
export async function withTraitSegments<T>(events: EventStore, scope: NamedScope, fn: (table: string) => Promise<T>): Promise<T> {
  const key = JSON.stringify([events.topology.database, scope.params.ws, scope.params.seg_keys, scope.params.seg_values])
  const [{ state }] = (await events.query<{ state: string }>(CUSTOMERS_STATE)) as [{ state: string }]
  // From here to `users++` nothing awaits: callers that arrive together share one entry.
  let entry = kept.get(key)
  if (!entry || entry.state !== state) {
    if (entry) release(events, entry, true)
    const table = `trait_segments_${randomBytes(6).toString('hex')}`
    const ready = events
      .command(`CREATE TEMPORARY TABLE ${table} ENGINE = Memory AS ${traitSegmentsSql(scope)}`, scope.params)
      .then(() => rowsOf(events, table))
    const created: Kept = { state, table, ready, users: 0, dropped: false }
    ready.catch(() => kept.get(key) === created && kept.delete(key))
    entry = created
  }
  // Most recently used last.
  kept.delete(key)
  kept.set(key, entry)
  for (const [k, old] of [...kept].slice(0, Math.max(0, kept.size - MAX_KEPT))) {
    kept.delete(k)
    release(events, old, true)
  }
  entry.users++
  try {
    const rows = await entry.ready
    // Still what was written to it? (A Memory table's rows do not outlive the engine, which may have been reopened since.)
    if ((await rowsOf(events, entry.table).catch(() => -1)) !== rows) {
      if (kept.get(key) === entry) kept.delete(key)
      release(events, entry, true)
      return await withTraitSegments(events, scope, fn)
    }
    return await fn(entry.table)
  } finally {
    release(events, entry, false)
  }
}

const rowsOf = async (events: EventStore, table: string) => Number((await events.query<{ n: string }>(`SELECT count() AS n FROM ${table}`))[0]?.n)

/** One reader less (or, `superseded`, no longer handed out): the table goes once nobody reads it. */
function release(events: EventStore, entry: Kept, superseded: boolean) {
  if (superseded) entry.dropped = true
  else entry.users--
  if (entry.dropped && entry.users === 0) {
    void entry.ready.finally(() => events.command(`DROP TEMPORARY TABLE IF EXISTS ${entry.table}`).catch(() => undefined))
  }
}
