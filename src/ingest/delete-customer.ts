import { customerIds } from '../analytics/get-customer.ts'
import type { EventStore } from '../storage/events/event-store.ts'

export type DeletionReport = { ids: string[]; events: number; identities: number; profiles: number; quarantined: number }

/**
 * Right to erasure: removes every event, identity link, profile row and
 * quarantined input of one customer (under all their ids) with synchronous
 * lightweight deletes, and reports what was removed. Verifiable afterwards:
 * the customer reads as not found.
 */
export async function deleteCustomer(events: EventStore, workspaceId: string, customerId: string): Promise<DeletionReport> {
  const ids = await customerIds(events, workspaceId, customerId)
  const params = { ws: workspaceId, ids, quoted: ids.map((id) => JSON.stringify(id)) }
  const [[counts]] = await Promise.all([
    events.query<{ events: string; identities: string; profiles: string; quarantined: string }>(
      `SELECT
         (SELECT count() FROM events WHERE workspace_id = {ws:String} AND (customer_id IN {ids:Array(String)} OR user_id IN {ids:Array(String)} OR anonymous_id IN {ids:Array(String)})) AS events,
         (SELECT count() FROM identities WHERE workspace_id = {ws:String} AND (anonymous_id IN {ids:Array(String)} OR user_id IN {ids:Array(String)})) AS identities,
         (SELECT count() FROM customers WHERE workspace_id = {ws:String} AND customer_id IN {ids:Array(String)}) AS profiles,
         (SELECT count() FROM quarantine WHERE workspace_id = {ws:String} AND multiSearchAny(payload, {quoted:Array(String)})) AS quarantined`,
      params,
    ),
  ])
  await events.deleteWhere(
    'events',
    'workspace_id = {ws:String} AND (customer_id IN {ids:Array(String)} OR user_id IN {ids:Array(String)} OR anonymous_id IN {ids:Array(String)})',
    params,
  )
  await events.deleteWhere('identities', 'workspace_id = {ws:String} AND (anonymous_id IN {ids:Array(String)} OR user_id IN {ids:Array(String)})', params)
  await events.deleteWhere('customers', 'workspace_id = {ws:String} AND customer_id IN {ids:Array(String)}', params)
  await events.deleteWhere('quarantine', 'workspace_id = {ws:String} AND multiSearchAny(payload, {quoted:Array(String)})', params)
  return {
    ids,
    events: Number(counts?.events ?? 0),
    identities: Number(counts?.identities ?? 0),
    profiles: Number(counts?.profiles ?? 0),
    quarantined: Number(counts?.quarantined ?? 0),
  }
}
