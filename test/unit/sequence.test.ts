import { describe, expect, it } from 'vitest'
import { nextSequence } from '../../src/ingest/sequence.ts'

describe('arrival sequence', () => {
  it('is strictly increasing, exact (within 2^53) and roughly the time in microseconds', () => {
    const seqs = Array.from({ length: 100_000 }, () => nextSequence())
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! - seqs[i - 1]!).toBeGreaterThanOrEqual(1)
    expect(Number.isSafeInteger(seqs.at(-1))).toBe(true)
    expect(Math.abs(seqs[0]! / 1000 - Date.now())).toBeLessThan(60_000)
  })
})
