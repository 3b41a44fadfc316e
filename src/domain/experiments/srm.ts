import gammainc from '@stdlib/math-base-special-gammainc'
import { SRM_THRESHOLD } from './experiment.ts'

/**
 * Sample-ratio mismatch: a chi-square goodness-of-fit test of the customers per
 * variant against the planned weights (as `scipy.stats.chisquare(observed, expected)`),
 * flagged below p = 0.001. A mismatch means assignment or exposure logging is
 * broken, and no difference between the variants can be trusted.
 */
export function sampleRatioMismatch(counts: number[], weights: number[]): { chi2: number; p: number; flagged: boolean; expected: number[] } {
  const total = counts.reduce((s, c) => s + c, 0)
  const w = weights.reduce((s, x) => s + x, 0)
  const expected = weights.map((x) => (total * x) / w)
  if (total === 0) return { chi2: 0, p: 1, flagged: false, expected }
  const chi2 = counts.reduce((s, c, i) => s + (c - expected[i]!) ** 2 / expected[i]!, 0)
  // The chi-square survival function as the upper regularised incomplete gamma Q(df/2, χ²/2): exact far into the tail, where 1 − cdf rounds to 0.
  const p = gammainc(chi2 / 2, (counts.length - 1) / 2, true, true)
  return { chi2, p, flagged: p < SRM_THRESHOLD, expected }
}
