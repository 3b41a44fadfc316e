import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeJourney, type Analysis } from '../../src/analytics/analyze-journey.ts'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import { chTime, type EventRow } from '../../src/storage/events/rows.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { eventRow, openTestEventStore } from '../support/event-store.ts'

/**
 * A survey answer is both something the customer did (an occurrence of its
 * event on its channel) and feedback about a touchpoint. Seen by a user: a
 * journey whose last step is `survey_answered` showed it dark, a 90 % exit at
 * the step before and a goal never reached.
 */
const journey: JourneyDocument = {
  format: 'waymark.journey/v1',
  name: 'Checkout with a survey',
  goal: 'survey_answered',
  stages: [
    { key: 'buy', name: 'Buy', steps: [
      { key: 'browse', name: 'Browse', channel: 'web' },
      { key: 'checkout', name: 'Checkout', channel: 'web' },
    ] },
    { key: 'tell', name: 'Tell us', steps: [{ key: 'survey_answered', name: 'Survey answered', channel: 'email' }] },
  ],
}

let store: EventStore
let close: () => Promise<void>
let analysis: Analysis
const CUSTOMERS = 200

beforeAll(async () => {
  ;({ store, close } = await openTestEventStore())
  const rows: EventRow[] = []
  const at = (c: number, minutes: number) => chTime(new Date(Date.UTC(2025, 2, 1, 9, 0) + c * 3_600_000 + minutes * 60_000))
  for (let c = 0; c < CUSTOMERS; c++) {
    const customer = `c${c}`
    const row = (event: string, minutes: number, over: Partial<EventRow> = {}) =>
      rows.push(eventRow({ workspace_id: 'ws', customer_id: customer, user_id: customer, event_id: `${customer}-${event}`, event, ts: at(c, minutes), seq: rows.length, ...over }))
    row('browse', 0)
    row('checkout', 5)
    // Nine in ten answer the survey about checkout: CSAT 4, as a file import would store the row.
    if (c % 10 !== 0) row('survey_answered', 30, { type: 'feedback', channel: 'email', score: 4, score_kind: 'csat', touchpoint: 'checkout' })
  }
  await store.insert('events', rows)
  analysis = await analyzeJourney(store, 'ws', journey)
}, 60_000)
afterAll(() => close())

describe('a feedback answer with an event name of its own', () => {
  it('is an occurrence of its event: the step it maps to is reached, not dark, and is the goal', () => {
    const survey = analysis.touchpoints.find((t) => t.step === 'survey_answered')!
    expect(survey.customers).toBe(180)
    expect(analysis.blindSpots.darkTouchpoints).toEqual([])
    expect(analysis.conformance.customers).toBe(CUSTOMERS)
    const checkout = analysis.touchpoints.find((t) => t.step === 'checkout')!
    expect(checkout.exitRate).toBeCloseTo(20 / CUSTOMERS) // the 20 who did not answer, not 90 %
    expect(analysis.flow.dfg).toContainEqual(['checkout', 'survey_answered', 180])
  })

  it('is still feedback about the touchpoint it names, counted once in the summary', () => {
    const checkout = analysis.touchpoints.find((t) => t.step === 'checkout')!
    expect(checkout.feedback).toEqual({ kind: 'csat', mean: 4, n: 180, nps: null })
    expect(analysis.summary.events).toBe(CUSTOMERS * 2 + 180)
  })

  it('is never an unmapped event, even when no step maps it', async () => {
    const withoutSurveyStep: JourneyDocument = { ...journey, goal: 'checkout', stages: [journey.stages[0]!] }
    const other = await analyzeJourney(store, 'ws', withoutSurveyStep)
    expect(other.blindSpots.unmappedEvents).toEqual([])
    expect(other.touchpoints.find((t) => t.step === 'checkout')!.feedback?.n).toBe(180)
  })
})
