import type { JourneyDocument } from '../domain/journey/journey.ts'
import { allSteps, goalStep } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { stepMatcher } from './step-matcher.ts'
import type { TriggerHit } from './find-detractors-after-repeat.ts'

/**
 * Exits at red points: events that arrived with a seq in (after, upto] (upto is
 * `quietHours` ago), at one of the `redSteps`, by customers (stitched) whose last
 * journey event it still is, who never reached the goal and whose revenue is at
 * least `minRevenue`. Only those customers' own events are read after the seq window.
 */
export async function findExitsAtRedPoints(
  events: EventStore,
  workspaceId: string,
  doc: JourneyDocument,
  redSteps: string[],
  window: { after: number; upto: number },
  minRevenue: number,
): Promise<TriggerHit[]> {
  if (!redSteps.length) return []
  const all = stepMatcher(doc, 'j')
  const red = stepMatcher({ ...doc, stages: [{ key: 'r', name: 'r', steps: allSteps(doc).filter((s) => redSteps.includes(s.step.key)).map((s) => s.step) }] }, 'r')
  const links = (ids: string) => `SELECT anonymous_id, argMax(user_id, ts) AS user_id FROM identities WHERE workspace_id = {ws:String} AND anonymous_id IN (${ids}) GROUP BY anonymous_id`
  const fresh = `workspace_id = {ws:String} AND seq > {after:UInt64} AND seq <= {upto:UInt64} AND (${red.sql}) != ''`
  const rows = await events.query<TriggerHit & { revenue: number }>(
    `WITH
       cand AS (
         SELECT e.event_id AS event_id, if(l.user_id != '', l.user_id, e.customer_id) AS customer, e.ts AS ts, e.seq AS seq, e.step AS step
         FROM (SELECT event_id, customer_id, ts, seq, ${red.sql} AS step FROM events WHERE ${fresh}) AS e
         ANY LEFT JOIN (${links(`SELECT customer_id FROM events WHERE ${fresh}`)}) AS l ON l.anonymous_id = e.customer_id
       ),
       ids AS (SELECT customer AS id FROM cand UNION ALL SELECT anonymous_id AS id FROM identities WHERE workspace_id = {ws:String} AND user_id IN (SELECT customer FROM cand))
     SELECT c.event_id AS event_id, c.customer AS customer, toString(c.ts) AS ts, c.seq AS seq, c.step AS step, k.revenue AS revenue
     FROM (SELECT * FROM cand ORDER BY ts DESC LIMIT 1 BY customer) AS c
     INNER JOIN (
       SELECT if(l2.user_id != '', l2.user_id, x.customer_id) AS customer, max(x.ts) AS last_ts, sum(ifNull(x.revenue, 0)) AS revenue,
              countIf(step = {goal:String}) AS goals
       FROM (SELECT customer_id, ts, revenue, ${all.sql} AS step FROM events FINAL WHERE workspace_id = {ws:String} AND customer_id IN (SELECT id FROM ids)) AS x
       ANY LEFT JOIN (${links('SELECT id FROM ids')}) AS l2 ON l2.anonymous_id = x.customer_id
       WHERE x.step != ''
       GROUP BY customer
     ) AS k ON k.customer = c.customer
     WHERE k.last_ts = c.ts AND k.goals = 0 AND k.revenue >= {min_revenue:Float64}
     ORDER BY c.seq`,
    { ws: workspaceId, after: Math.max(0, Math.floor(window.after)), upto: Math.floor(window.upto), goal: goalStep(doc) ?? '', min_revenue: minRevenue, ...all.params, ...red.params },
  )
  return rows.map((r) => ({ ...r, seq: Number(r.seq), detail: `left at ${r.step}, a red point, without reaching the goal (revenue ${Math.round(Number(r.revenue))})` }))
}
