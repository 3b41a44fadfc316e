import { createHash } from 'node:crypto'
import type { Runtime } from '../../src/runtime.ts'
import { chTime } from '../../src/storage/events/rows.ts'
import { readWorkspaceRows } from '../../src/storage/metadata/workspace-rows.ts'

/**
 * What a workspace holds, as order-independent sums: each event-store table as analyses read it (`FINAL` where the
 * engine deduplicates) plus its raw row count, the quarantine's rows from before `since` and how many arrived
 * after, and the metadata rows. Two digests of a workspace are equal when nothing stored in it changed.
 */
export type WorkspaceDigest = {
  events: TableSum
  identities: TableSum
  customers: TableSum
  /** Quarantined inputs received before `since`: they must never change. */
  olderQuarantine: TableSum
  /** Quarantined inputs received at or after `since`: the inputs a fuzz run kept. */
  newQuarantine: number
  /** Of those, rows without a reason (there must be none). */
  newQuarantineWithoutReason: number
  /** SHA-256 of the workspace's metadata rows, less what changes by merely being used (see VOLATILE). */
  metadata: string
  metadataRows: number
}
type TableSum = { rows: number; rawRows: number; hash: string }

/**
 * Metadata that changes by use, not by input: the security log grows with every refused sign-in, a key records
 * when it was last used, and alert evaluations are written by the scheduler.
 */
const VOLATILE_TABLES = new Set(['audit_log', 'alert_evaluations'])
const VOLATILE_COLUMNS = new Set(['lastUsedAt'])

export async function workspaceDigest(rt: Pick<Runtime, 'events' | 'metadata'>, workspaceId: string, since: Date): Promise<WorkspaceDigest> {
  const params = { ws: workspaceId, since: chTime(since) }
  const sum = async (table: string, final: boolean, where = ''): Promise<TableSum> => {
    const [row] = await rt.events.query<{ rows: string; hash: string; raw: string }>(
      `SELECT count() AS rows, toString(sum(cityHash64(toString(tuple(*))))) AS hash,
              (SELECT count() FROM ${table} WHERE workspace_id = {ws:String}${where}) AS raw
       FROM ${table}${final ? ' FINAL' : ''} WHERE workspace_id = {ws:String}${where}`,
      params,
    )
    return { rows: Number(row!.rows), rawRows: Number(row!.raw), hash: row!.hash }
  }
  const [fresh] = await rt.events.query<{ n: string; empty: string }>(
    "SELECT count() AS n, countIf(reason = '') AS empty FROM quarantine WHERE workspace_id = {ws:String} AND received_at >= {since:DateTime64(3)}",
    params,
  )
  const dumps = await readWorkspaceRows(rt.metadata.db, workspaceId)
  const metadata = dumps
    .filter((d) => !VOLATILE_TABLES.has(d.table))
    .map((d) => ({ table: d.table, rows: d.rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !VOLATILE_COLUMNS.has(k)).sort(([a], [b]) => a.localeCompare(b)))).sort() }))
  return {
    events: await sum('events', true),
    identities: await sum('identities', true),
    customers: await sum('customers', false),
    olderQuarantine: await sum('quarantine', false, ' AND received_at < {since:DateTime64(3)}'),
    newQuarantine: Number(fresh!.n),
    newQuarantineWithoutReason: Number(fresh!.empty),
    metadata: createHash('sha256').update(JSON.stringify(metadata)).digest('hex'),
    metadataRows: metadata.reduce((n, t) => n + t.rows.length, 0),
  }
}

/** What differs between two digests of the stored data (the new quarantine is compared by the caller). */
export function storedChanges(before: WorkspaceDigest, after: WorkspaceDigest): string[] {
  const changes: string[] = []
  for (const key of ['events', 'identities', 'customers', 'olderQuarantine'] as const) {
    const [b, a] = [before[key], after[key]]
    if (b.rows !== a.rows || b.hash !== a.hash) changes.push(`${key}: ${b.rows} rows (hash ${b.hash}) → ${a.rows} rows (hash ${a.hash})`)
    else if (a.rawRows > b.rawRows) changes.push(`${key}: ${a.rawRows - b.rawRows} more raw rows (duplicates awaiting a merge)`)
  }
  if (before.metadata !== after.metadata) changes.push(`metadata: ${before.metadataRows} rows (${before.metadata.slice(0, 12)}) → ${after.metadataRows} rows (${after.metadata.slice(0, 12)})`)
  return changes
}
