import { normalizedScoreSql } from '../domain/feedback-scale.ts'
import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { stepName, type NamedScope, type Segment } from './scope-names.ts'
import { STEP_SETS, stepOccurrences, type StepSet } from './step-occurrences.ts'

export type FeedbackKpi = { kind: string; mean: number; n: number; nps: number | null; csatPercent: number | null }

export type TouchpointKpi = {
  stage: string
  step: string
  events: number
  customers: number
  /** Share of the journey's customers who reached this step. */
  reach: number
  /** Customers with ≥ 2 occurrences within 7 days, on any channel, as a share of the step's customers. */
  repeatRate: number
  /** Customers whose repeat (within 7 days) was on a contact channel — failure demand — as a share of the step's customers. */
  contactRepeatRate: number
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

/** What the red-point tests read of a group of customers at a step: contact repeats (failure demand), exits, feedback, and their value. */
export type GroupStats = {
  /** Customers who repeated the step on a contact channel (failure demand) and their value. */
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
}

export type StepStats = GroupStats & {
  /** log1p(hours) to the next step within the same stage: n, mean, variance; slow customers and value. */
  waitN: number
  waitMean: number | null
  waitVar: number | null
  slowCustomers: number
  slowValue: number
  /** The same per segment (customer trait value or value tier) of the step's customers, for segments with any. */
  segments: SegmentStats[]
}

/** One segment's customers at one step. */
export type SegmentStats = GroupStats & { segment: Segment; customers: number }

export type TouchpointReport = { customers: number; totalValue: number; goal: string | null; touchpoints: TouchpointKpi[] }

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * Per touchpoint of the journey, from every customer's own path: volume, reach,
 * repeats, exits, conversion to the next stage, time to the next step and
 * feedback — each aggregated in the engine in two queries.
 */
export async function getTouchpointKpis(events: EventStore, scope: Scope, doc: JourneyDocument): Promise<TouchpointReport> {
  return withMaterializedScope(events, scope, ['times', 'stages', 'channels', 'value', 'segments', 'answers'], (s) => touchpointKpisOf(events, s, doc))
}

async function touchpointKpisOf(events: EventStore, scope: NamedScope, doc: JourneyDocument): Promise<TouchpointReport> {
  // "Slow" is journey-wide: an in-stage wait above the upper quartile of all of them; read first, then bound.
  const { waits } = stepOccurrences(scope, doc)
  const [threshold] = await events.query<{ t: number | null }>(`SELECT quantileExactArray(0.75)(waits) AS t FROM (${waits})`, scope.params)
  const { goal, params, paths, customerSteps, elements } = stepOccurrences(scope, doc, { segments: true, slowThreshold: Number(threshold?.t ?? 0) })
  // Each answer of a customer's row, with whether it is their first at its touchpoint (and of its kind there) and
  // whether they answered low there: a customer's value and low answers count once however often they answered.
  const answers = `
    SELECT a.touchpoint AS step, a.score_kind AS kind, a.score AS score, norm, value, segments, nth_kind, nth_step, low_kind, low_step
    FROM (SELECT value, segments, arrayFilter(a -> a.touchpoint != '', answers) AS tied,
                 arrayMap((score_kind, score) -> ${normalizedScoreSql()}, arrayMap(a -> a.score_kind, tied), arrayMap(a -> a.score, tied)) AS norms,
                 arrayMap(x -> ifNull(x <= {low:Float64}, 0), norms) AS lows,
                 arrayEnumerateUniq(arrayMap(a -> (a.touchpoint, a.score_kind), tied)) AS nth_kinds,
                 arrayEnumerateUniq(arrayMap(a -> a.touchpoint, tied)) AS nth_steps,
                 arrayMap(a -> arrayExists((b, l) -> l AND b.touchpoint = a.touchpoint AND b.score_kind = a.score_kind, tied, lows), tied) AS low_kinds,
                 arrayMap(a -> arrayExists((b, l) -> l AND b.touchpoint = a.touchpoint, tied, lows), tied) AS low_steps
          FROM (${customerPathsSql(scope, ['answers', 'value', 'segments'])})
          WHERE notEmpty(answers))
    ARRAY JOIN tied AS a, norms AS norm, nth_kinds AS nth_kind, nth_steps AS nth_step, low_kinds AS low_kind, low_steps AS low_step`
  // Every answer counts for its touchpoint and kind, its touchpoint, and its touchpoint in each of the customer's
  // segments, each a (kind, segment) tag with the low customer and value it brings ('' and 0 for "all"): one grouping
  // counts them all. (Per touchpoint, a customer's value counts once per kind they answered low.)
  const kindLow = 'nth_kind = 1 AND low_kind'
  const stepLow = 'nth_step = 1 AND low_step'
  const tags = `arrayConcat([(kind, toUInt16(0), ${kindLow}, if(${kindLow}, value, 0)), ('', toUInt16(0), ${stepLow}, if(${kindLow}, value, 0))],
                            arrayMap(s -> ('', s, ${stepLow}, if(${stepLow}, value, 0)), segments))`
  // Every (step, set) a customer belongs to as one number, step * 8 + set, so one grouping counts them all.
  const tagged = STEP_SETS.map((set, i) => `arrayMap(s -> toUInt32(s) * 8 + ${i}, ${set})`).join(', ')
  const [[totals], perEvent, perSet, feedback] = await Promise.all([
    events.query<{ customers: string; value: string }>(`SELECT count() AS customers, sum(value) AS value FROM (${paths})`, params),
    events.query<Record<string, number | string | null>>(
      `SELECT step, count() AS events, quantilesExactIf(0.5, 0.9)(gap, gap >= 0) AS hours_to_next, countIf(gap >= 0) AS gap_n,
              countIf(wait >= 0) AS wait_n, sumIf(wait, wait >= 0) / wait_n AS wait_mean,
              if(wait_n > 1, (sumIf(wait * wait, wait >= 0) - sumIf(wait, wait >= 0) * sumIf(wait, wait >= 0) / wait_n) / (wait_n - 1), NULL) AS wait_var
       FROM (${elements})
       ARRAY JOIN path AS step, gaps AS gap, waits AS wait
       GROUP BY step`,
      params,
    ),
    // Grouped by (step, set) and the customer's combination of segments (a bitmask), then by (step, set): the
    // customers and value of each, and per segment (bit n - 1 of the mask) the sums over the combinations that include it.
    events.query<{ step: number; set: number; customers: string; value: number | null; seg_customers: string[]; seg_value: Array<number | null> }>(
      `SELECT intDiv(k, 8) AS step, k % 8 AS set, sum(c) AS customers, sum(v) AS value,
              sumForEach(arrayMap(i -> if(bitTest(segment_mask, i), c, 0), range({segment_count:UInt32}))) AS seg_customers,
              sumForEach(arrayMap(i -> if(bitTest(segment_mask, i), v, 0), range({segment_count:UInt32}))) AS seg_value
       FROM (SELECT k, segment_mask, count() AS c, sum(value) AS v
             FROM (${customerSteps})
             ARRAY JOIN arrayConcat(${tagged}) AS k
             GROUP BY k, segment_mask)
       GROUP BY k`,
      { ...params, segment_count: scope.names.segments!.length },
    ),
    // Mean and sample variance of the normalised answers; low answers' customers and value.
    events.query<Record<string, number | string | null>>(
      `SELECT step, t.1 AS tag_kind, t.2 AS segment, count() AS n, sum(score) / n AS mean, sum(norm) / n AS norm_mean,
              if(n > 1, (sum(norm * norm) - sum(norm) * sum(norm) / n) / (n - 1), NULL) AS norm_var, sum(t.3) AS low_customers, sum(t.4) AS low_value,
              countIf(kind = 'nps' AND score >= 9) AS promoters, countIf(kind = 'nps' AND score <= 6) AS detractors, countIf(kind = 'csat' AND score >= 4) AS satisfied
       FROM (${answers})
       ARRAY JOIN ${tags} AS t
       GROUP BY step, tag_kind, segment`,
      params,
    ),
  ])
  const customers = Number(totals?.customers ?? 0)
  const eventsOf = new Map(perEvent.map((r) => [stepName(scope, r.step as number), r]))
  const setsOf = new Map<string, Partial<Record<StepSet, (typeof perSet)[number]>>>()
  for (const r of perSet) {
    const name = stepName(scope, r.step)
    setsOf.set(name, { ...setsOf.get(name), [STEP_SETS[Number(r.set)]!]: r })
  }
  const feedbackBy = (step: string) => feedback.filter((f) => f.step === step && Number(f.segment) === 0)
  const segmentFeedback = new Map(feedback.filter((r) => Number(r.segment) > 0).map((r) => [`${r.step}\u0000${r.segment}`, r]))
  const segmentsOf = (key: string, sets: Partial<Record<StepSet, (typeof perSet)[number]>> | undefined): SegmentStats[] => {
    const nth = (set: StepSet, column: 'seg_customers' | 'seg_value', i: number) => Number(sets?.[set]?.[column][i] ?? 0)
    return scope.names.segments!.flatMap((segment, i) => {
      const customers = nth('reached', 'seg_customers', i)
      if (!customers) return []
      const f = segmentFeedback.get(`${key}\u0000${i + 1}`)
      return [
        {
          segment,
          customers,
          exits: nth('exited', 'seg_customers', i),
          repeaters: nth('contact_repeated', 'seg_customers', i),
          exitValue: nth('exited', 'seg_value', i),
          repeatValue: nth('contact_repeated', 'seg_value', i),
          scoreN: Number(f?.n ?? 0),
          scoreMean: num(f?.norm_mean),
          scoreVar: num(f?.norm_var),
          lowCustomers: Number(f?.low_customers ?? 0),
          lowValue: Number(f?.low_value ?? 0),
        },
      ]
    })
  }
  const touchpoints = allSteps(doc).map(({ stage, step }): TouchpointKpi => {
    const r = eventsOf.get(step.key)
    const sets = setsOf.get(step.key)
    const count = (set: StepSet) => Number(sets?.[set]?.customers ?? 0)
    const value = (set: StepSet) => Number(sets?.[set]?.value ?? 0)
    const c = count('reached')
    const rate = (set: StepSet) => (c ? count(set) / c : 0)
    const hoursToNext = Number(r?.gap_n ?? 0) > 0 ? (r?.hours_to_next as unknown as number[]) : undefined
    const fb = feedbackBy(step.key)
    const overall = fb.find((f) => f.tag_kind === '')
    const isLastStage = doc.stages.indexOf(stage) === doc.stages.length - 1
    return {
      stage: stage.key,
      step: step.key,
      events: Number(r?.events ?? 0),
      customers: c,
      reach: customers ? c / customers : 0,
      repeatRate: rate('repeated'),
      contactRepeatRate: rate('contact_repeated'),
      exitRate: rate('exited'),
      conversionToNextStage: isLastStage ? null : rate('converted'),
      medianHoursToNext: num(hoursToNext?.[0]),
      p90HoursToNext: num(hoursToNext?.[1]),
      feedback: fb
        .filter((f) => f.tag_kind !== '')
        .map((f) => ({
          kind: String(f.tag_kind),
          mean: Number(f.mean),
          n: Number(f.n),
          nps: f.tag_kind === 'nps' ? ((Number(f.promoters) - Number(f.detractors)) / Number(f.n)) * 100 : null,
          csatPercent: f.tag_kind === 'csat' ? (Number(f.satisfied) / Number(f.n)) * 100 : null,
        })),
      measuredEmotion: overall ? num(overall.norm_mean) : null,
      designedEmotion: step.emotion ?? null,
      stats: {
        repeaters: count('contact_repeated'),
        exits: count('exited'),
        repeatValue: value('contact_repeated'),
        exitValue: value('exited'),
        scoreN: Number(overall?.n ?? 0),
        scoreMean: overall ? num(overall.norm_mean) : null,
        scoreVar: overall ? num(overall.norm_var) : null,
        lowCustomers: Number(overall?.low_customers ?? 0),
        lowValue: Number(overall?.low_value ?? 0),
        waitN: Number(r?.wait_n ?? 0),
        waitMean: num(r?.wait_mean),
        waitVar: num(r?.wait_var),
        slowCustomers: count('slow'),
        slowValue: value('slow'),
        segments: segmentsOf(step.key, sets),
      },
    }
  })
  return { customers, totalValue: Number(totals?.value ?? 0), goal, touchpoints }
}
