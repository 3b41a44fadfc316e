import { compareMeans, compareProportions, type Comparison, type Moments } from './compare.ts'
import { MIN_PER_VARIANT, type ExperimentMetric, type ExperimentMode, type ExperimentPlan, type Variant } from './experiment.ts'
import { SEQUENTIAL_START, sequentialLook, type SequentialState } from './sequential.ts'
import { sampleRatioMismatch } from './srm.ts'

/**
 * One arm at one look, cumulative: customers exposed so far, and for the metric
 * its observations n with their sum and sum of squares (for a conversion: n =
 * exposed, sum = sumSq = customers converted).
 */
export type Arm = { exposed: number; n: number; sum: number; sumSq: number }
/** What was known at the end of one day: one arm per variant, in the experiment's order (the first is the control). */
export type Look = { day: string; arms: Arm[] }

export type MetricResult = {
  metric: ExperimentMetric
  /** Per variant: observations and the rate or mean. */
  arms: Array<{ variant: string; n: number; value: number | null }>
  /** Per treatment against the control: the mode's difference, interval and p-value (always-valid in sequential mode). */
  comparisons: Array<Comparison & { variant: string; significant: boolean }>
  /** Per day and treatment: the difference and the interval as it stood that day (what the result page draws). */
  series: Array<{ day: string; variant: string; difference: number; lo: number; hi: number }>
}

export type VerdictKind = 'collecting' | 'srm' | 'keep_running' | 'winner' | 'loser' | 'no_difference' | 'guardrail_breached'

export type ExperimentAnalysis = {
  mode: ExperimentMode
  /** The significance level per comparison: α, split over the treatments (Bonferroni) when there are several. */
  alpha: number
  plannedPerVariant: number
  reachedPlan: boolean
  exposed: Array<{ variant: string; customers: number }>
  srm: { chi2: number; p: number; flagged: boolean; expected: number[] }
  primary: MetricResult
  guardrails: Array<MetricResult & { breached: boolean }>
  verdict: { kind: VerdictKind; variant: string | null; text: string }
}

type Input = { variants: Variant[]; primary: ExperimentMetric; guardrails: ExperimentMetric[]; plan: ExperimentPlan; mode: ExperimentMode }

const momentsOf = (a: Arm): Moments => ({ n: a.n, mean: a.n ? a.sum / a.n : 0, variance: a.n > 1 ? Math.max(0, (a.sumSq - (a.sum * a.sum) / a.n) / (a.n - 1)) : 0 })

/** The mode's comparison of a treatment arm with the control at one look (fixed-horizon: z-test or Welch). */
function fixedComparison(metric: ExperimentMetric, control: Arm, treatment: Arm, alpha: number): Comparison {
  return metric.kind === 'conversion' ? compareProportions(control.sum, control.n, treatment.sum, treatment.n, alpha) : compareMeans(momentsOf(control), momentsOf(treatment), alpha)
}

/** The difference's estimate and its variance (plug-in), as the sequential test reads them. */
function estimateOf(metric: ExperimentMetric, control: Arm, treatment: Arm): { estimate: number; variance: number } {
  const c = momentsOf(control)
  const t = momentsOf(treatment)
  const v = (m: Moments, a: Arm) => (metric.kind === 'conversion' ? (m.mean * (1 - m.mean)) / a.n : m.variance / a.n)
  return { estimate: t.mean - c.mean, variance: v(c, control) + v(t, treatment) }
}

function analyzeMetric(metric: ExperimentMetric, looks: Look[], variants: Variant[], input: Input, alpha: number): MetricResult {
  const last = looks[looks.length - 1]
  const arms = variants.map((v, i) => {
    const a = last?.arms[i]
    return { variant: v.key, n: a?.n ?? 0, value: a && a.n ? a.sum / a.n : null }
  })
  const series: MetricResult['series'] = []
  const comparisons = variants.slice(1).map((v, k) => {
    const i = k + 1
    let state: SequentialState = SEQUENTIAL_START
    let fixed: Comparison = { difference: 0, ci: [0, 0], p: 1 }
    for (const look of looks) {
      const control = look.arms[0]!
      const treatment = look.arms[i]!
      if (control.n < 2 || treatment.n < 2) continue
      fixed = fixedComparison(metric, control, treatment, alpha)
      if (input.mode === 'sequential') {
        // Looks count from the minimum per variant on: the plug-in variances are not trusted below it.
        if (Math.min(control.exposed, treatment.exposed) >= MIN_PER_VARIANT) {
          const { estimate, variance } = estimateOf(metric, control, treatment)
          state = sequentialLook(state, estimate, variance, input.plan.mde, alpha)
        }
        if (Number.isFinite(state.ci[0])) series.push({ day: look.day, variant: v.key, difference: fixed.difference, lo: state.ci[0], hi: state.ci[1] })
      } else {
        series.push({ day: look.day, variant: v.key, difference: fixed.difference, lo: fixed.ci[0], hi: fixed.ci[1] })
      }
    }
    const result: Comparison = input.mode === 'sequential' ? { difference: fixed.difference, ci: state.ci, p: state.p } : fixed
    return { ...result, variant: v.key, significant: result.p <= alpha }
  })
  return { metric, arms, comparisons, series }
}

/**
 * The analysis and verdict of an experiment from its daily looks. Fixed-horizon
 * mode reads the last look and calls no winner before every variant has its
 * planned sample; sequential mode runs the mSPRT over every daily look (see
 * sequential.ts), so a verdict may come at any look without inflating false
 * positives. Both need MIN_PER_VARIANT customers per variant and a sample ratio
 * that matches the weights (SRM) first; a winner that harms a guardrail is
 * reported as such.
 */
