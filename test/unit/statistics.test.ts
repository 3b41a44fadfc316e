import { describe, expect, it } from 'vitest'
import { benjaminiHochberg, meanLowerP, poolMoments, proportionHigherP, relativeRisk, subtractMoments } from '../../src/analytics/statistics.ts'

// Every expected value below is a literal computed with SciPy 1.17.1 / NumPy 2.4.6
// (never with our own code); the comment above each table gives the exact Python.

describe('proportionHigherP (one-sided pooled two-proportion z-test)', () => {
  // from scipy.stats import chi2_contingency
  // p = chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False).pvalue  # two-sided
  // expected = p / 2 if x1 / n1 > x2 / n2 else 1 - p / 2
  const cases: Array<[x1: number, n1: number, x2: number, n2: number, expected: number]> = [
    [30, 200, 40, 800, 3.568881820855252e-7], // p = 7.137763641710504e-07
    [12, 50, 9, 60, 0.11586781257326384], // p = 0.23173562514652768
    [41, 300, 35, 310, 0.18714645474635078], // p = 0.37429290949270155
    [5, 100, 20, 150, 0.9842878267391088], // rate 1 lower: p = 0.031424346521782574
    [10, 100, 20, 200, 0.5], // equal rates: p = 1.0
  ]
  // 7 digits, not more: normalCdf uses simple-statistics' errorFunction (a Chebyshev
  // erfc approximation), which is off by up to ~4e-8 (e.g. normalCdf(0) = 0.500000015).
  it.each(cases)('x1=%i n1=%i x2=%i n2=%i', (x1, n1, x2, n2, expected) => {
    expect(proportionHigherP(x1, n1, x2, n2)).toBeCloseTo(expected, 7)
  })

  it('keeps its edge cases', () => {
    expect(proportionHigherP(3, 10, 0, 0)).toBe(1)
    expect(proportionHigherP(0, 10, 0, 20)).toBe(1)
  })
})

describe('meanLowerP (one-sided Welch t-test, "mean 1 is lower")', () => {
  // from math import sqrt
  // from scipy.stats import ttest_ind_from_stats
  // ttest_ind_from_stats(m1, sqrt(v1), n1, m2, sqrt(v2), n2, equal_var=False, alternative='less').pvalue
  // (the normal approximation, norm.cdf(t), is given for comparison: it is not what we expect)
  const cases: Array<[m1: number, v1: number, n1: number, m2: number, v2: number, n2: number, expected: number]> = [
    [3.1, 1.2, 5, 4.0, 0.5, 8, 0.07596423101787322], // normal approx. 0.050881752475628844
    [4.2, 2.5, 5, 3.6, 0.4, 8, 0.7716955239793086], // mean 1 higher; normal 0.7907538832765901
    [7.5, 4.0, 12, 8.1, 0.25, 30, 0.1628383373147885], // unequal variances; normal 0.15233299756951652
    [-2.3, 0.8, 6, -1.1, 3.5, 4, 0.1495919975990885], // larger variance in the smaller group; normal 0.11603745250050629
    [3.9, 1.1, 400, 4.0, 0.9, 2500, 0.0367702561139479], // large samples; normal 0.036473420197162605
  ]
  it.each(cases)('m1=%d v1=%d n1=%i vs m2=%d v2=%d n2=%i', (m1, v1, n1, m2, v2, n2, expected) => {
    expect(meanLowerP(m1, v1, n1, m2, v2, n2)).toBeCloseTo(expected, 10)
  })

  it('keeps its edge cases', () => {
    expect(meanLowerP(1, 0.5, 1, 2, 0.5, 10)).toBe(1)
    expect(meanLowerP(1, 0.5, 10, 2, 0.5, 1)).toBe(1)
    expect(meanLowerP(1, 0, 10, 2, 0, 10)).toBe(0)
    expect(meanLowerP(2, 0, 10, 1, 0, 10)).toBe(1)
    expect(meanLowerP(2, 0, 10, 2, 0, 10)).toBe(1)
  })
})

