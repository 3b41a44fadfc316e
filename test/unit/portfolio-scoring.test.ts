import { describe, expect, it } from 'vitest'
import { resurfaceReason } from '../../src/domain/portfolio/opportunity.ts'
import { DEFAULT_SCORING, rankOpportunities, scoreOf, type Scorable } from '../../src/domain/portfolio/scoring.ts'

const at = (day: number) => new Date(Date.UTC(2026, 0, day))
const item = (id: string, o: Partial<Scorable>): Scorable => ({
  id,
  category: 'must_have',
  promiseFit: 'none',
  confidence: 0.5,
  effort: 1,
  valueAtRisk: 0,
  customersAffected: 0,
  pinnedRank: null,
  createdAt: at(1),
  ...o,
})

// A fixed portfolio. The expected scores are the README's formula written out by hand with the default weights:
// score = category × (1 + 0.5 × fit) × confidence × (log10(1 + value) + log10(1 + reach)) / effort
const portfolio: Scorable[] = [
  item('star-no-promise', { category: 'star', confidence: 0.9, effort: 1, valueAtRisk: 999_999, customersAffected: 9_999 }),
  item('must-have-small', { category: 'must_have', confidence: 0.5, effort: 2, valueAtRisk: 999, customersAffected: 99 }),
  item('strategic-full', { category: 'strategic', promiseFit: 'full', confidence: 0.8, effort: 4, valueAtRisk: 99_999, customersAffected: 999 }),
  item('star-keeps-promise', { category: 'star', promiseFit: 'partial', confidence: 0.6, effort: 1, valueAtRisk: 9_999, customersAffected: 999 }),
  item('must-have-big', { category: 'must_have', confidence: 0.7, effort: 3, valueAtRisk: 99_999, customersAffected: 9_999 }),
  item('tie-older', { category: 'must_have', confidence: 0.5, effort: 2, valueAtRisk: 999, customersAffected: 99, createdAt: at(1) }),
  item('star-cheap', { category: 'star', confidence: 1, effort: 0.5, valueAtRisk: 99, customersAffected: 9 }),
]
const expectedScores: Record<string, number> = {
  'star-no-promise': (1 * 1 * 0.9 * (6 + 4)) / 1, // 9
  'must-have-small': (1.5 * 1 * 0.5 * (3 + 2)) / 2, // 1.875
  'strategic-full': (1.2 * 1.5 * 0.8 * (5 + 3)) / 4, // 2.88
  'star-keeps-promise': (1 * 1.25 * 0.6 * (4 + 3)) / 1, // 5.25
  'must-have-big': (1.5 * 1 * 0.7 * (5 + 4)) / 3, // 3.15
  'tie-older': (1.5 * 1 * 0.5 * (3 + 2)) / 2, // 1.875, the same as must-have-small
  'star-cheap': (1 * 1 * 1 * (2 + 1)) / 0.5, // 6
}

describe('portfolio scoring (the documented formula and order)', () => {
  it('scores each opportunity exactly by the formula', () => {
    for (const o of portfolio) expect(scoreOf(o)).toBeCloseTo(expectedScores[o.id]!, 10)
  })

  it('orders must-haves and promise-keeping work before stars that keep no promise, then by score, value and age', () => {
    const ranked = rankOpportunities(portfolio)
    expect(ranked.map((o) => o.id)).toEqual([
      'star-keeps-promise', // 5.25: a star, but it keeps its stage's promise
      'must-have-big', // 3.15
      'strategic-full', // 2.88
      'must-have-small', // 1.875, the same score and value as tie-older; same age: by id
      'tie-older', // 1.875
      'star-no-promise', // 9, but a star that keeps no promise
      'star-cheap', // 6
    ])
    expect(ranked.map((o) => o.rank)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('without basicsFirst, orders by score alone', () => {
    const ranked = rankOpportunities(portfolio, { ...DEFAULT_SCORING, basicsFirst: false })
    expect(ranked.map((o) => o.id)).toEqual(['star-no-promise', 'star-cheap', 'star-keeps-promise', 'must-have-big', 'strategic-full', 'must-have-small', 'tie-older'])
  })

  it('puts pinned items first, in their pinned order', () => {
    const pinned = portfolio.map((o) => (o.id === 'star-cheap' ? { ...o, pinnedRank: 1 } : o.id === 'tie-older' ? { ...o, pinnedRank: 2 } : o))
    expect(rankOpportunities(pinned).slice(0, 3).map((o) => o.id)).toEqual(['star-cheap', 'tie-older', 'star-keeps-promise'])
  })

  it('follows changed weights: a workspace that values reach only', () => {
    const w = { ...DEFAULT_SCORING, value: 0, reach: 1, promise: 0, category: { must_have: 1, strategic: 1, star: 1 }, basicsFirst: false }
    // confidence × log10(1 + reach) / effort: 0.9 × 4 = 3.6, 0.5 × 2 / 2 = 0.5, 0.8 × 3 / 4 = 0.6, 0.6 × 3 = 1.8, 0.7 × 4 / 3 = 0.933…, 0.5, 1 × 1 / 0.5 = 2
    expect(rankOpportunities(portfolio, w).map((o) => o.id)).toEqual(['star-no-promise', 'star-cheap', 'star-keeps-promise', 'must-have-big', 'strategic-full', 'must-have-small', 'tie-older'])
  })
})

describe('declined opportunities', () => {
  const declined = { status: 'declined' as const, revisitAt: at(20), declinedValueAtRisk: 1000, declinedCustomers: 50 }
  it('come back when the red point is more than 10 % worse, or the revisit date came', () => {
    expect(resurfaceReason(declined, { valueAtRisk: 1050, customersAffected: 52 }, at(10))).toBeNull()
    expect(resurfaceReason(declined, { valueAtRisk: 1150, customersAffected: 50 }, at(10))).toBe('red_point_worse')
    expect(resurfaceReason(declined, { valueAtRisk: 900, customersAffected: 60 }, at(10))).toBe('red_point_worse')
    expect(resurfaceReason(declined, { valueAtRisk: 900, customersAffected: 40 }, at(20))).toBe('revisit_due')
    expect(resurfaceReason({ ...declined, status: 'new' }, { valueAtRisk: 5000, customersAffected: 500 }, at(30))).toBeNull()
  })
})
