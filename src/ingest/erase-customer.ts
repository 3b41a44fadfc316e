import { customerIds } from '../analytics/identity-resolution.ts'
import type { EventStore } from '../storage/events/event-store.ts'

export type ErasureReport = { customerId: string; ids: string[]; events: number; identities: number; profiles: number; quarantined: number }

/** What is one customer's, by the identity rule (analytics/identity-resolution.ts): nothing that is another customer's. */
const OWN = {
  events: 'workspace_id = {ws:String} AND customer_id IN {ids:Array(String)}',
  // Links from their ids, and links to them (a device once linked to them, since re-linked to someone else: the old link names them).
  identities: 'workspace_id = {ws:String} AND (anonymous_id IN {ids:Array(String)} OR user_id IN {ids:Array(String)})',
  customers: 'workspace_id = {ws:String} AND customer_id IN {ids:Array(String)}',
  quarantine: 'workspace_id = {ws:String} AND customer_id IN {ids:Array(String)}',
} as const

/**
 * Right to erasure: removes exactly one customer's events, identity links, traits and
 * quarantined inputs (matched by the id recorded on them), under every id the identity
 * rule gives them, and nobody else's. Each table's rows go by a mutation waited for, which
 * rewrites the parts that held them: afterwards they are in no part the engine reads, not
 * even with deleted rows shown. (The replaced parts' files are removed by the engine after
 * its `old_parts_lifetime`, 8 minutes by default.)
 */
export async function eraseCustomer(events: EventStore, workspaceId: string, customerId: string): Promise<ErasureReport> {
  const ids = await customerIds(events, workspaceId, customerId)
  const params = { ws: workspaceId, ids }
  const [counts] = await events.query<Record<keyof typeof OWN, string>>(
    `SELECT ${Object.entries(OWN)
      .map(([table, where]) => `(SELECT count() FROM ${table} WHERE ${where}) AS ${table}`)
      .join(', ')}`,
    params,
  )
  for (const [table, where] of Object.entries(OWN) as Array<[keyof typeof OWN, string]>) {
    if (Number(counts?.[table] ?? 0) > 0) await events.eraseWhere(table, where, params)
  }
  return {
    customerId: ids[0]!,
    ids,
    events: Number(counts?.events ?? 0),
    identities: Number(counts?.identities ?? 0),
    profiles: Number(counts?.customers ?? 0),
    quarantined: Number(counts?.quarantine ?? 0),
  }
}
