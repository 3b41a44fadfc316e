/** A pilot on one step of a journey: variants with weights, a primary metric, guardrails, a plan. */
export type Variant = { key: string; name: string; weight: number }

/** Conversion to a target step within a window after exposure, or the feedback score given at a touchpoint after exposure. */
export type ExperimentMetric =
  | { kind: 'conversion'; step: string; windowHours: number }
  | { kind: 'feedback'; touchpoint: string; scoreKind: string; windowHours: number }

/** fixed: one look at the planned sample size; sequential: always-valid inference, look whenever you like. */
export const EXPERIMENT_MODES = ['fixed', 'sequential'] as const
export type ExperimentMode = (typeof EXPERIMENT_MODES)[number]

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number]

/** The exposure event a client sends through the collector when it shows a customer their variant (Segment's "Experiment Viewed" spec). */
export const EXPOSURE_EVENT = 'Experiment Viewed'
export const EXPOSURE_PROPS = { experiment: 'experiment_id', variant: 'variation_id' } as const

/** Customers each variant needs before any verdict, whatever the mode. */
export const MIN_PER_VARIANT = 100

/** An experiment's sample-ratio check flags p below this (chi-square goodness of fit). */
export const SRM_THRESHOLD = 0.001

export type ExperimentPlan = {
  alpha: number
  power: number
  /** Minimum detectable effect, absolute: points of conversion (0.02 = 2 points) or score units. */
  mde: number
  /** The control's expected conversion rate, or the score's standard deviation, that the power calculation assumes. */
  baseline: number
  plannedPerVariant: number
}

/** Variants with weights that are positive and whose keys are distinct; throws a message naming the problem. */
export function checkVariants(variants: Variant[]): string | null {
  if (variants.length < 2) return 'An experiment needs at least two variants (the first is the control)'
  if (new Set(variants.map((v) => v.key)).size !== variants.length) return 'Variant keys must be distinct'
  if (variants.some((v) => !(v.weight > 0))) return 'Every variant needs a weight above 0'
  return null
}
