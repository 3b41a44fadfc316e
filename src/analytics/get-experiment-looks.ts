import type { Arm, Look } from '../domain/experiments/analyze-experiment.ts'
import { EXPOSURE_EVENT, EXPOSURE_PROPS, type ExperimentMetric, type Variant } from '../domain/experiments/experiment.ts'
import type { JourneyDocument } from '../domain/journey/journey.ts'
import { allSteps } from '../domain/journey/journey.ts'
import { chTime } from '../storage/events/rows.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { stepMatcher } from './step-matcher.ts'
import { stitchedEvents } from './stitched-events.ts'

type Row = { variant: string; exposed_day: string; outcome_day: string; customers: string; total: number; total_sq: number }

/**
 * An experiment's daily looks at one metric, aggregated in the engine: each
 * customer (stitched) counts from their first exposure ("Experiment Viewed"
 * with this experiment's id, within the experiment's dates) in the variant it
 * named; their outcome is the first after exposure within the metric's window —
 * an event mapped to the target step (conversion, 1) or an answer of the given
 * kind about the touchpoint (feedback, its score). The engine returns counts per
 * (variant, exposure day, outcome day); they are summed into cumulative looks
 * per day here.
 */
export async function getExperimentLooks(
  events: EventStore,
  workspaceId: string,
  doc: JourneyDocument,
  experiment: { id: string; variants: Variant[]; startAt: Date; stopAt: Date },
  metric: ExperimentMetric,
): Promise<Look[]> {
  const params: Record<string, unknown> = {
    ws: workspaceId,
    exp: experiment.id,
    exposure: EXPOSURE_EVENT,
    exp_key: EXPOSURE_PROPS.experiment,
    var_key: EXPOSURE_PROPS.variant,
    start: chTime(experiment.startAt),
    stop: chTime(experiment.stopAt),
    window: Math.round(metric.windowHours),
  }
  let outcome: string
  if (metric.kind === 'conversion') {
    const step = allSteps(doc).find((s) => s.step.key === metric.step)
    const matcher = stepMatcher({ ...doc, stages: [{ key: 'target', name: 'target', steps: step ? [step.step] : [] }] }, 'x')
    Object.assign(params, matcher.params)
    outcome = `SELECT customer, groupArray((ts, toFloat64(1))) AS outcomes
               FROM (${stitchedEvents('e.ts', `(${matcher.sql}) != ''`)}) WHERE ts >= {start:DateTime64(3)} GROUP BY customer`
  } else {
    params.kind = metric.scoreKind
    params.touchpoint = metric.touchpoint
    outcome = `SELECT customer, groupArray((ts, toFloat64(score))) AS outcomes
               FROM (${stitchedEvents('e.ts, e.score', 'score_kind = {kind:String} AND touchpoint = {touchpoint:String}')})
               WHERE ts >= {start:DateTime64(3)} AND score IS NOT NULL GROUP BY customer`
  }
  const rows = await events.query<Row>(
    `SELECT variant, exposed_day, outcome_day, count() AS customers, sum(score) AS total, sum(score * score) AS total_sq
     FROM (
       SELECT e.variant AS variant, toString(toDate(e.exposed_at)) AS exposed_day,
              arraySort(x -> x.1, arrayFilter(x -> x.1 >= e.exposed_at AND x.1 <= e.exposed_at + toIntervalHour({window:UInt32}), o.outcomes)) AS after,
              if(length(after) > 0, toString(toDate(after[1].1)), '') AS outcome_day,
              if(length(after) > 0, after[1].2, 0) AS score
       FROM (
         SELECT customer, argMin(properties[{var_key:String}], ts) AS variant, min(ts) AS exposed_at
         FROM (${stitchedEvents('e.ts, e.properties', 'event = {exposure:String} AND properties[{exp_key:String}] = {exp:String}')})
         WHERE ts >= {start:DateTime64(3)} AND ts < {stop:DateTime64(3)}
         GROUP BY customer
       ) AS e
       LEFT JOIN (${outcome}) AS o ON o.customer = e.customer
     )
     GROUP BY variant, exposed_day, outcome_day`,
    params,
  )
  return cumulativeLooks(rows, experiment.variants, metric)
}

/** Cumulative arms per day, from the first exposure day to the last day with data. */
function cumulativeLooks(rows: Row[], variants: Variant[], metric: ExperimentMetric): Look[] {
  const index = new Map(variants.map((v, i) => [v.key, i]))
  const known = rows.filter((r) => index.has(r.variant))
  const days = [...new Set(known.flatMap((r) => [r.exposed_day, r.outcome_day]).filter(Boolean))].sort()
  return days.map((day) => {
    const arms: Arm[] = variants.map(() => ({ exposed: 0, n: 0, sum: 0, sumSq: 0 }))
    for (const r of known) {
      const a = arms[index.get(r.variant)!]!
      const customers = Number(r.customers)
      if (r.exposed_day <= day) a.exposed += customers
      const counted = r.outcome_day !== '' && r.outcome_day <= day
      if (metric.kind === 'feedback' && counted) a.n += customers
      if (counted) {
        a.sum += Number(r.total)
        a.sumSq += Number(r.total_sq)
      }
    }
    if (metric.kind === 'conversion') for (const a of arms) a.n = a.exposed
    return { day, arms }
  })
}
