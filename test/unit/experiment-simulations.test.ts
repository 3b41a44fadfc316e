import { describe, expect, it } from 'vitest'
import { analyzeExperiment, type Arm, type Look } from '../../src/domain/experiments/analyze-experiment.ts'
import { compareProportions } from '../../src/domain/experiments/compare.ts'
import type { ExperimentMetric, ExperimentMode } from '../../src/domain/experiments/experiment.ts'
import { sampleSizeProportions } from '../../src/domain/experiments/power.ts'
import { seededRandom } from '../../src/demo/random.ts'

// Seeded simulations of whole experiments, day by day, through the same analysis the API runs.
const ALPHA = 0.05
const BASELINE = 0.1
const MDE = 0.03
const PLANNED = Math.ceil(sampleSizeProportions(BASELINE, MDE, ALPHA, 0.8)) // 1,774 per variant
const PER_DAY = 200 // customers per variant per day: the plan is reached on day 9
const DAYS = 27 // sequential runs look every day up to three times the plan
const metric: ExperimentMetric = { kind: 'conversion', step: 'bill_paid', windowHours: 72 }
const variants = [
  { key: 'a', name: 'Control', weight: 50 },
  { key: 'b', name: 'Treatment', weight: 50 },
]
const input = (mode: ExperimentMode) => ({ variants, primary: metric, guardrails: [], mode, plan: { alpha: ALPHA, power: 0.8, mde: MDE, baseline: BASELINE, plannedPerVariant: PLANNED } })

/** One experiment's daily cumulative looks: each day PER_DAY customers per variant, each converting with its variant's rate. */
function simulate(seed: number, rates: [number, number], days = DAYS): Look[] {
  const rnd = seededRandom(seed)
  const arms: Arm[] = rates.map(() => ({ exposed: 0, n: 0, sum: 0, sumSq: 0 }))
  const looks: Look[] = []
  for (let d = 0; d < days; d++) {
    rates.forEach((rate, i) => {
      let x = 0
      for (let c = 0; c < PER_DAY; c++) if (rnd.next() < rate) x++
      const a = arms[i]!
      arms[i] = { exposed: a.exposed + PER_DAY, n: a.n + PER_DAY, sum: a.sum + x, sumSq: a.sumSq + x }
    })
    looks.push({ day: `day ${d + 1}`, arms: arms.map((a) => ({ ...a })) })
  }
  return looks
}

const declares = (kind: string) => kind === 'winner' || kind === 'loser' || kind === 'guardrail_breached'
const planDay = Math.ceil(PLANNED / PER_DAY)

/** Whether a fixed-horizon run declares anything at any daily look before the plan, and its verdict at the plan. */
function fixedRun(looks: Look[]) {
  let early = false
  for (let d = 1; d < planDay; d++) early ||= declares(analyzeExperiment(input('fixed'), { primary: looks.slice(0, d), guardrails: [] }).verdict.kind)
  return { early, atPlan: analyzeExperiment(input('fixed'), { primary: looks.slice(0, planDay), guardrails: [] }).verdict }
}

/** A sequential run peeked at every day: the first verdict that declares a difference, if any. */
function sequentialRun(looks: Look[]) {
  for (let d = 1; d <= looks.length; d++) {
    const v = analyzeExperiment(input('sequential'), { primary: looks.slice(0, d), guardrails: [] }).verdict
    if (declares(v.kind)) return { day: d, verdict: v }
  }
  return undefined
}

/** The 99th percentile of Binomial(n, p): a count above it is evidence that the true rate exceeds p. */
function binomialQuantile99(n: number, p: number): number {
  let cdf = 0
  let pmf = (1 - p) ** n
  for (let k = 0; k <= n; k++) {
    cdf += pmf
    if (cdf >= 0.99) return k
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p))
  }
  return n
}

describe('A/A: no true difference', () => {
  const RUNS = 400
  it(`fixed-horizon mode declares a winner or loser in at most α of ${RUNS} runs, and never before the plan`, () => {
    let falsePositives = 0
    for (let s = 0; s < RUNS; s++) {
      const run = fixedRun(simulate(1000 + s, [BASELINE, BASELINE], planDay))
      expect(run.early).toBe(false)
      if (declares(run.atPlan.kind)) falsePositives++
    }
    // The test's size is α by construction, so the count is Binomial(runs, ≤ α): the count must not be above its 99th percentile.
    console.log(`fixed-horizon A/A: ${falsePositives} of ${RUNS} declared (${((falsePositives / RUNS) * 100).toFixed(1)} %, α = 5 %)`)
    expect(falsePositives).toBeLessThanOrEqual(binomialQuantile99(RUNS, ALPHA))
  })

  it(`sequential mode peeked at every day for ${DAYS} days declares in fewer than α of ${RUNS} runs`, () => {
    let falsePositives = 0
    for (let s = 0; s < RUNS; s++) if (sequentialRun(simulate(5000 + s, [BASELINE, BASELINE]))) falsePositives++
    console.log(`sequential A/A, daily peeking: ${falsePositives} of ${RUNS} declared (${((falsePositives / RUNS) * 100).toFixed(1)} %, α = 5 %)`)
    expect(falsePositives / RUNS).toBeLessThanOrEqual(ALPHA)
  })

  it('control: a fixed-horizon test peeked at every day and stopped at the first p < α inflates false positives well above α', () => {
    let falsePositives = 0
    for (let s = 0; s < RUNS; s++) {
      const looks = simulate(5000 + s, [BASELINE, BASELINE])
      if (looks.some((l) => compareProportions(l.arms[0]!.sum, l.arms[0]!.n, l.arms[1]!.sum, l.arms[1]!.n, ALPHA).p < ALPHA)) falsePositives++
    }
    console.log(`naive daily peeking A/A: ${falsePositives} of ${RUNS} declared`)
    expect(falsePositives / RUNS).toBeGreaterThan(2 * ALPHA)
  })
})

