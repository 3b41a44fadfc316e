import { describe, expect, it } from 'vitest'
import { assignVariant } from '../../src/domain/experiments/assignment.ts'
import { compareMeans, compareProportions } from '../../src/domain/experiments/compare.ts'
import { powerProportions, sampleSizeMeans, sampleSizeProportions } from '../../src/domain/experiments/power.ts'
import { SEQUENTIAL_START, sequentialLook } from '../../src/domain/experiments/sequential.ts'
import { sampleRatioMismatch } from '../../src/domain/experiments/srm.ts'

describe('power and sample size', () => {
  // R's documentation of power.prop.test (stats package), its examples:
  //   power.prop.test(n = 50, p1 = .50, p2 = .75)      ## => power = 0.740
  //   power.prop.test(p1 = .50, p2 = .75, power = .90) ## => n = 76.7
  it('matches R’s power.prop.test', () => {
    expect(powerProportions(50, 0.5, 0.75, 0.05)).toBeCloseTo(0.74, 3)
    expect(sampleSizeProportions(0.5, 0.25, 0.05, 0.9)).toBeCloseTo(76.7, 1)
  })
  // Two means, effect size 0.5 (σ = 1, δ = 0.5), α = 0.05 two-sided, power 0.8: the textbook 63 per group of the
  // normal approximation, 2(z₀.₉₇₅ + z₀.₈)²/0.5², with the published quantiles z₀.₉₇₅ = 1.959963984540054 and
  // z₀.₈ = 0.8416212335729143 (scipy.stats.norm.ppf): 62.79103787479….
  it('gives the normal-approximation sample size for means', () => {
    expect(sampleSizeMeans(1, 0.5, 0.05, 0.8)).toBeCloseTo(62.791037874792, 8)
    expect(Math.ceil(sampleSizeMeans(1, 0.5, 0.05, 0.8))).toBe(63)
  })
})

describe('fixed-horizon comparisons', () => {
  // Two-sided pooled z-test = chi2_contingency(correction=False).pvalue, SciPy 1.17.1 (the same literals as statistics.test.ts):
  //   chi2_contingency([[30, 170], [40, 760]], correction=False).pvalue = 7.137763641710504e-07
  //   chi2_contingency([[12, 38], [9, 51]], correction=False).pvalue = 0.23173562514652768
  it('two-proportion z-test p-values match SciPy; the interval is the Wald interval of the difference', () => {
    const a = compareProportions(40, 800, 30, 200, 0.05)
    expect(a.p).toBeCloseTo(7.137763641710504e-7, 12)
    expect(a.difference).toBeCloseTo(0.1, 12)
    // 0.1 ± 1.959963984540054 × √(0.15·0.85/200 + 0.05·0.95/800)
    const se = Math.sqrt((0.15 * 0.85) / 200 + (0.05 * 0.95) / 800)
    expect(a.ci[0]).toBeCloseTo(0.1 - 1.959963984540054 * se, 12)
    expect(a.ci[1]).toBeCloseTo(0.1 + 1.959963984540054 * se, 12)
    expect(compareProportions(9, 60, 12, 50, 0.05).p).toBeCloseTo(0.23173562514652768, 10)
  })
  // Welch, two-sided: ttest_ind_from_stats(3.1, sqrt(1.2), 5, 4.0, sqrt(0.5), 8, equal_var=False).pvalue
  //   = 2 × 0.07596423101787322 (the one-sided literal of statistics.test.ts) = 0.15192846203574644
  it('Welch t-test p-values match SciPy', () => {
    const r = compareMeans({ n: 8, mean: 4.0, variance: 0.5 }, { n: 5, mean: 3.1, variance: 1.2 }, 0.05)
    expect(r.p).toBeCloseTo(0.15192846203574645, 10)
    expect(r.difference).toBeCloseTo(-0.9, 12)
    expect(r.ci[0]).toBeLessThan(-0.9)
    expect(r.ci[1]).toBeGreaterThan(0)
  })
})

