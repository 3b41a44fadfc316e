import { z } from 'zod'
import { FEEDBACK_KINDS } from '../feedback.ts'
import { EMOTION_MAX, EMOTION_MIN, INSIGHT_SOURCES, JOURNEY_FORMAT, JOURNEY_KINDS, JOURNEY_STATUSES } from './journey.ts'

/**
 * The `waymark.journey/v1` file format as a zod schema. Objects are loose:
 * unknown fields are kept, so files written by newer tools survive a round trip.
 * Cross-references (duplicate keys, unknown channels and steps) are checked
 * afterwards by validateJourney, which reports every problem with its path.
 */
const text = (max = 2000) => z.string().trim().min(1).max(max)
const key = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'must be 1–100 letters, digits, "_", "-" or "." (e.g. "visit_site")')
const list = z.array(text()).max(100)
const scalar = z.union([z.string(), z.number(), z.boolean()])

export const matchRuleSchema = z.looseObject({
  event: z.union([text(200), z.array(text(200)).min(1).max(100)]),
  channel: text(50).optional(),
  where: z.record(z.string().min(1).max(200), z.union([scalar, z.array(scalar).min(1).max(100)])).optional(),
})

export const personaSchema = z.looseObject({
  name: text(200),
  description: text(5000).optional(),
  job: text().optional(),
  outcomes: list.optional(),
  goals: list.optional(),
  frustrations: list.optional(),
  valueTier: text(50).optional(),
})

export const stepSchema = z.looseObject({
  key,
  name: text(200),
  channel: text(50).optional(),
  description: text(5000).optional(),
  emotion: z.number().int('must be a whole number').min(EMOTION_MIN).max(EMOTION_MAX).optional(),
  thoughts: text(5000).optional(),
  pains: list.optional(),
  backstage: text(5000).optional(),
  owner: text(200).optional(),
  momentOfTruth: z.boolean().optional(),
  match: z.array(matchRuleSchema).max(50).optional(),
})

export const stageSchema = z.looseObject({
  key,
  name: text(200),
  goal: text().optional(),
  motivations: list.optional(),
  questions: list.optional(),
  fears: list.optional(),
  promise: text().optional(),
  steps: z.array(stepSchema).max(500),
})

export const insightSchema = z.looseObject({
  source: z.enum(INSIGHT_SOURCES),
  text: text(10_000),
  quote: text(10_000).optional(),
  link: z.url().optional(),
  author: text(200).optional(),
  date: z.iso.date().optional(),
  steps: z.array(key).max(500).optional(),
  stages: z.array(key).max(100).optional(),
})

export const outcomeMeasureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reach'), step: key }).describe('Met when the customer reaches the step'),
  z.object({ kind: z.literal('avoid'), step: key }).describe('Met when the customer never reaches the step (e.g. no call to support)'),
  z
    .object({ kind: z.literal('within'), from: key, to: key, hours: z.number().positive().max(24 * 3650) })
    .describe('Of the customers who reach `from`: met when they reach `to` within `hours` of first reaching `from`'),
  z
    .object({ kind: z.literal('score'), step: key, scoreKind: z.enum(FEEDBACK_KINDS), min: z.number() })
    .describe('Of the customers who answered `scoreKind` feedback about the step: met when their latest answer is at least `min`'),
])

export const desiredOutcomeSchema = z.looseObject({
  text: text(),
  measure: outcomeMeasureSchema.optional(),
})

const laneId = z.string().regex(/^[a-z][a-z0-9_-]{0,49}$/, 'must be a lane id: lower-case letters, digits, "_" or "-"')

export const journeyDocumentSchema = z.looseObject({
  format: z.literal(JOURNEY_FORMAT),
  name: text(200),
  kind: z.enum(JOURNEY_KINDS).optional(),
  status: z.enum(JOURNEY_STATUSES).optional(),
  description: text(10_000).optional(),
  persona: personaSchema.optional(),
  goal: text(200).optional(),
  channels: z.array(text(50)).max(50).optional(),
  stages: z.array(stageSchema).max(100),
  insights: z.array(insightSchema).max(5000).optional(),
  outcomes: z.array(desiredOutcomeSchema).max(100).optional(),
  lanes: z.array(laneId).max(50).optional(),
})
