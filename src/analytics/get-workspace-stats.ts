import type { EventStore } from '../storage/events/event-store.ts'
import { stitchedEvents } from './stitched-events.ts'

export type WorkspaceStats = {
  events: number
  customers: number
  quarantined: number
  /** Stored events flagged as outside a strict tracking plan. */
  offPlan: number
  firstEventAt: string | null
  lastEventAt: string | null
}

/** Stored events (deduplicated), distinct customers (after identity stitching) and quarantined inputs of one workspace. */
export async function getWorkspaceStats(events: EventStore, workspaceId: string): Promise<WorkspaceStats> {
  const [row] = await events.query<{ events: string; customers: string; quarantined: string; off_plan: string; first: string | null; last: string | null }>(
    `SELECT
       (SELECT (count(), countIf(off_plan = 1)) FROM events FINAL WHERE workspace_id = {ws:String}) AS stored,
       stored.1 AS events,
       stored.2 AS off_plan,
       (SELECT uniqExact(customer) FROM (${stitchedEvents('e.event_id')})) AS customers,
       (SELECT count() FROM quarantine WHERE workspace_id = {ws:String}) AS quarantined,
       (SELECT if(count() = 0, NULL, min(ts)) FROM events WHERE workspace_id = {ws:String}) AS first,
       (SELECT if(count() = 0, NULL, max(ts)) FROM events WHERE workspace_id = {ws:String}) AS last`,
    { ws: workspaceId },
  )
  return {
    events: Number(row?.events ?? 0),
    customers: Number(row?.customers ?? 0),
    quarantined: Number(row?.quarantined ?? 0),
    offPlan: Number(row?.off_plan ?? 0),
    firstEventAt: row?.first ?? null,
    lastEventAt: row?.last ?? null,
  }
}
