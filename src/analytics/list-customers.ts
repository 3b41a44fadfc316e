import { normalizedScoreSql } from '../domain/feedback-scale.ts'
import type { JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerFeedbackSql } from './customer-paths.ts'
import { stepNumber, withScopeNames } from './scope-names.ts'
import { stepOccurrences } from './step-occurrences.ts'

export const DRILL_METRICS = ['reached', 'repeated', 'exited', 'converted', 'lowFeedback'] as const
export type DrillMetric = (typeof DRILL_METRICS)[number]

export type CustomerRow = { customer: string; value: number; occurrences: number; lastSeen: string }

/**
 * The customers behind a touchpoint number — who reached the step, repeated it,
 * left the journey there, went on to the next stage, or answered its feedback
 * low — most valuable first, so every figure can be opened up to individuals.
 */
export async function listCustomers(
  events: EventStore,
  scope: Scope,
  doc: JourneyDocument,
  step: string,
  metric: DrillMetric,
  limit = 100,
): Promise<{ total: number; customers: CustomerRow[] }> {
  const named = await withScopeNames(events, scope)
  const { params, paths, perCustomerStep } = stepOccurrences(named, doc)
  const p = { ...params, step, step_number: stepNumber(named, step), limit }
  const source =
    metric === 'lowFeedback'
      ? `SELECT customer, any(value) AS value, count() AS n, max(ts) AS last_seen
         FROM (
           SELECT f.customer AS customer, f.ts AS ts, f.score AS score, f.score_kind AS score_kind, c.value AS value
           FROM (${customerFeedbackSql(scope)}) AS f
           LEFT JOIN (SELECT customer, value FROM (${paths})) AS c ON c.customer = f.customer
           WHERE f.touchpoint = {step:String}
         )
         WHERE ${normalizedScoreSql()} <= {low:Float64}
         GROUP BY customer`
      : `SELECT customer, value, n, arrayMax(ts) AS last_seen FROM (${perCustomerStep})
         WHERE step = {step_number:UInt16}${metric === 'reached' ? '' : ` AND ${metric}`}`
  const rows = await events.query<{ customer: string; value: number; n: string; last_seen: string; total: string }>(
    `SELECT customer, value, n, last_seen, count() OVER () AS total FROM (${source}) ORDER BY value DESC, customer LIMIT {limit:UInt32}`,
    p,
  )
  return {
    total: Number(rows[0]?.total ?? 0),
    customers: rows.map((r) => ({ customer: r.customer, value: Number(r.value ?? 0), occurrences: Number(r.n), lastSeen: r.last_seen })),
  }
}
