import type { OutcomeMeasure } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerFeedbackSql, customerPathsSql } from './customer-paths.ts'
import { dataEndSql, pathConditions } from './get-outcome-shares.ts'
import type { CustomerRow } from './list-customers.ts'
import { withMaterializedScope } from './materialized-scope.ts'

/** Which customers of a desired outcome: those for whom it is met, those it applies to and is not, or those still within its limit. */
export const OUTCOME_GROUPS = ['met', 'unmet', 'pending'] as const
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number]

/**
 * The customers behind a desired outcome's share (as getOutcomeShares counts them), most valuable first:
 * for path measures from each customer's path, for score measures from their latest answer at the step.
 */
export async function listOutcomeCustomers(events: EventStore, scope: Scope, measure: OutcomeMeasure, group: OutcomeGroup, limit: number, end?: Date): Promise<{ total: number; customers: CustomerRow[] }> {
  return withMaterializedScope(events, scope, ['times', 'value', ...(measure.kind === 'score' ? (['feedback'] as const) : [])], async (s) => {
    const params: Record<string, unknown> = { ...s.params, limit }
    const paths = customerPathsSql(s, ['times', 'value'])
    let source: string
    const c = pathConditions(measure, 0, s, params)
    if (c) {
      const where = { met: `${c.eligible} AND ${c.met}`, unmet: `${c.eligible} AND NOT (${c.met}) AND NOT (${c.pending})`, pending: `${c.eligible} AND ${c.pending}` }[group]
      source = `SELECT customer, value, length(path) AS n, times[-1] AS last_seen FROM (SELECT *, ${dataEndSql(paths, params, end)} AS outcome_end FROM (${paths})) WHERE ${where}`
    } else {
      if (measure.kind !== 'score') throw new Error('a path measure without path conditions')
      if (group === 'pending') return { total: 0, customers: [] } // a score has no time limit
      Object.assign(params, { score_step: measure.step, score_kind: measure.scoreKind, score_min: measure.min })
      source = `SELECT f.customer AS customer, ifNull(p.value, 0) AS value, f.n AS n, f.last_seen AS last_seen
        FROM (SELECT customer, argMax(score, ts) AS latest, count() AS n, max(ts) AS last_seen
              FROM (${customerFeedbackSql(s)}) WHERE touchpoint = {score_step:String} AND score_kind = {score_kind:String} GROUP BY customer) AS f
        LEFT JOIN (SELECT customer, value FROM (${paths})) AS p ON p.customer = f.customer
        WHERE ${group === 'met' ? 'f.latest >= {score_min:Float64}' : 'f.latest < {score_min:Float64}'}`
    }
    const rows = await events.query<{ customer: string; value: number; n: string; last_seen: string; total: string }>(
      `SELECT customer, value, n, last_seen, count() OVER () AS total FROM (${source}) ORDER BY value DESC, customer LIMIT {limit:UInt32}`,
      params,
    )
    return { total: Number(rows[0]?.total ?? 0), customers: rows.map((r) => ({ customer: r.customer, value: Number(r.value ?? 0), occurrences: Number(r.n), lastSeen: String(r.last_seen) })) }
  })
}