describe('sample-ratio mismatch (chi-square goodness of fit)', () => {
  // Critical values of the chi-square distribution (scipy.stats.chi2.ppf(0.95, df)): df 1 → 3.841458820694124,
  // df 3 → 7.814727903251178; for df 2 the survival function is exactly exp(−x/2).
  it('has the published tail probabilities', () => {
    // counts [a, b] with expected [50, 50]: chi2 = 2·(a − 50)²/50; a = 50 + √(3.841458820694124 × 25)
    const d = Math.sqrt(3.841458820694124 * 25)
    expect(sampleRatioMismatch([50 + d, 50 - d], [1, 1]).p).toBeCloseTo(0.05, 12)
    // four variants, expected 100 each: chi2 = 2·d²/100
    const e = Math.sqrt(7.814727903251178 * 50)
    const three = sampleRatioMismatch([100 + e, 100 - e, 100, 100], [1, 1, 1, 1])
    expect(three.chi2).toBeCloseTo(7.814727903251178, 10)
    expect(three.p).toBeCloseTo(0.05, 12)
    const two = sampleRatioMismatch([120, 90, 90], [1, 1, 1])
    expect(two.p).toBeCloseTo(Math.exp(-two.chi2 / 2), 14)
  })
  it('flags a planted 45/55 split of a 50/50 experiment, not an honest one', () => {
    const planted = sampleRatioMismatch([4500, 5500], [50, 50])
    expect(planted.chi2).toBeCloseTo(100, 10)
    // chi2.sf(100, 1) = erfc(√50) ≈ 1.5e−23: far below 0.001, and not rounded to 0.
    expect(planted.p).toBeGreaterThan(0)
    expect(planted.p).toBeLessThan(1e-20)
    expect(planted.flagged).toBe(true)
    expect(sampleRatioMismatch([5030, 4970], [50, 50]).flagged).toBe(false)
    expect(sampleRatioMismatch([2000, 1000], [2, 1]).flagged).toBe(false)
  })
})

describe('the mixture SPRT (always valid)', () => {
  it('computes Λ, the p-value and the interval by the formula, and only tightens over looks', () => {
    const [est, v, tau, alpha] = [0.02, 0.0001, 0.03, 0.05]
    const lambda = Math.sqrt(v / (v + tau ** 2)) * Math.exp((tau ** 2 * est ** 2) / (2 * v * (v + tau ** 2)))
    const s = sequentialLook(SEQUENTIAL_START, est, v, tau, alpha)
    expect(s.p).toBeCloseTo(1 / lambda, 12)
    const half = Math.sqrt(((v * (v + tau ** 2)) / tau ** 2) * (2 * Math.log(1 / alpha) + Math.log((v + tau ** 2) / v)))
    expect(s.ci).toEqual([est - half, est + half])
    // A later, weaker look cannot undo what was shown: p never rises and the interval never widens.
    const later = sequentialLook(s, 0, v, tau, alpha)
    expect(later.p).toBe(s.p)
    expect(later.ci[0]).toBeGreaterThanOrEqual(s.ci[0])
    expect(later.ci[1]).toBeLessThanOrEqual(s.ci[1])
  })
})

describe('assignment', () => {
  const variants = [
    { key: 'control', name: 'Control', weight: 50 },
    { key: 'sms', name: 'SMS reminder', weight: 50 },
  ]
  it('is deterministic and stable, and splits by the weights', () => {
    expect(assignVariant('exp_1', 'cust-1', variants).key).toBe(assignVariant('exp_1', 'cust-1', variants).key)
    const counts = { control: 0, sms: 0 }
    for (let i = 0; i < 20_000; i++) counts[assignVariant('exp_1', `cust-${i}`, variants).key as 'control' | 'sms']++
    expect(sampleRatioMismatch([counts.control, counts.sms], [1, 1]).p).toBeGreaterThan(0.001)
    const skewed = [{ ...variants[0]!, weight: 90 }, { ...variants[1]!, weight: 10 }]
    let treated = 0
    for (let i = 0; i < 20_000; i++) if (assignVariant('exp_2', `cust-${i}`, skewed).key === 'sms') treated++
    expect(treated / 20_000).toBeGreaterThan(0.09)
    expect(treated / 20_000).toBeLessThan(0.11)
  })
})
