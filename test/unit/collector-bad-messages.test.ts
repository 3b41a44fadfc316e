import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeMessage } from '../../src/ingest/segment/normalize-message.ts'
import { badMessage, toJson } from '../fuzz/targets/collector.ts'

const envelope = (json: string) => ({ workspaceId: 'w', receivedAt: new Date(), source: 'test', bodyBytes: Buffer.byteLength(json) })

describe('the collector refuses every bad message the fuzz generator makes', () => {
  it('refuses a day that is not on the calendar (the JS Date parser rolls 2024-02-30 into March)', () => {
    for (const timestamp of ['2024-02-30T00:00:00Z', '2023-02-29T10:00:00Z', '2024-04-31', '2024-13-01T00:00:00Z']) {
      const message = { type: 'track', userId: 'u', event: 'Clicked', messageId: 'm', timestamp }
      const result = normalizeMessage(message, envelope(JSON.stringify(message)))
      expect(result, timestamp).toEqual({ ok: false, reason: `timestamp "${timestamp}" is not a date` })
    }
    const leapDay = { type: 'track', userId: 'u', event: 'Clicked', messageId: 'm', timestamp: '2024-02-29T10:00:00Z' }
    expect(normalizeMessage(leapDay, envelope(JSON.stringify(leapDay))).ok).toBe(true)
  })

  it('1,500 seeded bad messages, each refused with a reason', () => {
    fc.assert(
      fc.property(badMessage(), ({ message }) => {
        const json = toJson(message)
        const result = normalizeMessage(JSON.parse(json), envelope(json))
        return !result.ok && result.reason.length > 0
      }),
      { numRuns: 1_500, seed: 11 },
    )
  })
})
