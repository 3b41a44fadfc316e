import tCdf from '@stdlib/stats-base-dists-t-cdf'
import { errorFunction } from 'simple-statistics'

/** Standard normal cumulative distribution. */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2))
}

/** One-sided two-proportion z-test: p-value for "rate 1 is higher than rate 2" (pooled standard error). */
export function proportionHigherP(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1
  const p1 = x1 / n1
  const p2 = x2 / n2
  const pooled = (x1 + x2) / (n1 + n2)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
  if (se === 0) return p1 > p2 ? 0 : 1
  return 1 - normalCdf((p1 - p2) / se)
}

/**
 * One-sided Welch t-test for "mean 1 is lower than mean 2", from each sample's
 * mean, sample variance and size: t = (m1 − m2) / √(v1/n1 + v2/n2) with the
 * Welch–Satterthwaite degrees of freedom, p = P(T ≤ t).
 */
export function meanLowerP(m1: number, v1: number, n1: number, m2: number, v2: number, n2: number): number {
  if (n1 < 2 || n2 < 2) return 1
  const a = v1 / n1
  const b = v2 / n2
  const se = Math.sqrt(a + b)
  if (se === 0) return m1 < m2 ? 0 : 1
  const df = (a + b) ** 2 / (a ** 2 / (n1 - 1) + b ** 2 / (n2 - 1))
  return tCdf((m1 - m2) / se, df)
}

/** Benjamini–Hochberg adjusted p-values (false discovery rate), in the input order. */
export function benjaminiHochberg(ps: number[]): number[] {
  const order = ps.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0])
  const adjusted = new Array<number>(ps.length)
  let running = 1
  for (let k = order.length - 1; k >= 0; k--) {
    const [p, i] = order[k]!
    running = Math.min(running, (p * ps.length) / (k + 1))
    adjusted[i] = running
  }
  return adjusted
}

/** Standard normal quantile at 0.975 (SciPy's `ndtri(0.975)`), for two-sided 95 % intervals. */
const Z_975 = 1.959963984540054

/**
 * Relative risk with its 95 % confidence interval (log / Katz method, as SciPy's
 * `relative_risk(...).confidence_interval()`; exact normal quantile, not 1.96). When a cell is
 * empty (e.g. no unexposed customer had the outcome) 0.5 is added to every cell
 * (Haldane–Anscombe), so perfect predictors still get a finite, wide interval.
 * With it, the one-sided p-value that the risk is higher among the exposed.
 */
export function relativeRisk(outcomeExposed: number, exposed: number, outcomeUnexposed: number, unexposed: number) {
  if ([outcomeExposed, exposed - outcomeExposed, outcomeUnexposed, unexposed - outcomeUnexposed].includes(0)) {
    return relativeRisk(outcomeExposed + 0.5, exposed + 1, outcomeUnexposed + 0.5, unexposed + 1)
  }
  const r1 = outcomeExposed / exposed
  const r0 = outcomeUnexposed / unexposed
  const rr = r1 / r0
  const se = Math.sqrt(1 / outcomeExposed - 1 / exposed + 1 / outcomeUnexposed - 1 / unexposed)
  // p: one-sided Wald test of "relative risk above 1" on the log scale, the same standard error as the interval.
  return { rr, lo: Math.exp(Math.log(rr) - Z_975 * se), hi: Math.exp(Math.log(rr) + Z_975 * se), p: 1 - normalCdf(Math.log(rr) / se) }
}

/** Mean and sample variance of groups pooled together, from their n, mean and variance. */
export function poolMoments(groups: Array<{ n: number; mean: number; variance: number }>) {
  const n = groups.reduce((s, g) => s + g.n, 0)
  if (n < 2) return { n, mean: Number.NaN, variance: Number.NaN }
  const mean = groups.reduce((s, g) => s + g.n * g.mean, 0) / n
  const ss = groups.reduce((s, g) => s + (g.n - 1) * (Number.isFinite(g.variance) ? g.variance : 0) + g.n * (g.mean - mean) ** 2, 0)
  return { n, mean, variance: ss / (n - 1) }
}

/**
 * The inverse of `poolMoments`: n, mean and sample variance of the rest of a
 * group once a sub-group is taken out, from the n, mean and sample variance of
 * the whole and of the sub-group. The mean is NaN when nothing is left, the
 * variance NaN when fewer than 2 are left; rounding below 0 is clamped to 0.
 */
export function subtractMoments(total: { n: number; mean: number; variance: number }, part: { n: number; mean: number; variance: number }) {
  const n = total.n - part.n
  if (n < 1) return { n, mean: Number.NaN, variance: Number.NaN }
  const mean = (total.n * total.mean - part.n * part.mean) / n
  if (n < 2) return { n, mean, variance: Number.NaN }
  // Sum of squares about the overall mean = within part + within rest + both between-group terms.
  const ssPart = part.n > 1 && Number.isFinite(part.variance) ? (part.n - 1) * part.variance : 0
  const ss = (total.n - 1) * total.variance - ssPart - part.n * (part.mean - total.mean) ** 2 - n * (mean - total.mean) ** 2
  return { n, mean, variance: Math.max(0, ss / (n - 1)) }
}
