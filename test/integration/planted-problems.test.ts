import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeJourney, type Analysis } from '../../src/analytics/analyze-journey.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { openTestEventStore } from '../support/event-store.ts'
import { plantedJourney, type PlantedData } from '../support/planted-journey.ts'

/**
 * The analyses on data written for no demo: a seeded generator plants five
 * problems in one journey (see test/support/planted-journey.ts), and its
 * control, the same customers without them, must come out clean.
 */
const CUSTOMERS = 4000
let store: EventStore
let close: () => Promise<void>

async function analyse(workspaceId: string, seed: number, planted: boolean): Promise<{ data: PlantedData; analysis: Analysis }> {
  const data = plantedJourney({ seed, customers: CUSTOMERS, planted, workspaceId })
  await store.insert('events', data.events)
  await store.insert('customers', data.traits)
  return { data, analysis: await analyzeJourney(store, workspaceId, data.journey) }
}

let planted: { data: PlantedData; analysis: Analysis }
let controls: Analysis[]

beforeAll(async () => {
  ;({ store, close } = await openTestEventStore())
  planted = await analyse('planted', 11, true)
  controls = []
  for (const seed of [11, 12, 13]) controls.push((await analyse(`control-${seed}`, seed, false)).analysis)
}, 180_000)
afterAll(() => close())

describe('planted problems are found, each with its cause', () => {
  it('a drop-out on one channel: an exit red point at checkout, and checking out on the app drives not reaching the goal', () => {
    const { dropOut } = planted.data.truth
    const point = planted.analysis.redPoints.find((r) => r.step === dropOut!.step && r.reasons.some((x) => x.metric === 'exitRate'))
    expect(point).toBeDefined()
    expect(planted.analysis.drivers).toContainEqual(expect.objectContaining({ outcome: 'not reaching setup', factor: `buy via ${dropOut!.channel}` }))
  })

  it('a repeat-contact loop across channels is failure demand at order status, though the step was designed for the web', () => {
    const { repeatLoop } = planted.data.truth
    expect(planted.data.journey.stages.flatMap((s) => s.steps).find((s) => s.key === repeatLoop!.step)?.channel).toBe('web')
    const point = planted.analysis.redPoints.find((r) => r.step === repeatLoop!.step && r.segment === null)
    expect(point?.reasons.map((r) => r.metric)).toContain('repeatRate')
    const repeat = point!.reasons.find((r) => r.metric === 'repeatRate')!
    expect(repeat.value).toBeGreaterThan(0.1)
    expect(repeat.p).toBeLessThan(0.05)
  })

  it('a touchpoint rated low by one value tier only: a feedback red point for that segment, with that segment\'s value at risk, and a driver', () => {
    const { lowTier } = planted.data.truth
    const points = planted.analysis.redPoints.filter((r) => r.step === lowTier!.step)
    expect(points).toHaveLength(1)
    const point = points[0]!
    expect(point.segment).toEqual({ trait: 'value tier', value: lowTier!.tier })
    expect(point.reasons.map((r) => r.metric)).toEqual(['feedback'])
    // The affected are premium payers (orders of 500–800): the value at risk is theirs.
    expect(point.valueAtRisk / point.customersAffected).toBeGreaterThan(500)
    expect(planted.analysis.drivers).toContainEqual(expect.objectContaining({ outcome: `low score at ${lowTier!.step}`, factor: `value tier ${lowTier!.tier}` }))
  })

  it('a transition slow for a quarter of customers drives low scores at a later touchpoint', () => {
    const { slowTransition } = planted.data.truth
    const driver = planted.analysis.drivers.find((d) => d.outcome === `low score at ${slowTransition!.lowAt}` && d.factor === `slow ${slowTransition!.from} → ${slowTransition!.to}`)
    expect(driver).toBeDefined()
    expect(driver!.ci[0]).toBeGreaterThan(2)
    expect(driver!.support).toBeGreaterThan(200)
  })

  it('a dark touchpoint is a blind spot', () => {
    expect(planted.analysis.blindSpots.darkTouchpoints).toEqual([{ stage: 'use', step: planted.data.truth.dark }])
  })

  it('at most one red point has no planted cause', () => {
    const { dropOut, repeatLoop, lowTier, slowTransition } = planted.data.truth
    // The slow transition's low answers at setup are its consequence: a feedback red point there has a cause.
    const caused = new Set([dropOut!.step, repeatLoop!.step, lowTier!.step, slowTransition!.lowAt])
    expect(planted.analysis.redPoints.filter((r) => !caused.has(r.step)).length).toBeLessThanOrEqual(1)
  })

  it('never names the outcome itself, nor anything after it, as a driver', () => {
    for (const d of planted.analysis.drivers) {
      if (d.outcome === 'not reaching setup') expect(d.factor).not.toMatch(/setup|welcome_email|use via|value tier/)
      const low = /^low score at (\w+)$/.exec(d.outcome)?.[1]
      // The setup survey comes after setup: nothing after it, and setup itself would be the outcome's own step.
      if (low === 'setup') expect(d.factor).not.toMatch(/^(experienced|repeated) setup$/)
    }
  })
})

describe('the control, the same customers without the problems', () => {
  it('has no red points and no drivers (three seeds)', () => {
    for (const control of controls) {
      expect(control.redPoints).toEqual([])
      expect(control.drivers).toEqual([])
      expect(control.blindSpots.darkTouchpoints).toEqual([])
    }
  })
})
