import { FEEDBACK_SCALES, type FeedbackKind } from './feedback.ts'

/**
 * Feedback on the designed-emotion scale (−2 … +2): each kind's scale mapped
 * linearly, higher is better for all (CES as "it was easy", 7 = very easy).
 * As a ClickHouse expression over `score` and `score_kind`.
 */
export function normalizedScoreSql(): string {
  const branches = (Object.entries(FEEDBACK_SCALES) as Array<[FeedbackKind, { min: number; max: number }]>).map(
    ([kind, { min, max }]) => `score_kind = '${kind}', (score - ${min}) / ${max - min} * 4 - 2`,
  )
  return `multiIf(${branches.join(', ')}, NULL)`
}

/** A normalised score at or below this is a "low" answer (the bottom quarter of the scale). */
export const LOW_SCORE = -1
