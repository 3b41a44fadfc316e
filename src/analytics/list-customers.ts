import { normalizedScoreSql } from '../domain/feedback-scale.ts'
import type { JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerFeedbackSql } from './customer-paths.ts'
import { stepNumber, VALUE_TIER, VALUE_TIERS, withScopeNames } from './scope-names.ts'
import { stepOccurrences, type StepSet } from './step-occurrences.ts'

export const DRILL_METRICS = ['reached', 'repeated', 'contactRepeated', 'exited', 'converted', 'lowFeedback'] as const
export type DrillMetric = (typeof DRILL_METRICS)[number]

/** The set of steps (see stepOccurrences) each drill-down metric reads. */
const SET_OF: Record<Exclude<DrillMetric, 'lowFeedback'>, StepSet> = {
  reached: 'reached',
  repeated: 'repeated',
  contactRepeated: 'contact_repeated',
  exited: 'exited',
  converted: 'converted',
}

export type CustomerRow = { customer: string; value: number; occurrences: number; lastSeen: string }

/**
 * The customers behind a touchpoint number — who reached the step, repeated it
 * (on any channel, or on a contact channel: failure demand),
 * left the journey there, went on to the next stage, or answered its feedback
 * low — most valuable first, so every figure can be opened up to individuals.
 * Segments by trait are scope filters; a value tier is chosen here.
 */
export async function listCustomers(
  events: EventStore,
  scope: Scope,
  doc: JourneyDocument,
  step: string,
  metric: DrillMetric,
  limit = 100,
  opts: { valueTier?: (typeof VALUE_TIERS)[number] } = {},
): Promise<{ total: number; customers: CustomerRow[] }> {
  const tiered = opts.valueTier !== undefined
  const named = await withScopeNames(events, scope, { channels: true, segments: tiered })
  const { params, customerSteps } = stepOccurrences(named, doc, { segments: tiered })
  // A value tier is the segment numbered after the trait segments (see ScopeNames).
  const tier = tiered ? named.names.segments!.findIndex((s) => s.trait === VALUE_TIER && s.value === opts.valueTier) + 1 : 0
  const inTier = (column: 'segments' | 'segment_mask') => (!tiered ? '' : column === 'segments' ? ' AND has(segments, {tier:UInt16})' : ' AND bitTest(segment_mask, {tier:UInt16} - 1)')
  const p = { ...params, step, step_number: stepNumber(named, step), limit, tier }
  const source =
    metric === 'lowFeedback'
      ? `SELECT customer, any(value) AS value, count() AS n, max(ts) AS last_seen
         FROM (${customerFeedbackSql(named, tiered ? ['value', 'segments'] : ['value'])})
         WHERE touchpoint = {step:String}
           AND ${normalizedScoreSql()} <= {low:Float64}${inTier('segments')}
         GROUP BY customer`
      : `SELECT customer, value, countEqual(path, {step_number:UInt16}) AS n, arrayMax(arrayFilter((t, s) -> s = {step_number:UInt16}, times, path)) AS last_seen
         FROM (${customerSteps})
         WHERE has(${SET_OF[metric]}, {step_number:UInt16})${inTier('segment_mask')}`
  const rows = await events.query<{ customer: string; value: number; n: string; last_seen: string; total: string }>(
    `SELECT customer, value, n, last_seen, count() OVER () AS total FROM (${source}) ORDER BY value DESC, customer LIMIT {limit:UInt32}`,
    p,
  )
  return {
    total: Number(rows[0]?.total ?? 0),
    customers: rows.map((r) => ({ customer: r.customer, value: Number(r.value ?? 0), occurrences: Number(r.n), lastSeen: r.last_seen })),
  }
}