describe('benjaminiHochberg', () => {
  // from scipy.stats import false_discovery_control
  // false_discovery_control(ps, method='bh')
  const cases: Array<[ps: number[], expected: number[]]> = [
    // unsorted, with a tie
    [
      [0.04, 0.001, 0.03, 0.04, 0.5, 0.02, 0.2],
      [0.055999999999999994, 0.007, 0.055999999999999994, 0.055999999999999994, 0.5, 0.055999999999999994, 0.23333333333333336],
    ],
    [
      [0.2, 0.003, 0.05, 0.003, 0.6, 0.011],
      [0.24, 0.009000000000000001, 0.07500000000000001, 0.009000000000000001, 0.6, 0.022],
    ],
    // all tied
    [
      [0.01, 0.01, 0.01],
      [0.01, 0.01, 0.01],
    ],
    // step-up monotonicity carries the largest p down
    [
      [0.9, 0.8, 0.95],
      [0.95, 0.95, 0.95],
    ],
  ]
  it.each(cases)('%j', (ps, expected) => {
    const adjusted = benjaminiHochberg(ps)
    expect(adjusted).toHaveLength(expected.length)
    adjusted.forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 12))
  })

  it('handles an empty list', () => {
    expect(benjaminiHochberg([])).toEqual([])
  })
})

describe('relativeRisk (Katz log interval)', () => {
  // from scipy.stats.contingency import relative_risk
  // r = relative_risk(a, n1, c, n0); ci = r.confidence_interval(0.95)
  // r.relative_risk, ci.low, ci.high
  const cases: Array<[a: number, n1: number, c: number, n0: number, rr: number, lo: number, hi: number]> = [
    [10, 75, 12, 225, 2.5, 1.1261564003469628, 5.549850800541033],
    [45, 120, 60, 480, 3.0, 2.1552216509498066, 4.175904597113572],
    [8, 30, 20, 60, 0.8, 0.40007811498048734, 1.5996876010856385],
    [200, 1000, 150, 1000, 1.3333333333333335, 1.0996368244890444, 1.616695383590703],
  ]
  it.each(cases)('a=%i n1=%i c=%i n0=%i', (a, n1, c, n0, rr, lo, hi) => {
    const r = relativeRisk(a, n1, c, n0)
    expect(r.rr).toBeCloseTo(rr, 10)
    expect(r.lo).toBeCloseTo(lo, 9)
    expect(r.hi).toBeCloseTo(hi, 9)
  })

  // The one-sided p-value of "risk higher among the exposed": the Wald test on log RR with the interval's standard error.
  // import numpy as np; from scipy.stats import norm
  // rr = (a / n1) / (c / n0); se = np.sqrt(1/a - 1/n1 + 1/c - 1/n0); norm.sf(np.log(rr) / se)
  const pValues: Array<[a: number, n1: number, c: number, n0: number, p: number]> = [
    [10, 75, 12, 225, 0.012162278349592619],
    [45, 120, 60, 480, 3.7377989170267723e-11],
    [8, 30, 20, 60, 0.7360272293209731],
    [200, 1000, 150, 1000, 0.0017167507704298098],
  ]
  it.each(pValues)('p: a=%i n1=%i c=%i n0=%i', (a, n1, c, n0, p) => {
    expect(relativeRisk(a, n1, c, n0).p).toBeCloseTo(p, 7)
  })

  // SciPy has no zero-cell correction (and relative_risk only takes integers), so the
  // Haldane–Anscombe branch is checked against relativeRisk on the corrected counts,
  // and against the same Katz formula evaluated in Python on those counts:
  // import numpy as np; from scipy.special import ndtri
  // a, n1, c, n0 = a + 0.5, n1 + 1, c + 0.5, n0 + 1
  // rr = (a / n1) / (c / n0); se = np.sqrt(1/a - 1/n1 + 1/c - 1/n0); z = ndtri(0.975)
  // rr, rr * np.exp(-z * se), rr * np.exp(z * se)
  const zeroCells: Array<[a: number, n1: number, c: number, n0: number, rr: number, lo: number, hi: number]> = [
    [12, 40, 0, 60, 37.19512195121951, 2.2644386169880315, 610.9580920353134], // no unexposed outcome
    [40, 40, 10, 60, 5.7386759581881535, 3.3063162059215245, 9.960451360975599], // every exposed has the outcome
  ]
  it.each(zeroCells)('adds 0.5 to every cell when one is empty: a=%i n1=%i c=%i n0=%i', (a, n1, c, n0, rr, lo, hi) => {
    const r = relativeRisk(a, n1, c, n0)
    expect(r).toEqual(relativeRisk(a + 0.5, n1 + 1, c + 0.5, n0 + 1))
    expect(r.rr).toBeCloseTo(rr, 10)
    expect(r.lo).toBeCloseTo(lo, 9)
    expect(r.hi).toBeCloseTo(hi, 7)
    expect(Number.isFinite(r.hi)).toBe(true)
  })
})

