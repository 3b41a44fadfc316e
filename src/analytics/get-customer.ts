import type { EventStore } from '../storage/events/event-store.ts'
import { customerIds } from './identity-resolution.ts'

export type CustomerProfile = {
  customerId: string
  /** Every id that is this customer: the user id and the anonymous ids linked to it. */
  ids: string[]
  traits: Record<string, string>
  events: number
  feedback: number
  /** Revenue of all their events: what the customer is worth so far. */
  revenue: number
  channels: string[]
  firstSeen: string | null
  lastSeen: string | null
}


/** One customer across every id and channel: latest traits, counts and first/last seen; undefined when nothing is stored. */
export async function getCustomer(events: EventStore, workspaceId: string, customerId: string): Promise<CustomerProfile | undefined> {
  const ids = await customerIds(events, workspaceId, customerId)
  const params = { ws: workspaceId, ids }
  const [[stats], traitRows] = await Promise.all([
    events.query<{ events: string; feedback: string; revenue: number; channels: string[]; first: string | null; last: string | null }>(
      `SELECT count() AS events, countIf(score_kind != '') AS feedback, sum(ifNull(revenue, 0)) AS revenue, arraySort(groupUniqArray(channel)) AS channels,
              if(count() = 0, NULL, min(ts)) AS first, if(count() = 0, NULL, max(ts)) AS last
       FROM events FINAL WHERE workspace_id = {ws:String} AND customer_id IN {ids:Array(String)}`,
      params,
    ),
    events.query<{ key: string; value: string }>(
      `SELECT key, argMax(value, ts) AS value FROM customers
       ARRAY JOIN mapKeys(traits) AS key, mapValues(traits) AS value
       WHERE workspace_id = {ws:String} AND customer_id IN {ids:Array(String)}
       GROUP BY key ORDER BY key`,
      params,
    ),
  ])
  const eventCount = Number(stats?.events ?? 0)
  if (eventCount === 0 && traitRows.length === 0 && ids.length === 1) return undefined
  return {
    customerId: ids[0] ?? customerId,
    ids,
    traits: Object.fromEntries(traitRows.map((t) => [t.key, t.value])),
    events: eventCount,
    feedback: Number(stats?.feedback ?? 0),
    revenue: Number(stats?.revenue ?? 0),
    channels: stats?.channels ?? [],
    firstSeen: stats?.first ?? null,
    lastSeen: stats?.last ?? null,
  }
}
