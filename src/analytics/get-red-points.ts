import { benjaminiHochberg, meanLowerP, poolMoments, proportionHigherP, subtractMoments } from './statistics.ts'
import type { GroupStats, TouchpointKpi, TouchpointReport } from './get-touchpoint-kpis.ts'
import { VALUE_TIER, type Segment } from './scope-names.ts'

export const RED_POINT_RULES = {
  /** Customers (or answers, or waits) a step needs before it is tested; a segment needs as many at the step, and so does the rest. */
  minSample: 30,
  /** False discovery rate over all tests of the journey, overall and per segment (Benjamini–Hochberg). */
  fdr: 0.05,
  /** Practical size: a rate at least this many times the baseline and 2 points above it… */
  rateRatio: 1.25,
  rateGap: 0.02,
  /** …feedback at least this much lower on the −2…+2 scale… */
  scoreGap: 0.3,
  /** …waits at least this many times longer (geometric mean hours). */
  waitRatio: 1.5,
  /** Waits are compared with the same step in a baseline period, never across steps (whose waits differ by design). */
} as const

type Metric = 'exitRate' | 'repeatRate' | 'feedback' | 'hoursToNextInStage'
export type RedPointReason = { metric: Metric; value: number; baseline: number; p: number }
export type RedPoint = {
  stage: string
  step: string
  /** The customers it concerns: a segment (a trait's value, or a value tier), or null for all of the step's customers. */
  segment: Segment | null
  reasons: RedPointReason[]
  customersAffected: number
  valueAtRisk: number
}

/** One test: a metric of a group of customers at a step against its baseline. */
type Candidate = {
  step: TouchpointKpi
  segment: Segment | null
  reason: RedPointReason
  affected: number
  value: number
  practical: boolean
}

/** What the exit, repeat and feedback tests read of a group of customers at a step (the step's, or a segment's). */
type Counts = GroupStats & { customers: number }
type Moments = { n: number; mean: number; variance: number }

const countsOf = (t: TouchpointKpi): Counts => ({ ...t.stats, customers: t.customers })
const momentsOf = (c: Counts): Moments | undefined => (c.scoreN > 0 && c.scoreMean !== null ? { n: c.scoreN, mean: c.scoreMean, variance: c.scoreVar ?? 0 } : undefined)
const segmentKey = (s: Segment | null) => (s ? `${s.trait}\u0000${s.value}` : '')

/** A rate test: x of n against x0 of n0, one-sided, with the practical-size rule. */
function rateTest(x: number, n: number, x0: number, n0: number) {
  const rate = x / n
  const baseline = n0 ? x0 / n0 : 0
  return { value: rate, baseline, p: proportionHigherP(x, n, x0, n0), practical: rate >= baseline * RED_POINT_RULES.rateRatio && rate - baseline >= RED_POINT_RULES.rateGap }
}

/** A feedback test: mean normalised score lower than the baseline's, one-sided Welch, with the practical-size rule. */
function scoreTest(m: Moments, base: Moments) {
  return { value: m.mean, baseline: base.mean, p: meanLowerP(m.mean, m.variance, m.n, base.mean, base.variance, base.n), practical: base.mean - m.mean >= RED_POINT_RULES.scoreGap }
}

const RATE_METRICS = [
  { metric: 'exitRate', x: (c: Counts) => c.exits, value: (c: Counts) => c.exitValue },
  { metric: 'repeatRate', x: (c: Counts) => c.repeaters, value: (c: Counts) => c.repeatValue },
] as const

/**
 * Red points: steps where a metric is significantly and materially worse than
 * its baseline, for all of a step's customers or for one segment of them.
 *
 * Overall: exit rate, repeat rate (repeats on a contact channel: failure
 * demand, whatever the step's designed channel) and normalised feedback are
 * compared with all other steps of the journey pooled; the wait to the next
 * step within the same stage is compared with the same step in the previous
 * period of equal length (steps' waits differ by design).
 *
 * Per segment (a customer trait's value, or a value tier — not for exits, as
 * value comes from staying): the same exit, repeat and feedback tests within the segment — its customers at this step
 * against its customers at the other steps — and, so that a step bad for
 * everyone or a segment worse everywhere is not reported per segment, the
 * segment must also be worse than the step's other customers. Both tests must
 * hold: the larger p-value counts (an intersection–union test). At most one
 * segment per step and metric is reported (the most significant); when the
 * step's other customers are not materially worse than the baseline, the
 * step's overall reason is that segment's and is reported with it only.
 *
 * Tests: one-sided two-proportion z-tests for rates; one-sided Welch t-tests
 * for feedback and log waits. A group needs ≥ 30 observations (and so does
 * the rest it is compared with); p-values are adjusted over every test of the
 * journey (Benjamini–Hochberg, FDR 5 %), and a difference must also be large
 * enough to matter. Ranked by value at risk: the revenue of the customers
 * affected (the largest of a red point's reasons, so nobody is counted twice).
 */
