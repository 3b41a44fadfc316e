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
 * One-sided Welch test for "mean 1 is lower than mean 2", with the normal
 * approximation (both samples are ≥ 30 where it is used).
 */
export function meanLowerP(m1: number, v1: number, n1: number, m2: number, v2: number, n2: number): number {
  if (n1 < 2 || n2 < 2) return 1
  const se = Math.sqrt(v1 / n1 + v2 / n2)
  if (se === 0) return m1 < m2 ? 0 : 1
  return normalCdf((m1 - m2) / se)
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

/**
 * Relative risk with its 95 % confidence interval (log method). When a cell is
 * empty (e.g. no unexposed customer had the outcome) 0.5 is added to every cell
 * (Haldane–Anscombe), so perfect predictors still get a finite, wide interval.
 */
export function relativeRisk(outcomeExposed: number, exposed: number, outcomeUnexposed: number, unexposed: number) {
  if ([outcomeExposed, exposed - outcomeExposed, outcomeUnexposed, unexposed - outcomeUnexposed].includes(0)) {
    return relativeRisk(outcomeExposed + 0.5, exposed + 1, outcomeUnexposed + 0.5, unexposed + 1)
  }
  const r1 = outcomeExposed / exposed
  const r0 = outcomeUnexposed / unexposed
  const rr = r1 / r0
  const se = Math.sqrt(1 / outcomeExposed - 1 / exposed + 1 / outcomeUnexposed - 1 / unexposed)
  return { rr, lo: Math.exp(Math.log(rr) - 1.96 * se), hi: Math.exp(Math.log(rr) + 1.96 * se) }
}

/** Mean and sample variance of groups pooled together, from their n, mean and variance. */
export function poolMoments(groups: Array<{ n: number; mean: number; variance: number }>) {
  const n = groups.reduce((s, g) => s + g.n, 0)
  if (n < 2) return { n, mean: Number.NaN, variance: Number.NaN }
  const mean = groups.reduce((s, g) => s + g.n * g.mean, 0) / n
  const ss = groups.reduce((s, g) => s + (g.n - 1) * (Number.isFinite(g.variance) ? g.variance : 0) + g.n * (g.mean - mean) ** 2, 0)
  return { n, mean, variance: ss / (n - 1) }
}
