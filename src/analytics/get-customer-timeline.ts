import { LOW_SCORE, normalizedScoreSql } from '../domain/feedback-scale.ts'
import type { JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { customerIds } from './identity-resolution.ts'
import { stepMatcher } from './step-matcher.ts'

export type TimelineEntry = {
  ts: string
  event: string
  channel: string
  /** The journey step this event is, when a journey is given and a rule matches. */
  step: string | null
  /** `normalized` is the score on the −2…+2 emotion scale; `low` when it is in the bottom quarter of its scale. */
  feedback: { kind: string; score: number; normalized: number | null; low: boolean; touchpoint: string; comment: string } | null
  revenue: number | null
  properties: Record<string, string>
}

/** One customer's whole timeline across ids and channels, in time and arrival order, optionally labelled with journey steps. */
export async function getCustomerTimeline(events: EventStore, workspaceId: string, customerId: string, doc?: JourneyDocument, limit = 1000): Promise<TimelineEntry[]> {
  const ids = await customerIds(events, workspaceId, customerId)
  const matcher = doc ? stepMatcher(doc) : undefined
  const rows = await events.query<{
    ts: string
    event: string
    channel: string
    step: string
    score: number | null
    normalized: number | null
    score_kind: string
    touchpoint: string
    comment: string
    revenue: number | null
    properties: Record<string, string>
  }>(
    `SELECT ts, event, channel, ${matcher ? matcher.sql : "''"} AS step, score, round(${normalizedScoreSql()}, 2) AS normalized, score_kind, touchpoint, comment, revenue, properties
     FROM events FINAL
     WHERE workspace_id = {ws:String} AND customer_id IN {ids:Array(String)}
     ORDER BY ts, seq
     LIMIT {limit:UInt32}`,
    { ...(matcher?.params ?? {}), ws: workspaceId, ids, limit },
  )
  return rows.map((r) => ({
    ts: r.ts,
    event: r.event,
    channel: r.channel,
    step: r.step || null,
    feedback: r.score_kind ? feedbackOf(r) : null,
    revenue: r.revenue === null ? null : Number(r.revenue),
    properties: r.properties,
  }))
}

function feedbackOf(r: { score_kind: string; score: number | null; normalized: number | null; touchpoint: string; comment: string }): NonNullable<TimelineEntry['feedback']> {
  const normalized = r.normalized === null ? null : Number(r.normalized)
  return { kind: r.score_kind, score: Number(r.score), normalized, low: normalized !== null && normalized <= LOW_SCORE, touchpoint: r.touchpoint, comment: r.comment }
}
