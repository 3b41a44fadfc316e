import { describe, expect, it } from 'vitest'
import { measuredRuns } from '../../web/src/features/journey/measured-runs.ts'

describe('the measured emotion curve', () => {
  it('joins only consecutive measured steps and keeps lone ones as single points', () => {
    const values = [null, 0.5, -1, null, null, 1.5, null, 0, 0.25, 2]
    expect(measuredRuns(values, (v) => v)).toEqual([
      [[1, 0.5], [2, -1]],
      [[5, 1.5]],
      [[7, 0], [8, 0.25], [9, 2]],
    ])
  })

  it('has nothing to draw without measures', () => {
    expect(measuredRuns([null, null], (v) => v)).toEqual([])
  })
})
