/**
 * Feedback kinds and their scales. A survey answer is an event with a score;
 * scores outside their kind's scale are rejected (and quarantined), never clipped.
 */
export const FEEDBACK_KINDS = ['nps', 'csat', 'ces', 'rating'] as const
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

export const FEEDBACK_SCALES: Record<FeedbackKind, { min: number; max: number; integer: boolean }> = {
  nps: { min: 0, max: 10, integer: true },
  csat: { min: 1, max: 5, integer: true },
  ces: { min: 1, max: 7, integer: true },
  rating: { min: 1, max: 5, integer: false },
}

export function isFeedbackKind(value: unknown): value is FeedbackKind {
  return typeof value === 'string' && (FEEDBACK_KINDS as readonly string[]).includes(value)
}

/** Why a score is not valid for its kind, or undefined when it is. */
export function scoreProblem(kind: FeedbackKind, score: unknown): string | undefined {
  const scale = FEEDBACK_SCALES[kind]
  if (typeof score !== 'number' || !Number.isFinite(score)) return `score must be a number on the ${kind} scale ${scale.min}–${scale.max}`
  if (score < scale.min || score > scale.max || (scale.integer && !Number.isInteger(score))) {
    return `score ${score} is outside the ${kind} scale (${scale.integer ? 'whole numbers ' : ''}${scale.min}–${scale.max})`
  }
  return undefined
}
