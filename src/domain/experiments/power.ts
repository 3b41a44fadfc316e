import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'

const z = (p: number) => normalQuantile(p, 0, 1)

/**
 * Customers per variant for a two-sided two-proportion z-test to detect an
 * absolute difference `mde` from a baseline rate `p1` (p2 = p1 + mde) with
 * significance `alpha` and the given power — the closed form that R's
 * `power.prop.test` solves (Fleiss, without continuity correction):
 * n = (z(1−α/2)·√(2·p̄·q̄) + z(power)·√(p1·q1 + p2·q2))² / mde², p̄ = (p1 + p2)/2.
 * Fractional, as R reports it; the plan rounds up.
 */
export function sampleSizeProportions(p1: number, mde: number, alpha: number, power: number): number {
  const p2 = Math.min(0.999999, p1 + mde)
  const bar = (p1 + p2) / 2
  const num = z(1 - alpha / 2) * Math.sqrt(2 * bar * (1 - bar)) + z(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
  return (num / (p2 - p1)) ** 2
}

/** Customers per variant to detect a difference in means `mde` with standard deviation `sd` (normal approximation): 2·σ²·(z(1−α/2) + z(power))² / mde². */
export function sampleSizeMeans(sd: number, mde: number, alpha: number, power: number): number {
  return (2 * sd ** 2 * (z(1 - alpha / 2) + z(power)) ** 2) / mde ** 2
}

/** Power of the two-sided two-proportion z-test with n per group (the same power equation, solved for power). */
export function powerProportions(n: number, p1: number, p2: number, alpha: number): number {
  const bar = (p1 + p2) / 2
  const x = (Math.sqrt(n) * Math.abs(p1 - p2) - z(1 - alpha / 2) * Math.sqrt(2 * bar * (1 - bar))) / Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
  return normalCdf(x, 0, 1)
}
