import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { convertedSql } from '../../src/analytics/step-occurrences.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { openTestEventStore } from '../support/event-store.ts'

let store: EventStore
let close: () => Promise<void>
beforeAll(async () => {
  ;({ store, close } = await openTestEventStore({ migrate: false }))
})
afterAll(() => close())

/** Seeded paths of up to 30 events over `steps` steps, `perStage` consecutive steps to a stage. */
const paths = (steps: number, perStage: number) => `
  SELECT number, path, arrayMap(s -> toUInt32(1 + intDiv(s - 1, ${perStage})), path) AS stages, arrayEnumerateUniq(path) AS nth, arrayFilter((s, u) -> u = 1, path, nth) AS reached
  FROM (SELECT number, arrayMap(i -> toUInt16(1 + cityHash64(number, i) % ${steps}), range(1 + number % 30)) AS path FROM numbers(20000))`

describe('steps a customer went on from to the next stage', () => {
  // The bitmask form (journeys of fewer than 63 stages) and the map form (longer ones) must agree on every path.
  for (const [steps, perStage] of [[20, 4], [62, 1], [40, 3]] as const) {
    it(`agree for ${steps} steps, ${perStage} to a stage`, async () => {
      const converted = async (stages: number) =>
        (await store.query<{ converted: number[] }>(`SELECT converted FROM (SELECT number, ${convertedSql(stages)} FROM (${paths(steps, perStage)})) ORDER BY number`)).map((r) => r.converted)
      const mask = await converted(62)
      const map = await converted(63)
      expect(mask.length).toBe(20000)
      expect(mask.filter((c) => c.length > 0).length).toBeGreaterThan(5000)
      // Compared as text: a failing deep comparison of 20,000 rows would take the diff printer minutes.
      expect(mask.map((c, i) => (c.join() === map[i]!.join() ? '' : `${i}: ${c.join()} vs ${map[i]!.join()}`)).filter(Boolean).slice(0, 5)).toEqual([])
    })
  }

  it('reads a step as converted only when the next stage comes later', async () => {
    const [row] = await store.query<{ converted: number[] }>(
      `SELECT converted FROM (SELECT ${convertedSql(5)} FROM (SELECT [1, 3, 2, 1, 4]::Array(UInt16) AS path, [1, 2, 1, 1, 3]::Array(UInt32) AS stages, arrayEnumerateUniq(path) AS nth, arrayFilter((s, u) -> u = 1, path, nth) AS reached))`,
    )
    // Steps 1 and 2 (stage 1) are followed by stage 2 only through step 3 at position 2: step 1 (first at 1) converts, step 2 (first at 3) does not; step 3 (stage 2) is followed by stage 3.
    expect(row!.converted).toEqual([1, 3])
  })
})
