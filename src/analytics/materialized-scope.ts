import { randomBytes } from 'node:crypto'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { pathsWithRevenueSql, type PathColumn } from './customer-paths.ts'
import { withScopeNames, type NamedScope } from './scope-names.ts'
import { segmentTraits, withTraitSegments } from './trait-segments.ts'

const PREFIX = 'scope_'
/**
 * In process, grouping events by customer spills to disk past this much
 * memory: slower, but it keeps the process small (10M events stay below it,
 * packed as numbers). Paths alone (flows) stay in memory; a server has its own settings.
 */
const EMBEDDED_GROUP_BY_BYTES = 1024 * 2 ** 20
/** Tables of analyses that never finished (a crash) are dropped once they are this old. */
const STALE_AFTER_SECONDS = 3600

/** What an analysis reads of its scope: columns of its customers' rows (paths, answers, unmapped events). */
export type ScopePart = PathColumn
/** What a journey analysis reads (and the unmapped events when nothing but the period filters its scope: see getTrackingPlan). */
export const ALL_PARTS: readonly ScopePart[] = ['times', 'stages', 'channels', 'value', 'segments', 'answers']

/**
 * Runs `fn` on the scope with the parts it reads — its customers' paths with
 * the columns asked, their feedback answers, their unmapped events — written
 * once to an in-memory table, so the queries of an analysis (KPIs, flow,
 * conformance, drivers, …) read a million short rows instead of re-scanning,
 * re-stitching and re-sorting every event each time. Nested calls reuse the
 * table when it holds what is asked. The table is dropped afterwards. On a
 * cluster the subqueries stay inline: a Memory table lives on one node, and
 * each shard computes its own customers' paths anyway. Either way the scope's
 * step (and, for channel and segment parts, channel and segment) names are read
 * first and bound (withScopeNames).
 */
export async function withMaterializedScope<T>(
  events: EventStore,
  unnamed: Scope,
  parts: readonly ScopePart[],
  fn: (scope: NamedScope) => Promise<T>,
): Promise<T> {
  const scope = await withScopeNames(events, unnamed, { channels: parts.includes('channels'), segments: parts.includes('segments') })
  if (events.topology.cluster || (scope.tables && parts.every((p) => scope.tables!.parts.includes(p)))) return fn(scope)
  const inline: Scope = { ...scope, tables: undefined }
  // Segments hold the value tier, which comes from the revenue that `value` stores.
  const columns = parts.includes('segments') && !parts.includes('value') ? [...parts, 'value' as const] : parts
  const name = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`
  const tables = { paths: `${name}_paths`, parts: columns }
  const stored = ['customer', 'path', ...columns.map((c) => (c === 'value' ? 'revenue' : c))]
  try {
    const settings = events.engine === 'chdb' && columns.length > 0 ? ` SETTINGS max_bytes_before_external_group_by = ${EMBEDDED_GROUP_BY_BYTES}` : ''
    const create = (traitSegments?: string) =>
      events.command(`CREATE TABLE ${tables.paths} ENGINE = Memory AS SELECT ${stored.join(', ')} FROM (${pathsWithRevenueSql(inline, columns, { traitSegments })})${settings}`, scope.params)
    // In process the engine is this process's own: its customers' trait segments are kept from one analysis to the next.
    await (events.engine === 'chdb' && columns.includes('segments') && segmentTraits(scope) > 0 ? withTraitSegments(events, scope, create) : create())
    return await fn({ ...scope, tables })
  } finally {
    await events.command(`DROP TABLE IF EXISTS ${tables.paths} SYNC`).catch(() => undefined)
  }
}

/** Drops the scope tables a crashed process left behind (at start-up; their names carry their creation time). */
export async function dropStaleScopeTables(events: EventStore): Promise<void> {
  const rows = await events.query<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {prefix:String})`,
    { prefix: PREFIX },
  )
  const cutoff = Date.now() / 1000 - STALE_AFTER_SECONDS
  for (const { name } of rows) {
    const created = Number(/^scope_(\d+)_[0-9a-f]+_\w+$/.exec(name)?.[1])
    if (created < cutoff) await events.command(`DROP TABLE IF EXISTS ${name} SYNC`)
  }
}
