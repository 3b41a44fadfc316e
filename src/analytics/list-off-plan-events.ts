import type { EventStore } from '../storage/events/event-store.ts'

export type OffPlanEvent = { event: string; channel: string; events: number; customers: number; lastSeenAt: string }

/** Events stored flagged as off a strict tracking plan, by name and channel, most frequent first. Counted in the engine. */
export async function listOffPlanEvents(events: EventStore, workspaceId: string, limit: number): Promise<OffPlanEvent[]> {
  const rows = await events.query<{ event: string; channel: string; events: string; customers: string; last: string }>(
    `SELECT event, channel, count() AS events, uniqExact(customer_id) AS customers, max(ts) AS last
     FROM events FINAL WHERE workspace_id = {ws:String} AND off_plan = 1
     GROUP BY event, channel ORDER BY events DESC, event, channel LIMIT {limit:UInt32}`,
    { ws: workspaceId, limit },
  )
  return rows.map((r) => ({ event: r.event, channel: r.channel, events: Number(r.events), customers: Number(r.customers), lastSeenAt: r.last }))
}
