import { benjaminiHochberg, meanLowerP, poolMoments, proportionHigherP } from './statistics.ts'
import type { TouchpointKpi, TouchpointReport } from './get-touchpoint-kpis.ts'

export const RED_POINT_RULES = {
  /** Customers (or answers, or waits) a step needs before it is tested. */
  minSample: 30,
  /** False discovery rate over all tests of the journey (Benjamini–Hochberg). */
  fdr: 0.05,
  /** Practical size: a rate at least this many times the baseline and 2 points above it… */
  rateRatio: 1.25,
  rateGap: 0.02,
  /** …feedback at least this much lower on the −2…+2 scale… */
  scoreGap: 0.3,
  /** …waits at least this many times longer (geometric mean hours). */
  waitRatio: 1.5,
  /** Repeats are failure demand only where a customer contacts someone; repeated app or web use is not. */
  contactChannels: ['phone', 'chat', 'store', 'social', 'mail'] as readonly string[],
  /** Waits are compared with the same step in a baseline period, never across steps (whose waits differ by design). */
} as const

export type RedPointReason = { metric: 'exitRate' | 'repeatRate' | 'feedback' | 'hoursToNextInStage'; value: number; baseline: number; p: number }
export type RedPoint = { stage: string; step: string; reasons: RedPointReason[]; customersAffected: number; valueAtRisk: number }

type Candidate = { step: TouchpointKpi; reason: RedPointReason; affected: number; value: number; practical: boolean }

/**
 * Red points: steps where a metric is significantly and materially worse than
 * its baseline. Exit rate, repeat rate (contact channels only: failure demand)
 * and normalised feedback are compared with all other steps of the journey
 * pooled; the wait to the next step within the same stage is compared with the
 * same step in the previous period of equal length (steps' waits differ by
 * design). Tests: one-sided two-proportion z-tests for rates; one-sided Welch
 * tests (normal approximation) for feedback and log waits. Only steps with ≥ 30 observations are tested,
 * p-values are adjusted for the number of tests (Benjamini–Hochberg, FDR 5 %),
 * and a difference must also be large enough to matter. Ranked by value at risk:
 * the revenue of the customers affected (the largest of a step's reasons, so
 * nobody is counted twice).
 */
export function findRedPoints(report: TouchpointReport, opts: { channelOf?: (step: string) => string | undefined; previous?: TouchpointReport } = {}): RedPoint[] {
  const R = RED_POINT_RULES
  const tps = report.touchpoints
  const sum = (f: (t: TouchpointKpi) => number) => tps.reduce((s, t) => s + f(t), 0)
  const totals = { customers: sum((t) => t.customers), exits: sum((t) => t.stats.exits), repeaters: sum((t) => t.stats.repeaters) }
  const candidates: Candidate[] = []

  for (const t of tps) {
    const s = t.stats
    if (t.customers >= R.minSample) {
      const others = totals.customers - t.customers
      const isContact = R.contactChannels.includes(opts.channelOf?.(t.step) ?? '')
      for (const [metric, x, xAll, value] of [
        ['exitRate', s.exits, totals.exits, s.exitValue],
        ...(isContact ? ([['repeatRate', s.repeaters, totals.repeaters, s.repeatValue]] as const) : []),
      ] as const) {
        const rate = x / t.customers
        const baseline = others ? (xAll - x) / others : 0
        candidates.push({
          step: t,
          reason: { metric, value: rate, baseline, p: proportionHigherP(x, t.customers, xAll - x, others) },
          affected: x,
          value,
          practical: rate >= baseline * R.rateRatio && rate - baseline >= R.rateGap,
        })
      }
    }
    if (s.scoreN >= R.minSample && s.scoreMean !== null) {
      const rest = poolMoments(tps.filter((o) => o !== t && o.stats.scoreN > 0).map((o) => ({ n: o.stats.scoreN, mean: o.stats.scoreMean!, variance: o.stats.scoreVar ?? 0 })))
      if (rest.n >= R.minSample) {
        candidates.push({
          step: t,
          reason: { metric: 'feedback', value: s.scoreMean, baseline: rest.mean, p: meanLowerP(s.scoreMean, s.scoreVar ?? 0, s.scoreN, rest.mean, rest.variance, rest.n) },
          affected: s.lowCustomers,
          value: s.lowValue,
          practical: rest.mean - s.scoreMean >= R.scoreGap,
        })
      }
    }
    const before = opts.previous?.touchpoints.find((o) => o.step === t.step)?.stats
    if (s.waitN >= R.minSample && s.waitMean !== null && before && before.waitN >= R.minSample && before.waitMean !== null) {
      const hours = Math.expm1(s.waitMean)
      const baseline = Math.expm1(before.waitMean)
      candidates.push({
        step: t,
        // A longer wait is a lower negated mean.
        reason: { metric: 'hoursToNextInStage', value: hours, baseline, p: meanLowerP(-s.waitMean, s.waitVar ?? 0, s.waitN, -before.waitMean, before.waitVar ?? 0, before.waitN) },
        affected: s.slowCustomers,
        value: s.slowValue,
        practical: hours >= baseline * R.waitRatio,
      })
    }
  }

  const adjusted = benjaminiHochberg(candidates.map((c) => c.reason.p))
  const byStep = new Map<string, RedPoint>()
  candidates.forEach((c, i) => {
    const p = adjusted[i]!
    if (p > R.fdr || !c.practical) return
    const point = byStep.get(c.step.step) ?? { stage: c.step.stage, step: c.step.step, reasons: [], customersAffected: 0, valueAtRisk: 0 }
    point.reasons.push({ ...c.reason, p })
    point.customersAffected = Math.max(point.customersAffected, c.affected)
    point.valueAtRisk = Math.max(point.valueAtRisk, c.value)
    byStep.set(c.step.step, point)
  })
  return [...byStep.values()].sort((a, b) => b.valueAtRisk - a.valueAtRisk || b.customersAffected - a.customersAffected)
}
