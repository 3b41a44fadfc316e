import { normalizedScoreSql } from '../domain/feedback-scale.ts'
import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { customerFeedbackSql } from './customer-paths.ts'
import { stepName, type NamedScope } from './scope-names.ts'
import { stepOccurrences } from './step-occurrences.ts'

export type FeedbackKpi = { kind: string; mean: number; n: number; nps: number | null; csatPercent: number | null }

export type TouchpointKpi = {
  stage: string
  step: string
  events: number
  customers: number
  /** Share of the journey's customers who reached this step. */
  reach: number
  /** Customers with ≥ 2 occurrences within 7 days (failure demand), as a share of the step's customers. */
  repeatRate: number
  /** Customers whose last journey event is this step and who never reached the goal, as a share. */
  exitRate: number
  /** Share of the step's customers who later reach the next stage (null for the last stage). */
  conversionToNextStage: number | null
  medianHoursToNext: number | null
  p90HoursToNext: number | null
  feedback: FeedbackKpi[]
  /** Mean feedback on the −2…+2 scale beside the designed emotion (the measured emotion curve). */
  measuredEmotion: number | null
  designedEmotion: number | null
  /** Statistics the red-point tests need. */
  stats: StepStats
}

export type StepStats = {
  repeaters: number
  exits: number
  repeatValue: number
  exitValue: number
  /** Normalised feedback: n, mean, sample variance; low answers and their customers' value. */
  scoreN: number
  scoreMean: number | null
  scoreVar: number | null
  lowCustomers: number
  lowValue: number
  /** log1p(hours) to the next step within the same stage: n, mean, variance; slow customers and value. */
  waitN: number
  waitMean: number | null
  waitVar: number | null
  slowCustomers: number
  slowValue: number
}

export type TouchpointReport = { customers: number; totalValue: number; goal: string | null; touchpoints: TouchpointKpi[] }

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * Per touchpoint of the journey, from every customer's own path: volume, reach,
 * repeats, exits, conversion to the next stage, time to the next step and
 * feedback — each aggregated in the engine in two queries.
 */
export async function getTouchpointKpis(events: EventStore, scope: Scope, doc: JourneyDocument): Promise<TouchpointReport> {
  return withMaterializedScope(events, scope, ['times', 'stages', 'value', 'feedback'], (s) => touchpointKpisOf(events, s, doc))
}

async function touchpointKpisOf(events: EventStore, scope: NamedScope, doc: JourneyDocument): Promise<TouchpointReport> {
  const { goal, params, paths, perCustomerStep, waits } = stepOccurrences(scope, doc)
  const [[totals], steps, feedback] = await Promise.all([
    events.query<{ customers: string; value: string }>(`SELECT count() AS customers, sum(value) AS value FROM (${paths})`, params),
    events.query<Record<string, number | string | null>>(
      `WITH (SELECT quantileExactArray(0.75)(waits) FROM (${waits})) AS slow_threshold
       SELECT step, sum(n) AS events, count() AS customers,
              countIf(repeated) AS repeaters, sumIf(value, repeated) AS repeat_value,
              countIf(exited) AS exits, sumIf(value, exited) AS exit_value,
              countIf(converted) AS converted,
              quantilesExactArray(0.5, 0.9)(gaps) AS hours_to_next, sum(length(gaps)) AS gap_n,
              sum(length(waits)) AS wait_n, avgArray(waits) AS wait_mean, varSampArray(waits) AS wait_var,
              countIf(arrayExists(w -> w > slow_threshold, waits)) AS slow_customers,
              sumIf(value, arrayExists(w -> w > slow_threshold, waits)) AS slow_value
       FROM (${perCustomerStep})
       GROUP BY step`,
      params,
    ),
    events.query<Record<string, number | string | null>>(
      `WITH ${normalizedScoreSql()} AS norm
       SELECT touchpoint AS step, score_kind AS kind, count() AS n, avg(score) AS mean,
              countIf(score_kind = 'nps' AND score >= 9) AS promoters, countIf(score_kind = 'nps' AND score <= 6) AS detractors,
              countIf(score_kind = 'csat' AND score >= 4) AS satisfied,
              avg(norm) AS norm_mean, varSamp(norm) AS norm_var,
              uniqExactIf(customer, norm <= {low:Float64}) AS low_customers,
              sumIf(value, norm <= {low:Float64}) AS low_value
       FROM (SELECT f.customer AS customer, f.touchpoint AS touchpoint, f.score_kind AS score_kind, f.score AS score, p.value AS value
             FROM (${customerFeedbackSql(scope)}) AS f LEFT JOIN (SELECT customer, value FROM (${paths})) AS p ON p.customer = f.customer
             WHERE f.touchpoint != '')
       GROUP BY GROUPING SETS ((touchpoint, score_kind), (touchpoint))`,
      params,
    ),
  ])
  const customers = Number(totals?.customers ?? 0)
  const byStep = new Map(steps.map((r) => [stepName(scope, r.step as number), r]))
  const feedbackBy = (step: string) => feedback.filter((f) => f.step === step)

  const touchpoints = allSteps(doc).map(({ stage, step }): TouchpointKpi => {
    const r = byStep.get(step.key)
    const c = Number(r?.customers ?? 0)
    const rate = (x: unknown) => (c ? Number(x ?? 0) / c : 0)
    const hoursToNext = Number(r?.gap_n ?? 0) > 0 ? (r?.hours_to_next as unknown as number[]) : undefined
    const fb = feedbackBy(step.key)
    const overall = fb.find((f) => f.kind === '')
    const isLastStage = doc.stages.indexOf(stage) === doc.stages.length - 1
    return {
      stage: stage.key,
      step: step.key,
      events: Number(r?.events ?? 0),
      customers: c,
      reach: customers ? c / customers : 0,
      repeatRate: rate(r?.repeaters),
      exitRate: rate(r?.exits),
      conversionToNextStage: isLastStage ? null : rate(r?.converted),
      medianHoursToNext: num(hoursToNext?.[0]),
      p90HoursToNext: num(hoursToNext?.[1]),
      feedback: fb
        .filter((f) => f.kind !== '')
        .map((f) => ({
          kind: String(f.kind),
          mean: Number(f.mean),
          n: Number(f.n),
          nps: f.kind === 'nps' ? ((Number(f.promoters) - Number(f.detractors)) / Number(f.n)) * 100 : null,
          csatPercent: f.kind === 'csat' ? (Number(f.satisfied) / Number(f.n)) * 100 : null,
        })),
      measuredEmotion: overall ? num(overall.norm_mean) : null,
      designedEmotion: step.emotion ?? null,
      stats: {
        repeaters: Number(r?.repeaters ?? 0),
        exits: Number(r?.exits ?? 0),
        repeatValue: Number(r?.repeat_value ?? 0),
        exitValue: Number(r?.exit_value ?? 0),
        scoreN: Number(overall?.n ?? 0),
        scoreMean: overall ? num(overall.norm_mean) : null,
        scoreVar: overall ? num(overall.norm_var) : null,
        lowCustomers: Number(overall?.low_customers ?? 0),
        lowValue: Number(overall?.low_value ?? 0),
        waitN: Number(r?.wait_n ?? 0),
        waitMean: num(r?.wait_mean),
        waitVar: num(r?.wait_var),
        slowCustomers: Number(r?.slow_customers ?? 0),
        slowValue: Number(r?.slow_value ?? 0),
      },
    }
  })
  return { customers, totalValue: Number(totals?.value ?? 0), goal, touchpoints }
}
