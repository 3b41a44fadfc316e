import { randomBytes } from 'node:crypto'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerFeedbackSql, pathsWithRevenueSql } from './customer-paths.ts'

const PREFIX = 'scope_'
/** Tables of analyses that never finished (a crash) are dropped once they are this old. */
const STALE_AFTER_SECONDS = 3600

/**
 * Runs `fn` on the scope with its customers' paths and feedback written once
 * to two in-memory tables, so the analyses that share a scope (KPIs, flow,
 * conformance, drivers, …) read a million short paths instead of re-scanning,
 * re-stitching and re-sorting every event each time. The tables are dropped
 * afterwards. On a cluster the subqueries stay inline: a Memory table lives on
 * one node, and each shard computes its own customers' paths anyway.
 */
export async function withMaterializedScope<T>(events: EventStore, scope: Scope, fn: (scope: Scope) => Promise<T>): Promise<T> {
  if (scope.tables || events.topology.cluster) return fn(scope)
  const name = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`
  const tables = { paths: `${name}_paths`, feedback: `${name}_feedback` }
  try {
    await Promise.all([
      events.command(`CREATE TABLE ${tables.paths} ENGINE = Memory AS SELECT customer, path, times, stages, channels, revenue FROM (${pathsWithRevenueSql(scope)})`, scope.params),
      events.command(`CREATE TABLE ${tables.feedback} ENGINE = Memory AS ${customerFeedbackSql(scope)}`, scope.params),
    ])
    return await fn({ ...scope, tables })
  } finally {
    await Promise.all(Object.values(tables).map((t) => events.command(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined)))
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
    if (created < cutoff) await events.command(`DROP TABLE IF EXISTS ${name}`)
  }
}
