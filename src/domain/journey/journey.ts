import type { FeedbackKind } from '../feedback.ts'

/**
 * The journey map as a document: what a CX team draws, in the `waymark.journey/v1`
 * file format. Stored as one versioned document; unknown fields are kept.
 */
export const JOURNEY_FORMAT = 'waymark.journey/v1'

export const BUILTIN_CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social', 'mail', 'other'] as const
export const INSIGHT_SOURCES = ['interview', 'service_safari', 'survey', 'analytics', 'competitor'] as const
export const JOURNEY_KINDS = ['current', 'future'] as const
/** How far the map is: drawn, backed by research, or measured in production. */
export const JOURNEY_STATUSES = ['draft', 'researched', 'live'] as const

/** What a desired outcome can be bound to, measured per customer from their path (see src/analytics/get-outcome-shares.ts). */
export const OUTCOME_MEASURE_KINDS = ['reach', 'avoid', 'within', 'score'] as const

export const EMOTION_MIN = -2
export const EMOTION_MAX = 2

type Extra = { [unknownField: string]: unknown }

export type Scalar = string | number | boolean

/** Which events are this touchpoint. Several rules on a step are OR-ed. */
export type MatchRule = {
  event: string | string[]
  channel?: string
  where?: Record<string, Scalar | Scalar[]>
} & Extra

export type Persona = {
  name: string
  description?: string
  /** Job-to-be-done: "When …, I want to …, so I can …". */
  job?: string
  /** Desired outcomes: measurable phrases. */
  outcomes?: string[]
  goals?: string[]
  frustrations?: string[]
  valueTier?: string
} & Extra

export type Step = {
  key: string
  name: string
  channel?: string
  /** Frontstage: what the customer sees and does. */
  description?: string
  /** Designed emotion, -2 (very negative) … +2 (very positive). */
  emotion?: number
  thoughts?: string
  pains?: string[]
  /** Internal processes and systems behind the touchpoint. */
  backstage?: string
  owner?: string
  momentOfTruth?: boolean
  match?: MatchRule[]
} & Extra

export type Stage = {
  key: string
  name: string
  /** The customer's goal at this stage. */
  goal?: string
  motivations?: string[]
  questions?: string[]
  fears?: string[]
  /** The brand promise this stage must keep. */
  promise?: string
  steps: Step[]
} & Extra

export type Insight = {
  source: (typeof INSIGHT_SOURCES)[number]
  text: string
  quote?: string
  link?: string
  author?: string
  date?: string
  steps?: string[]
  stages?: string[]
} & Extra

/**
 * How a desired outcome is measured, per customer of the journey:
 * reach a step; never reach one (e.g. no call to support); reach `to` within
 * `hours` of first reaching `from` ("online within 3 days of ordering"); or
 * answer at least `min` on the `scoreKind` scale about a touchpoint.
 */
export type OutcomeMeasure =
  | { kind: 'reach'; step: string }
  | { kind: 'avoid'; step: string }
  | { kind: 'within'; from: string; to: string; hours: number }
  | { kind: 'score'; step: string; scoreKind: FeedbackKind; min: number }

/** A desired outcome of the customer's job, as a measurable phrase, optionally bound to a measure. */
export type DesiredOutcome = { text: string; measure?: OutcomeMeasure } & Extra

export type JourneyDocument = {
  format: typeof JOURNEY_FORMAT
  name: string
  kind?: (typeof JOURNEY_KINDS)[number]
  status?: (typeof JOURNEY_STATUSES)[number]
  description?: string
  persona?: Persona
  /** The goal step (a step key) or event that means success. */
  goal?: string
  /** Channels beyond the built-in ones that this journey uses. */
  channels?: string[]
  stages: Stage[]
  insights?: Insight[]
  /**
   * The desired outcomes this journey is measured against. Kept with the journey (and versioned with it),
   * not with the persona: their measures name this journey's steps.
   */
  outcomes?: DesiredOutcome[]
  /** The map's rows the team chose to show (lane ids, see the web UI's lane registry); absent: the default rows. */
  lanes?: string[]
} & Extra

/** A step with no rule matches events whose name equals its key. */
export function matchRulesOf(step: Step): MatchRule[] {
  return step.match?.length ? step.match : [{ event: step.key }]
}

export function allSteps(doc: JourneyDocument): Array<{ stage: Stage; step: Step }> {
  return doc.stages.flatMap((stage) => stage.steps.map((step) => ({ stage, step })))
}

/** The journey's goal step: its key when it names one of the journey's steps, otherwise none. */
export function goalStep(doc: JourneyDocument): string | undefined {
  return doc.goal && allSteps(doc).some(({ step }) => step.key === doc.goal) ? doc.goal : undefined
}
