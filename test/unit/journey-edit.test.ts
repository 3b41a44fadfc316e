import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diffJourneys, summarizeDiff } from '../../src/domain/journey/diff-journeys.ts'
import * as edit from '../../src/domain/journey/edit-journey.ts'
import { allSteps, matchRulesOf } from '../../src/domain/journey/journey.ts'
import { parseJourneyJson } from '../../src/domain/journey/journey-json.ts'

const base = parseJourneyJson(fs.readFileSync(new URL('../fixtures/issue-example.journey.json', import.meta.url), 'utf8'))
const withBuy = edit.addStage(base, { key: 'buy', name: 'Buy', steps: [{ key: 'order', name: 'Order', channel: 'web' }] })
const keys = (d: typeof base) => allSteps(d).map(({ stage, step }) => `${stage.key}/${step.key}`)

describe('journey edits', () => {
  it('adds, moves and reorders steps without touching the input', () => {
    const moved = edit.moveStep(withBuy, 'compare_plans', 'buy', 0)
    expect(keys(moved)).toEqual(['discover/visit_site', 'buy/compare_plans', 'buy/order'])
    expect(keys(withBuy)).toEqual(['discover/visit_site', 'discover/compare_plans', 'buy/order'])
    const reordered = edit.moveStep(withBuy, 'visit_site', 'discover')
    expect(keys(reordered)).toEqual(['discover/compare_plans', 'discover/visit_site', 'buy/order'])
  })

  it('removing a step unlinks its evidence; stages must be empty to go', () => {
    const removed = edit.removeStep(base, 'compare_plans')
    expect(removed.insights![0]!.steps).toEqual([])
    expect(() => edit.removeStage(withBuy, 'buy')).toThrow(/still has 1 step/)
    expect(edit.removeStage(edit.removeStep(withBuy, 'order'), 'buy').stages.map((s) => s.key)).toEqual(['discover'])
  })

  it('removing a step unbinds the outcomes measured on it, keeping their words', () => {
    const bound = { ...base, outcomes: [{ text: 'compares', measure: { kind: 'reach' as const, step: 'compare_plans' } }, { text: 'visits', measure: { kind: 'reach' as const, step: 'visit_site' } }] }
    expect(edit.removeStep(bound, 'compare_plans').outcomes).toEqual([{ text: 'compares' }, bound.outcomes[1]])
    expect(edit.removeStep(base, 'compare_plans').outcomes).toBeUndefined()
  })

  it('refuses unknown keys with not_found', () => {
    expect(() => edit.updateStep(base, 'nope', { name: 'x' })).toThrow(expect.objectContaining({ code: 'not_found' }))
    expect(() => edit.moveStep(base, 'visit_site', 'nope')).toThrow(expect.objectContaining({ code: 'not_found' }))
    expect(() => edit.removeInsight(base, 4)).toThrow(expect.objectContaining({ code: 'not_found' }))
  })

  it('a step without rules matches the event named like its key', () => {
    const [visit, compare] = allSteps(base).map((s) => s.step)
    expect(matchRulesOf(visit!)).toEqual([{ event: 'page_viewed', where: { path: '/' } }])
    expect(matchRulesOf(compare!)).toEqual([{ event: 'compare_plans' }])
  })
})

describe('journey diff', () => {
  it('summarises what changed by key', () => {
    let next = edit.updateStep(withBuy, 'visit_site', { emotion: -1 })
    next = edit.moveStep(next, 'compare_plans', 'buy')
    next = edit.addStep(next, 'buy', { key: 'pay', name: 'Pay' })
    const d = diffJourneys(withBuy, next)
    expect(d.stepsAdded).toEqual(['pay'])
    expect(d.stepsMoved).toEqual(['compare_plans'])
    expect(d.stepsChanged).toEqual([{ key: 'visit_site', fields: ['emotion'] }])
    expect(summarizeDiff(d)).toBe('1 step added (pay); 1 step moved (compare_plans); 1 step changed (visit_site)')
    expect(summarizeDiff(diffJourneys(base, base))).toBe('no changes')
    expect(summarizeDiff(diffJourneys(base, withBuy))).toBe('1 stage added (buy); 1 step added (order)')
  })
})