describe('a known effect (+3 points, the planned minimum detectable effect)', () => {
  const RUNS = 200
  it('is detected at the planned sample size in about the planned power of runs, never declared before it in fixed-horizon mode', () => {
    let detected = 0
    let tempting = 0
    for (let s = 0; s < RUNS; s++) {
      const looks = simulate(9000 + s, [BASELINE, BASELINE + MDE], planDay)
      const run = fixedRun(looks)
      expect(run.early).toBe(false)
      // Some runs look significant before the plan: the fixed-horizon verdict still waits.
      if (looks.slice(0, planDay - 1).some((l) => compareProportions(l.arms[0]!.sum, l.arms[0]!.n, l.arms[1]!.sum, l.arms[1]!.n, ALPHA).p < ALPHA)) tempting++
      if (run.atPlan.kind === 'winner' && run.atPlan.variant === 'b') detected++
    }
    console.log(`known effect, fixed horizon: detected at the plan in ${detected} of ${RUNS} runs (planned power 80 %); ${tempting} looked significant earlier`)
    expect(tempting).toBeGreaterThan(0)
    // Power 0.8 planned; 200 runs give a standard error of 2.8 points.
    expect(detected / RUNS).toBeGreaterThan(0.72)
  })

  it('one pilot: keep running until the plan, then the treatment wins, said in plain words (and a missed one says so)', () => {
    // Runs are those of the test above: the first that detects the effect, and the first that misses it (power is 80 %, not 100 %).
    const seeds = Array.from({ length: 50 }, (_, i) => 9000 + i)
    const wins = (seed: number) => fixedRun(simulate(seed, [BASELINE, BASELINE + MDE], planDay)).atPlan.kind === 'winner'
    const missed = simulate(seeds.find((s) => !wins(s))!, [BASELINE, BASELINE + MDE], planDay)
    expect(analyzeExperiment(input('fixed'), { primary: missed, guardrails: [] }).verdict.text).toMatch(
      /^No difference: with the planned 1774 customers per variant, .* Any effect is likely smaller than the 3\.0 points the pilot was planned to detect\.$/,
    )
    const looks = simulate(seeds.find(wins)!, [BASELINE, BASELINE + MDE], planDay)
    const early = analyzeExperiment(input('fixed'), { primary: looks.slice(0, 4), guardrails: [] })
    expect(early.verdict.kind).toBe('keep_running')
    expect(early.verdict.text).toMatch(/^Keep running: the plan needs 1774 customers per variant and the smallest has 800/)
    const final = analyzeExperiment(input('fixed'), { primary: looks, guardrails: [] })
    expect(final.reachedPlan).toBe(true)
    expect(final.verdict.kind).toBe('winner')
    expect(final.verdict.text).toMatch(/^Treatment wins: conversion to bill_paid within 72 h \d+\.\d % against \d+\.\d % for Control \(\+\d\.\d points, 95 % interval/)
    expect(final.primary.series).toHaveLength(planDay)
  })

  it('sequential mode finds it too, looking every day', () => {
    let detected = 0
    for (let s = 0; s < RUNS; s++) if (sequentialRun(simulate(9000 + s, [BASELINE, BASELINE + MDE]))?.verdict.variant === 'b') detected++
    console.log(`known effect, sequential with daily peeking: detected in ${detected} of ${RUNS} runs within ${DAYS} days`)
    expect(detected / RUNS).toBeGreaterThan(0.8)
  })
})

describe('sample-ratio mismatch in an experiment', () => {
  it('a planted 45/55 split of a 50/50 experiment gets the SRM verdict instead of a result', () => {
    const look: Look = { day: 'd', arms: [{ exposed: 1800, n: 1800, sum: 180, sumSq: 180 }, { exposed: 2200, n: 2200, sum: 300, sumSq: 300 }] }
    const r = analyzeExperiment(input('fixed'), { primary: [look], guardrails: [] })
    expect(r.srm.flagged).toBe(true)
    expect(r.verdict.kind).toBe('srm')
    expect(r.verdict.text).toMatch(/^Sample ratio mismatch: Control 1800, Treatment 2200 customers where the weights plan a 50\/50 split/)
    const honest: Look = { day: 'd', arms: [{ exposed: 1990, n: 1990, sum: 199, sumSq: 199 }, { exposed: 2010, n: 2010, sum: 201, sumSq: 201 }] }
    expect(analyzeExperiment(input('fixed'), { primary: [honest], guardrails: [] }).srm.flagged).toBe(false)
  })
})
