import { describe, expect, it } from 'vitest'
import { runFuzz } from '../fuzz/run-fuzz.ts'

/**
 * The short, seeded variant of `npm run test:fuzz`: a few hundred bad inputs across every target against the real
 * server as a child process. A run this short is mostly warm-up, so the memory trend is bounded loosely here (the
 * full run bounds it at 150 MB); the ceiling, the answers, the quarantine and the digests are checked as in the full run.
 */
describe('bad input at scale (short variant)', () => {
  it('answers 300 seeded bad inputs as specified, stays up, quarantines as it says and changes nothing stored', async () => {
    const lines: string[] = []
    const summary = await runFuzz({ inputs: 300, seed: 2, concurrency: 4, rssGrowthMb: 400, log: () => {} }, (l) => lines.push(l))
    expect(summary.ok, lines.join('\n')).toBe(true)
    expect(Object.keys(summary.targets).sort()).toEqual(['api', 'collector', 'import (service)', 'import upload', 'journey import', 'journey parser'])
    for (const t of Object.values(summary.targets)) expect(t.inputs).toBeGreaterThan(0)
    expect(summary.inputs).toBeGreaterThanOrEqual(290)
    expect(summary.quarantined).toBeGreaterThan(0)
  }, 180_000)
})
