import { describe, expect, it } from 'vitest'
import { chTime } from '../../src/storage/events/rows.ts'

const reference = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '')

describe('chTime', () => {
  it('formats like ISO 8601 in UTC without T and Z, across the engine range', () => {
    const from = Date.UTC(1900, 0, 1)
    const to = Date.UTC(2299, 11, 31, 23, 59, 59, 999)
    for (let i = 0; i < 5_000; i++) {
      const d = new Date(from + Math.floor(Math.random() * (to - from)))
      expect(chTime(d)).toBe(reference(d))
    }
    for (const d of [new Date(from), new Date(to), new Date('2026-03-09T07:05:03.007Z')]) expect(chTime(d)).toBe(reference(d))
  })

  it('does not serve a remembered text for a date changed in place', () => {
    const d = new Date('2026-01-01T00:00:00.000Z')
    expect(chTime(d)).toBe('2026-01-01 00:00:00.000')
    d.setTime(Date.UTC(2026, 5, 30, 12, 34, 56, 789))
    expect(chTime(d)).toBe('2026-06-30 12:34:56.789')
  })
})
