import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stepMatcher } from '../../src/analytics/step-matcher.ts'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { openTestEventStore } from '../support/event-store.ts'

let store: EventStore
let close: () => Promise<void>
beforeAll(async () => {
  ;({ store, close } = await openTestEventStore({ migrate: false }))
})
afterAll(() => close())

// Rules by name only and rules with a channel or properties, interleaved: the first matching step wins.
const doc: JourneyDocument = {
  format: 'waymark.journey/v1',
  name: 'Matching',
  stages: [
    {
      key: 's',
      name: 'S',
      steps: [
        { key: 'home', name: 'Home', match: [{ event: 'page', where: { path: '/' } }] },
        { key: 'any_page', name: 'Any page', match: [{ event: 'page' }] },
        { key: 'chat', name: 'Chat', match: [{ event: 'chat', channel: 'app' }, { event: 'talk' }] },
        { key: 'chat_web', name: 'Chat on the web', match: [{ event: 'chat' }] },
        { key: 'never', name: 'Never', match: [{ event: ['talk', 'page'] }, { event: 'chat', channel: 'web' }] },
        { key: 'paid', name: 'Paid', match: [{ event: 'paid', where: { plan: ['a', 'b'] } }] },
      ],
    },
  ],
}

const cases: Array<[event: string, channel: string, properties: Record<string, string>, step: number]> = [
  ['page', 'web', { path: '/' }, 1],
  ['page', 'web', { path: '/plans' }, 2],
  ['page', 'app', {}, 2],
  ['chat', 'app', {}, 3],
  ['talk', 'phone', {}, 3],
  ['chat', 'web', {}, 4],
  ['paid', 'web', { plan: 'b' }, 6],
  ['paid', 'web', { plan: 'c' }, 0],
  ['other', 'web', {}, 0],
]

describe('step matching', () => {
  it('gives every event the first step whose rules match it, or none', async () => {
    const matcher = stepMatcher(doc)
    const rows = cases
      .map(([event, channel, props], i) => `SELECT ${i} AS i, CAST('${event}' AS LowCardinality(String)) AS event, CAST('${channel}' AS LowCardinality(String)) AS channel, CAST(map(${Object.entries(props).map(([k, v]) => `'${k}', '${v}'`).join(', ')}) AS Map(String, String)) AS properties`)
      .join(' UNION ALL ')
    const got = await store.query<{ i: number; step: number; name: string }>(`SELECT i, ${matcher.index} AS step, ${matcher.sql} AS name FROM (${rows}) ORDER BY i`, matcher.params)
    const keys = doc.stages[0]!.steps.map((s) => s.key)
    expect(got.map((r) => [Number(r.step), r.name])).toEqual(cases.map(([, , , step]) => [step, step ? keys[step - 1] : '']))
  })
})
