import type { Category, OpportunityStatus, PromiseFit } from './opportunity.ts'

/**
 * The portfolio's scoring, which a workspace may change (PUT …/portfolio/scoring):
 *
 *   benefit = value × log10(1 + value at risk) + reach × log10(1 + customers affected)
 *   score   = category weight × (1 + promise × fit) × confidence × benefit ÷ effort^effortExponent
 *
 * fit: none 0, partial 0.5, full 1 (how well the work keeps its stage's brand promise);
 * confidence 0–1; effort in person-weeks (> 0). Logarithms, so that a problem ten
 * times as costly counts one step more, not ten times more, and reach can weigh
 * against money.
 *
 * Order: pinned items first (in their pinned order); then, with `basicsFirst`
 * (the default), must-haves and work that keeps a promise (strategic, or any
 * fit above none) before stars that keep no promise; then by score, then by
 * value at risk, then oldest first.
 */
export type ScoringWeights = {
  value: number
  reach: number
  promise: number
  effortExponent: number
  category: Record<Category, number>
  basicsFirst: boolean
}

export const DEFAULT_SCORING: ScoringWeights = {
  value: 1,
  reach: 1,
  promise: 0.5,
  effortExponent: 1,
  category: { must_have: 1.5, strategic: 1.2, star: 1 },
  basicsFirst: true,
}

export const FIT_VALUE: Record<PromiseFit, number> = { none: 0, partial: 0.5, full: 1 }

export type Scorable = {
  id: string
  category: Category
  promiseFit: PromiseFit
  confidence: number
  effort: number
  valueAtRisk: number
  customersAffected: number
  pinnedRank: number | null
  createdAt: Date
}

export function scoreOf(o: Scorable, w: ScoringWeights = DEFAULT_SCORING): number {
  const benefit = w.value * Math.log10(1 + Math.max(0, o.valueAtRisk)) + w.reach * Math.log10(1 + Math.max(0, o.customersAffected))
  return (w.category[o.category] * (1 + w.promise * FIT_VALUE[o.promiseFit]) * o.confidence * benefit) / Math.max(o.effort, 0.01) ** w.effortExponent
}

/** Must-haves and promise-keeping work (0) before stars that keep no promise (1). */
export const basicsClass = (o: Pick<Scorable, 'category' | 'promiseFit'>) => (o.category === 'star' && o.promiseFit === 'none' ? 1 : 0)

/** The portfolio order (see ScoringWeights): returns new objects with their score and 1-based rank. */
export function rankOpportunities<T extends Scorable>(items: T[], w: ScoringWeights = DEFAULT_SCORING): Array<T & { score: number; rank: number }> {
  const scored = items.map((o) => ({ ...o, score: scoreOf(o, w) }))
  scored.sort((a, b) => {
    const pinned = (a.pinnedRank ?? Infinity) - (b.pinnedRank ?? Infinity)
    if (pinned !== 0 && !Number.isNaN(pinned)) return pinned
    if (w.basicsFirst && basicsClass(a) !== basicsClass(b)) return basicsClass(a) - basicsClass(b)
    return b.score - a.score || b.valueAtRisk - a.valueAtRisk || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)
  })
  return scored.map((o, i) => ({ ...o, rank: i + 1 }))
}

/** Statuses that take part in the ranked list (done and declined do not, unless a declined one resurfaces). */
export const ACTIVE_STATUSES: readonly OpportunityStatus[] = ['new', 'assessing', 'planned', 'in_progress']