export function findRedPoints(report: TouchpointReport, opts: { previous?: TouchpointReport } = {}): RedPoint[] {
  const R = RED_POINT_RULES
  const tps = report.touchpoints
  const candidates: Candidate[] = []
  const add = (step: TouchpointKpi, segment: Segment | null, metric: Metric, test: { value: number; baseline: number; p: number; practical: boolean }, affected: number, value: number) =>
    candidates.push({ step, segment, reason: { metric, value: test.value, baseline: test.baseline, p: test.p }, affected, value, practical: test.practical })

  // Everyone, and each segment, summed over all steps: the pools that "the other steps" are taken from.
  const all = pool(tps.map(countsOf))
  const bySegment = new Map<string, Counts[]>()
  for (const s of tps.flatMap((t) => t.stats.segments)) bySegment.set(segmentKey(s.segment), [...(bySegment.get(segmentKey(s.segment)) ?? []), s])
  const segmentTotals = new Map([...bySegment].map(([key, counts]) => [key, pool(counts)]))

  for (const t of tps) {
    const here = countsOf(t)
    if (here.customers >= R.minSample) {
      for (const m of RATE_METRICS) add(t, null, m.metric, rateTest(m.x(here), here.customers, m.x(all) - m.x(here), all.customers - here.customers), m.x(here), m.value(here))
    }
    const scores = momentsOf(here)
    const otherScores = momentsOf(without(all, here))
    if (scores && scores.n >= R.minSample && otherScores && otherScores.n >= R.minSample) {
      add(t, null, 'feedback', scoreTest(scores, otherScores), here.lowCustomers, here.lowValue)
    }

    for (const s of t.stats.segments) {
      const rest = without(here, s)
      const elsewhere = without(segmentTotals.get(segmentKey(s.segment))!, s)
      if (s.customers >= R.minSample && rest.customers >= R.minSample && elsewhere.customers >= R.minSample) {
        // A customer's value comes from staying: value tiers say nothing about who leaves.
        for (const m of RATE_METRICS.filter((r) => r.metric !== 'exitRate' || s.segment.trait !== VALUE_TIER)) {
          const within = rateTest(m.x(s), s.customers, m.x(elsewhere), elsewhere.customers)
          const against = rateTest(m.x(s), s.customers, m.x(rest), rest.customers)
          add(t, s.segment, m.metric, { ...within, p: Math.max(within.p, against.p), practical: within.practical && against.practical }, m.x(s), m.value(s))
        }
      }
      const segmentScores = momentsOf(s)
      const restScores = momentsOf(rest)
      const segmentElsewhere = momentsOf(elsewhere)
      if (segmentScores && segmentScores.n >= R.minSample && restScores && restScores.n >= R.minSample && segmentElsewhere && segmentElsewhere.n >= R.minSample) {
        const within = scoreTest(segmentScores, segmentElsewhere)
        const against = scoreTest(segmentScores, restScores)
        add(t, s.segment, 'feedback', { ...within, p: Math.max(within.p, against.p), practical: within.practical && against.practical }, s.lowCustomers, s.lowValue)
      }
    }

    const before = opts.previous?.touchpoints.find((o) => o.step === t.step)?.stats
    const s = t.stats
    if (s.waitN >= R.minSample && s.waitMean !== null && before && before.waitN >= R.minSample && before.waitMean !== null) {
      const hours = Math.expm1(s.waitMean)
      const baseline = Math.expm1(before.waitMean)
      // A longer wait is a lower negated mean.
      const p = meanLowerP(-s.waitMean, s.waitVar ?? 0, s.waitN, -before.waitMean, before.waitVar ?? 0, before.waitN)
      add(t, null, 'hoursToNextInStage', { value: hours, baseline, p, practical: hours >= baseline * R.waitRatio }, s.slowCustomers, s.slowValue)
    }
  }

  const adjusted = benjaminiHochberg(candidates.map((c) => c.reason.p))
  const found = candidates.map((c, i) => ({ ...c, reason: { ...c.reason, p: adjusted[i]! } })).filter((c) => c.reason.p <= R.fdr && c.practical)

  // Per step and metric: the most significant segment, and whether it accounts for the step's overall reason.
  const kept: typeof found = []
  const metricKey = (c: Candidate) => `${c.step.step}\u0000${c.reason.metric}`
  const bestSegment = new Map<string, (typeof found)[number]>()
  // Figures equal but for their last bits (which the order the engine summed in decides) are equal: two segments of the
  // same customers tie, and the segment named first wins.
  const below = (a: number, b: number) => b - a > 1e-9 * Math.max(Math.abs(a), Math.abs(b))
  for (const c of found.filter((f) => f.segment)) {
    const best = bestSegment.get(metricKey(c))
    if (!best || below(c.reason.p, best.reason.p) || (!below(best.reason.p, c.reason.p) && below(best.value, c.value))) bestSegment.set(metricKey(c), c)
  }
  for (const c of found) {
    const best = bestSegment.get(metricKey(c))
    if (c.segment) {
      if (c === best) kept.push(c)
    } else if (!best || othersStillWorse(c, best.segment!, all)) kept.push(c)
  }

  const points = new Map<string, RedPoint>()
  for (const c of kept) {
    const key = `${c.step.step}\u0000${segmentKey(c.segment)}`
    const point = points.get(key) ?? { stage: c.step.stage, step: c.step.step, segment: c.segment, reasons: [], customersAffected: 0, valueAtRisk: 0 }
    point.reasons.push(c.reason)
    point.customersAffected = Math.max(point.customersAffected, c.affected)
    point.valueAtRisk = Math.max(point.valueAtRisk, c.value)
    points.set(key, point)
  }
  return [...points.values()].sort((a, b) => b.valueAtRisk - a.valueAtRisk || b.customersAffected - a.customersAffected)

  /** Whether the step's customers outside `segment` are still materially worse than the overall reason's baseline. */
  function othersStillWorse(overall: Candidate, segment: Segment, totals: Counts): boolean {
    const here = countsOf(overall.step)
    const s = overall.step.stats.segments.find((x) => segmentKey(x.segment) === segmentKey(segment))!
    const rest = without(here, s)
    const metric = RATE_METRICS.find((m) => m.metric === overall.reason.metric)
    if (metric) return rateTest(metric.x(rest), rest.customers, metric.x(totals) - metric.x(here), totals.customers - here.customers).practical
    const restScores = momentsOf(rest)
    return !restScores || !(restScores.n > 0) || overall.reason.baseline - restScores.mean >= R.scoreGap
  }
}

