/**
 * An opportunity: something the CX team could fix, linked to journey steps,
 * scored and ranked in the portfolio ("what we do next, and what we will not do").
 */
export const OPPORTUNITY_STATUSES = ['new', 'assessing', 'planned', 'in_progress', 'done', 'declined'] as const
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number]

/**
 * must_have: obvious and necessary from the market's, competitors' and customers' point of view;
 * strategic: serves the company's goals and keeps the brand promise of its stage;
 * star: visible and prestigious.
 */
export const CATEGORIES = ['must_have', 'strategic', 'star'] as const
export type Category = (typeof CATEGORIES)[number]

/** How well the work keeps the brand promise of its stage. */
export const PROMISE_FITS = ['none', 'partial', 'full'] as const
export type PromiseFit = (typeof PROMISE_FITS)[number]

export const SOLUTION_STATUSES = ['idea', 'planned', 'in_progress', 'done', 'dropped'] as const
export type SolutionStatus = (typeof SOLUTION_STATUSES)[number]

export type RedPointSegment = { trait: string; value: string }

/** The analysis filter a red point was found under, as stored (dates as ISO text). */
export type StoredFilter = {
  from?: string
  to?: string
  channel?: string[]
  valueTiers?: string[]
  traits?: Record<string, string[]>
  properties?: Record<string, string[]>
}

/** Where an opportunity came from. A red point's value at risk is read live from the analysis with the same filter. */
export type OpportunitySource =
  | { kind: 'red_point'; journeyId: string; step: string; segment: RedPointSegment | null; metrics: string[]; filter: StoredFilter }
  | { kind: 'insight'; journeyId: string; insight: number }
  | { kind: 'driver'; journeyId: string; outcome: string; factor: string }
  | { kind: 'manual' }

export type StepLink = { journeyId: string; step: string }

/** A declined opportunity comes back into the ranked list when its red point got this much worse, or its revisit date came. */
export const RESURFACE_WORSENING = 0.1

/** Whether a declined opportunity is due again: revisit date reached, or its red point worse than when it was declined. */
export function resurfaceReason(
  o: { status: OpportunityStatus; revisitAt: Date | null; declinedValueAtRisk: number | null; declinedCustomers: number | null },
  live: { valueAtRisk: number; customersAffected: number } | null,
  now: Date,
): 'revisit_due' | 'red_point_worse' | null {
  if (o.status !== 'declined') return null
  if (live && o.declinedValueAtRisk !== null && o.declinedCustomers !== null) {
    const worse = (now: number, then: number) => now > then * (1 + RESURFACE_WORSENING) && now > then
    if (worse(live.valueAtRisk, o.declinedValueAtRisk) || worse(live.customersAffected, o.declinedCustomers)) return 'red_point_worse'
  }
  if (o.revisitAt && o.revisitAt.getTime() <= now.getTime()) return 'revisit_due'
  return null
}
