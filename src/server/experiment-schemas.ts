import { z } from 'zod'
import { EXPERIMENT_MODES, EXPERIMENT_STATUSES } from '../domain/experiments/experiment.ts'
import type { ExperimentRecord } from '../storage/metadata/experiment-repository.ts'

export const metricSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('conversion'), step: z.string().min(1).describe('Target step key'), windowHours: z.number().positive().max(24 * 365).default(168) }),
  z.object({
    kind: z.literal('feedback'),
    touchpoint: z.string().min(1).describe('Step key the answers are about'),
    scoreKind: z.string().min(1).describe('nps, csat, ces or rating'),
    windowHours: z.number().positive().max(24 * 365).default(168),
  }),
])

export const experimentFields = z.object({
  journeyId: z.string().min(1),
  step: z.string().min(1).describe('The step the pilot changes'),
  name: z.string().trim().min(1).max(200),
  hypothesis: z.string().max(5000).default(''),
  variants: z
    .array(z.object({ key: z.string().trim().min(1).max(50), name: z.string().trim().min(1).max(100), weight: z.number().positive().max(1000) }))
    .min(2)
    .max(10)
    .describe('The first is the control'),
  primaryMetric: metricSchema,
  guardrails: z.array(metricSchema).max(5).default([]),
  mode: z.enum(EXPERIMENT_MODES).default('fixed').describe('fixed: one look at the planned sample; sequential: always-valid (mSPRT), look any day'),
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  power: z.number().gt(0.5).lt(1).default(0.8),
  mde: z.number().positive().describe('Minimum detectable effect, absolute (0.02 = 2 points of conversion, or score units)'),
  baseline: z.number().positive().describe("The control's expected conversion rate (0–1), or the score's standard deviation"),
  status: z.enum(EXPERIMENT_STATUSES).default('draft'),
  startAt: z.coerce.date().nullable().default(null),
  stopAt: z.coerce.date().nullable().default(null),
  opportunityId: z.string().nullable().default(null).describe('The opportunity this pilots'),
})

export const experimentSchema = experimentFields.extend({
  id: z.string(),
  plannedPerVariant: z.number().int().describe('From the power calculation'),
  startAt: z.string().nullable(),
  stopAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export const toExperiment = (e: ExperimentRecord) => ({
  id: e.id,
  journeyId: e.journeyId,
  step: e.step,
  name: e.name,
  hypothesis: e.hypothesis,
  variants: e.variants,
  primaryMetric: e.primaryMetric,
  guardrails: e.guardrails,
  mode: e.mode,
  alpha: e.alpha,
  power: e.power,
  mde: e.mde,
  baseline: e.baseline,
  plannedPerVariant: e.plannedPerVariant,
  status: e.status,
  startAt: e.startAt?.toISOString() ?? null,
  stopAt: e.stopAt?.toISOString() ?? null,
  opportunityId: e.opportunityId,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
})

const comparison = z.object({
  variant: z.string(),
  difference: z.number().describe('Treatment − control: points of conversion as a share, or score units'),
  ci: z.tuple([z.number(), z.number()]).describe('Two-sided 1−α interval (always-valid in sequential mode)'),
  p: z.number(),
  significant: z.boolean(),
})
const metricResult = z.object({
  metric: metricSchema,
  arms: z.array(z.object({ variant: z.string(), n: z.number().int(), value: z.number().nullable().describe('Rate or mean') })),
  comparisons: z.array(comparison),
  series: z.array(z.object({ day: z.string(), variant: z.string(), difference: z.number(), lo: z.number(), hi: z.number() })),
})
/** JSON has no infinity: an interval bound not yet finite is sent as null. */
const finite = z.number().nullable()

export const analysisResponseSchema = z.object({
  experiment: experimentSchema,
  mode: z.enum(EXPERIMENT_MODES),
  alpha: z.number().describe('Per comparison (α split over treatments when there are several)'),
  plannedPerVariant: z.number().int(),
  reachedPlan: z.boolean(),
  exposed: z.array(z.object({ variant: z.string(), customers: z.number().int() })),
  srm: z.object({ chi2: z.number(), p: z.number(), flagged: z.boolean(), expected: z.array(z.number()) }),
  primary: metricResult.extend({ comparisons: z.array(comparison.extend({ ci: z.tuple([finite, finite]) })) }),
  guardrails: z.array(metricResult.extend({ comparisons: z.array(comparison.extend({ ci: z.tuple([finite, finite]) })), breached: z.boolean() })),
  verdict: z.object({
    kind: z.enum(['collecting', 'srm', 'keep_running', 'winner', 'loser', 'no_difference', 'guardrail_breached']),
    variant: z.string().nullable(),
    text: z.string().describe('The verdict in plain words'),
  }),
})