/** Counts summed over groups (feedback moments pooled). */
function pool(groups: Counts[]): Counts {
  const sum = (f: (c: Counts) => number) => groups.reduce((s, c) => s + f(c), 0)
  const m = poolMoments(groups.flatMap((c) => momentsOf(c) ?? []))
  return {
    customers: sum((c) => c.customers),
    exits: sum((c) => c.exits),
    repeaters: sum((c) => c.repeaters),
    exitValue: sum((c) => c.exitValue),
    repeatValue: sum((c) => c.repeatValue),
    scoreN: m.n,
    scoreMean: m.n > 0 ? m.mean : null,
    scoreVar: m.n > 1 ? m.variance : null,
    lowCustomers: sum((c) => c.lowCustomers),
    lowValue: sum((c) => c.lowValue),
  }
}

/** The counts of a whole without a part of it (feedback moments subtracted as moments). */
function without(whole: Counts, part: Counts): Counts {
  const w = momentsOf(whole)
  const p = momentsOf(part)
  const m = w && p ? subtractMoments(w, p) : w
  return {
    customers: whole.customers - part.customers,
    exits: whole.exits - part.exits,
    repeaters: whole.repeaters - part.repeaters,
    exitValue: whole.exitValue - part.exitValue,
    repeatValue: whole.repeatValue - part.repeatValue,
    scoreN: m?.n ?? 0,
    scoreMean: m && m.n > 0 ? m.mean : null,
    scoreVar: m && m.n > 1 ? m.variance : null,
    lowCustomers: whole.lowCustomers - part.lowCustomers,
    lowValue: whole.lowValue - part.lowValue,
  }
}
