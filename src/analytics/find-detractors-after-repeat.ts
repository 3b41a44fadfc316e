import { LOW_SCORE } from '../domain/cases/trigger.ts'
import { CONTACT_CHANNELS } from '../domain/failure-demand.ts'
import type { EventStore } from '../storage/events/event-store.ts'

export type TriggerHit = { event_id: string; customer: string; ts: string; seq: number; step: string; detail: string }

/**
 * Low answers that arrived with an arrival seq in (after, upto] — the events
 * stored since the trigger last looked, found through the seq index — from
 * customers (stitched) who made at least `minContacts` contacts on contact
 * channels in the `withinDays` before the answer. Only the answering customers'
 * own events are read for the contacts (the table's customer prefix).
 */
export async function findDetractorsAfterRepeat(
  events: EventStore,
  workspaceId: string,
  window: { after: number; upto: number },
  c: { scoreKind: string | null; maxScore: number | null; minContacts: number; withinDays: number },
): Promise<Array<TriggerHit & { score: number; score_kind: string; contacts: number }>> {
  const fresh = `workspace_id = {ws:String} AND seq > {after:UInt64} AND seq <= {upto:UInt64} AND score_kind != '' AND score IS NOT NULL`
  const links = (ids: string) => `SELECT anonymous_id, argMax(user_id, ts) AS user_id FROM identities WHERE workspace_id = {ws:String} AND anonymous_id IN (${ids}) GROUP BY anonymous_id`
  const rows = await events.query<TriggerHit & { score: number; score_kind: string; contacts: string }>(
    `WITH
       cand AS (
         SELECT e.event_id AS event_id, if(l.user_id != '', l.user_id, e.customer_id) AS customer, e.ts AS ts, e.seq AS seq,
                e.score AS score, toString(e.score_kind) AS score_kind, toString(e.touchpoint) AS touchpoint
         FROM events AS e
         ANY LEFT JOIN (${links(`SELECT customer_id FROM events WHERE ${fresh}`)}) AS l ON l.anonymous_id = e.customer_id
         WHERE e.${fresh.replaceAll(' AND ', ' AND e.')}
           AND ({kind:String} = '' OR e.score_kind = {kind:String})
           AND e.score <= if({max:Float64} >= 0, {max:Float64}, transform(toString(e.score_kind), {low_kinds:Array(String)}, {low_max:Array(Float64)}, 2.0))
       ),
       ids AS (SELECT customer AS id FROM cand UNION ALL SELECT anonymous_id AS id FROM identities WHERE workspace_id = {ws:String} AND user_id IN (SELECT customer FROM cand))
     SELECT c.event_id AS event_id, c.customer AS customer, toString(c.ts) AS ts, c.seq AS seq, c.score AS score, c.score_kind AS score_kind, c.touchpoint AS step,
            length(arrayFilter(t -> t >= c.ts - toIntervalDay({days:UInt32}) AND t < c.ts, k.times)) AS contacts
     FROM cand AS c
     LEFT JOIN (
       SELECT if(l2.user_id != '', l2.user_id, x.customer_id) AS customer, groupArray(x.ts) AS times
       FROM events AS x FINAL
       ANY LEFT JOIN (${links('SELECT id FROM ids')}) AS l2 ON l2.anonymous_id = x.customer_id
       WHERE x.workspace_id = {ws:String} AND x.customer_id IN (SELECT id FROM ids) AND x.channel IN {contact:Array(String)} AND x.score_kind = ''
       GROUP BY customer
     ) AS k ON k.customer = c.customer
     WHERE contacts >= {min:UInt32}
     ORDER BY c.seq`,
    {
      ws: workspaceId,
      after: Math.max(0, Math.floor(window.after)),
      upto: Math.floor(window.upto),
      kind: c.scoreKind ?? '',
      max: c.maxScore ?? -1,
      low_kinds: Object.keys(LOW_SCORE),
      low_max: Object.values(LOW_SCORE),
      days: c.withinDays,
      contact: CONTACT_CHANNELS,
      min: c.minContacts,
    },
  )
  return rows.map((r) => ({ ...r, seq: Number(r.seq), contacts: Number(r.contacts), detail: `${r.score_kind.toUpperCase()} ${r.score} after ${r.contacts} contacts in ${c.withinDays} days` }))
}
