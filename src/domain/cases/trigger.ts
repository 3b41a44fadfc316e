/**
 * Triggers fire for one customer soon after something happens:
 * - detractor_after_repeat: a low answer (NPS ≤ 6, CSAT/CES/rating ≤ 2, or `maxScore`)
 *   from a customer who made `minContacts` or more contacts on contact channels
 *   (phone, chat, store, social, mail) in the `withinDays` before it;
 * - exit_at_red_point: a customer whose last journey event is at a step that is a
 *   red point now, with no further journey event for `quietHours` and the goal not
 *   reached, worth at least `minRevenue` (an exit can only be known once the quiet
 *   period has passed).
 */
export type TriggerCondition =
  | { kind: 'detractor_after_repeat'; scoreKind: string | null; maxScore: number | null; minContacts: number; withinDays: number }
  | { kind: 'exit_at_red_point'; quietHours: number; minRevenue: number }

export const TRIGGER_KINDS = ['detractor_after_repeat', 'exit_at_red_point'] as const

/** The highest score that counts as low, per feedback kind. */
export const LOW_SCORE: Record<string, number> = { nps: 6, csat: 2, ces: 2, rating: 2 }

/** Events re-read behind the watermark: an insert that was still landing when the watermark moved is not missed (cases are unique per trigger and event). */
export const WATERMARK_MARGIN_MICROS = 120 * 1_000_000

export const CASE_STATUSES = ['open', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** A case closes only with what was found and what was done. */
export function closeProblems(input: { rootCause?: string | null; outcome?: string | null }): string[] {
  const out: string[] = []
  if (!input.rootCause?.trim()) out.push('rootCause')
  if (!input.outcome?.trim()) out.push('outcome')
  return out
}
