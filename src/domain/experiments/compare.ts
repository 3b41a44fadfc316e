import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import tCdf from '@stdlib/stats-base-dists-t-cdf'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'

/** A treatment against the control: the difference (treatment − control), its two-sided 1−α interval and p-value. */
export type Comparison = { difference: number; ci: [number, number]; p: number }
export type Moments = { n: number; mean: number; variance: number }

/**
 * Two-proportion z-test: p-value with the pooled standard error (as
 * `statsmodels.stats.proportion.proportions_ztest`), interval with the unpooled
 * (Wald) standard error, as is usual for the difference of two rates.
 */
export function compareProportions(xControl: number, nControl: number, xTreatment: number, nTreatment: number, alpha: number): Comparison {
  const p0 = xControl / nControl
  const p1 = xTreatment / nTreatment
  const difference = p1 - p0
  const pooled = (xControl + xTreatment) / (nControl + nTreatment)
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nControl + 1 / nTreatment))
  const se = Math.sqrt((p0 * (1 - p0)) / nControl + (p1 * (1 - p1)) / nTreatment)
  const zc = normalQuantile(1 - alpha / 2, 0, 1)
  const p = sePooled === 0 ? (difference === 0 ? 1 : 0) : 2 * (1 - normalCdf(Math.abs(difference) / sePooled, 0, 1))
  return { difference, ci: [difference - zc * se, difference + zc * se], p }
}

/** Welch's t-test on two samples' moments (as `scipy.stats.ttest_ind_from_stats(..., equal_var=False)`), with the Welch interval of the difference. */
export function compareMeans(control: Moments, treatment: Moments, alpha: number): Comparison {
  const a = control.variance / control.n
  const b = treatment.variance / treatment.n
  const se = Math.sqrt(a + b)
  const difference = treatment.mean - control.mean
  if (!(se > 0)) return { difference, ci: [difference, difference], p: difference === 0 ? 1 : 0 }
  const df = (a + b) ** 2 / (a ** 2 / (control.n - 1) + b ** 2 / (treatment.n - 1))
  const t = tQuantile(1 - alpha / 2, df)
  return { difference, ci: [difference - t * se, difference + t * se], p: 2 * (1 - tCdf(Math.abs(difference) / se, df)) }
}

/** The variance of a difference estimate, from each arm: a rate's p(1−p)/n, or a mean's s²/n. */
export const rateVariance = (x: number, n: number) => ((x / n) * (1 - x / n)) / n
export const meanVariance = (m: Moments) => m.variance / m.n