describe('poolMoments and subtractMoments', () => {
  // import numpy as np
  // a = np.array([3, 7, 4, 9, 5.]); b = np.array([10, 2, 6, 8, 1, 4, 7, 5.]); c = np.array([6.5, 3.25, 8])
  // for x in (a, b, c, np.concatenate([a, b]), np.concatenate([a, b, c])): len(x), np.mean(x), np.var(x, ddof=1)
  const a = { n: 5, mean: 5.6, variance: 5.8 }
  const b = { n: 8, mean: 5.375, variance: 9.125 }
  const c = { n: 3, mean: 5.916666666666667, variance: 5.895833333333334 }
  const ab = { n: 13, mean: 5.461538461538462, variance: 7.269230769230769 }
  const abc = { n: 16, mean: 5.546875, variance: 6.63515625 }

  const expectMoments = (got: { n: number; mean: number; variance: number }, want: { n: number; mean: number; variance: number }) => {
    expect(got.n).toBe(want.n)
    expect(got.mean).toBeCloseTo(want.mean, 10)
    expect(got.variance).toBeCloseTo(want.variance, 10)
  }

  it('pools groups like numpy on the concatenated samples', () => {
    expectMoments(poolMoments([a, b]), ab)
    expectMoments(poolMoments([a, b, c]), abc)
    expectMoments(poolMoments([c, a, b]), abc)
  })

  it('subtracts a group like numpy on the remaining samples', () => {
    expectMoments(subtractMoments(ab, a), b)
    expectMoments(subtractMoments(ab, b), a)
    expectMoments(subtractMoments(abc, c), ab)
    expectMoments(subtractMoments(abc, ab), c)
  })

  it('round-trips: pool two groups, subtract one, get the other', () => {
    const pooled = poolMoments([b, c])
    expectMoments(subtractMoments(pooled, b), c)
    expectMoments(subtractMoments(pooled, c), b)
    expectMoments(subtractMoments(poolMoments([a, b, c]), poolMoments([a, c])), b)
  })

  it('returns the mean alone for a single remaining value, NaN for none', () => {
    // [3, 7, 4, 9, 5] minus [3, 7, 4, 9]: np.mean([3, 7, 4, 9.]) = 5.75, np.var(..., ddof=1) = 7.583333333333333
    const one = subtractMoments(a, { n: 4, mean: 5.75, variance: 7.583333333333333 })
    expect(one.n).toBe(1)
    expect(one.mean).toBeCloseTo(5, 10)
    expect(one.variance).toBeNaN()
    const none = subtractMoments(a, a)
    expect(none.n).toBe(0)
    expect(none.mean).toBeNaN()
    expect(none.variance).toBeNaN()
  })

  it('clamps a variance that rounds below zero to 0', () => {
    // Each rest is a constant sample ([m] * n, variance exactly 0); pooling it with
    // part and subtracting part again leaves between -1.5e-8 and -3e-17 before clamping.
    const part = { n: 2, mean: 0.7, variance: 0.02 }
    for (const [n, mean] of [[3, 0.1], [2, 0.1], [2, 0.2], [3, 12345.678]] as const) {
      const rest = subtractMoments(poolMoments([{ n, mean, variance: 0 }, part]), part)
      expect(rest.mean).toBeCloseTo(mean, 8)
      expect(rest.variance).toBe(0)
    }
  })
})