export function analyzeExperiment(input: Input, looks: { primary: Look[]; guardrails: Look[][] }): ExperimentAnalysis {
  const { variants, plan } = input
  const treatments = variants.length - 1
  const alpha = plan.alpha / Math.max(1, treatments)
  const lastPrimary = looks.primary[looks.primary.length - 1]
  const exposed = variants.map((v, i) => ({ variant: v.key, customers: lastPrimary?.arms[i]?.exposed ?? 0 }))
  const srm = sampleRatioMismatch(
    exposed.map((e) => e.customers),
    variants.map((v) => v.weight),
  )
  const primary = analyzeMetric(input.primary, looks.primary, variants, input, alpha)
  const guardrails = input.guardrails.map((g, i) => {
    const r = analyzeMetric(g, looks.guardrails[i] ?? [], variants, input, alpha)
    return { ...r, breached: r.comparisons.some((c) => c.significant && c.difference < 0) }
  })
  const smallest = Math.min(...exposed.map((e) => e.customers))
  const reachedPlan = smallest >= plan.plannedPerVariant
  const verdict = verdictOf({ input, alpha, exposed, srm, primary, guardrails, smallest, reachedPlan })
  return { mode: input.mode, alpha, plannedPerVariant: plan.plannedPerVariant, reachedPlan, exposed, srm, primary, guardrails, verdict }
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} points`
const num = (x: number) => x.toFixed(2)
const signedNum = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`)

export function metricLabel(m: ExperimentMetric): string {
  return m.kind === 'conversion' ? `conversion to ${m.step} within ${m.windowHours} h` : `${m.scoreKind.toUpperCase()} at ${m.touchpoint}`
}

function verdictOf(a: {
  input: Input
  alpha: number
  exposed: Array<{ variant: string; customers: number }>
  srm: ExperimentAnalysis['srm']
  primary: MetricResult
  guardrails: Array<MetricResult & { breached: boolean }>
  smallest: number
  reachedPlan: boolean
}): ExperimentAnalysis['verdict'] {
  const { input, primary } = a
  const names = new Map(input.variants.map((v) => [v.key, v.name]))
  const control = input.variants[0]!
  const conv = input.primary.kind === 'conversion'
  const show = (x: number | null) => (x === null ? '—' : conv ? pct(x) : num(x))
  const diff = (x: number) => (conv ? points(x) : signedNum(x))
  const interval = (c: Comparison) => `${Math.round((1 - a.alpha) * 100)} % ${input.mode === 'sequential' ? 'always-valid ' : ''}interval ${diff(c.ci[0])} to ${diff(c.ci[1])}`
  const counts = a.exposed.map((e) => `${names.get(e.variant)} ${e.customers}`).join(', ')
  const metric = metricLabel(input.primary)

  if (a.smallest < MIN_PER_VARIANT) {
    return { kind: 'collecting', variant: null, text: `Not enough data yet: each variant needs at least ${MIN_PER_VARIANT} customers before any verdict (${counts}).` }
  }
  if (a.srm.flagged) {
    const planned = input.variants.map((v) => v.weight).join('/')
    return {
      kind: 'srm',
      variant: null,
      text: `Sample ratio mismatch: ${counts} customers where the weights plan a ${planned} split (chi-square ${pText(a.srm.p)}). Assignment or exposure tracking is broken; no difference can be trusted until it is fixed.`,
    }
  }
  const valueOf = (key: string) => primary.arms.find((x) => x.variant === key)?.value ?? null
  const significant = primary.comparisons.filter((c) => c.significant)
  const best = [...significant].sort((x, y) => y.difference - x.difference)[0]
  if (input.mode === 'fixed' && !a.reachedPlan) {
    const tempting = significant.length ? ' The difference may look significant today; in fixed-horizon mode that is exactly what peeking would fool you with.' : ''
    return {
      kind: 'keep_running',
      variant: null,
      text: `Keep running: the plan needs ${input.plan.plannedPerVariant} customers per variant and the smallest has ${a.smallest}. Fixed-horizon mode calls no winner before then.${tempting}`,
    }
  }
  if (best) {
    const name = names.get(best.variant)!
    const line = `${metric} ${show(valueOf(best.variant))} against ${show(valueOf(control.key))} for ${control.name} (${diff(best.difference)}, ${interval(best)}, ${pText(best.p)})`
    if (best.difference > 0) {
      const harmed = a.guardrails.filter((g) => g.comparisons.some((c) => c.variant === best.variant && c.significant && c.difference < 0))
      if (harmed.length) {
        return {
          kind: 'guardrail_breached',
          variant: best.variant,
          text: `${name} improves ${line}, but harms ${harmed.map((g) => metricLabel(g.metric)).join(' and ')}: do not roll it out as it is.`,
        }
      }
      return { kind: 'winner', variant: best.variant, text: `${name} wins: ${line}.` }
    }
    return { kind: 'loser', variant: best.variant, text: `${name} is worse than ${control.name}: ${line}. Stop it.` }
  }
  if (a.reachedPlan) {
    const c = primary.comparisons[0]!
    const mde = conv ? `${(input.plan.mde * 100).toFixed(1)} points` : num(input.plan.mde)
    return {
      kind: 'no_difference',
      variant: null,
      text: `No difference: with the planned ${input.plan.plannedPerVariant} customers per variant, ${metric} is ${show(valueOf(c.variant))} for ${names.get(c.variant)} against ${show(valueOf(control.key))} (${interval(c)}, ${pText(c.p)}). Any effect is likely smaller than the ${mde} the pilot was planned to detect.`,
    }
  }
  const c = primary.comparisons[0]!
  return {
    kind: 'keep_running',
    variant: null,
    text: `Keep running: no difference proven yet (always-valid ${pText(c.p)}, ${interval(c)}). You may look every day; the answer stays valid.`,
  }
}
