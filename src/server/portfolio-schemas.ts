import { z } from 'zod'
import { CATEGORIES, OPPORTUNITY_STATUSES, PROMISE_FITS, SOLUTION_STATUSES } from '../domain/portfolio/opportunity.ts'
import type { SolutionRecord } from '../storage/metadata/solution-repository.ts'
import type { OpportunityView } from '../services/portfolio.ts'

const iso = z.string().describe('ISO 8601')
const segment = z.object({ trait: z.string(), value: z.string() })
const filterSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  channel: z.array(z.string()).optional(),
  valueTiers: z.array(z.string()).optional(),
  traits: z.record(z.string(), z.array(z.string())).optional(),
  properties: z.record(z.string(), z.array(z.string())).optional(),
})

export const stepLinkSchema = z.object({ journeyId: z.string().min(1), step: z.string().min(1) })

const givenSources = [
  z.object({ kind: z.literal('insight'), journeyId: z.string(), insight: z.number().int().min(0).describe("Index in the journey's insights") }),
  z.object({ kind: z.literal('driver'), journeyId: z.string(), outcome: z.string(), factor: z.string() }),
  z.object({ kind: z.literal('manual') }),
] as const
/** Where an opportunity came from, as given when creating one (red points have their own route). */
export const givenSourceSchema = z.discriminatedUnion('kind', givenSources)
export const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('red_point'), journeyId: z.string(), step: z.string(), segment: segment.nullable(), metrics: z.array(z.string()), filter: filterSchema }),
  ...givenSources,
])

/** The editable fields of an opportunity (all optional: a red point, insight or driver fills in what is left out). */
export const opportunityFields = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  problem: z.string().max(10_000).optional(),
  category: z.enum(CATEGORIES).optional().describe('must_have, strategic or star'),
  ownerId: z.string().nullable().optional().describe('A member of the workspace'),
  steps: z.array(stepLinkSchema).max(100).optional(),
  confidence: z.number().min(0).max(1).optional().describe('0–1 (default 0.5)'),
  effort: z.number().positive().max(10_000).optional().describe('Person-weeks (default 1)'),
  promiseFit: z.enum(PROMISE_FITS).optional().describe("How well it keeps the stage's brand promise (default none)"),
  valueAtRisk: z.number().min(0).optional().describe('By hand; a red point’s is read live'),
  customersAffected: z.number().int().min(0).optional(),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
})

export const solutionSchema = z.object({
  id: z.string(),
  opportunityId: z.string(),
  title: z.string(),
  status: z.enum(SOLUTION_STATUSES),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  position: z.number().int(),
  createdAt: iso,
})
export const toSolution = (s: SolutionRecord) => ({ ...s, createdAt: s.createdAt.toISOString() })

export const solutionInput = z.object({
  title: z.string().trim().min(1).max(300),
  status: z.enum(SOLUTION_STATUSES).default('idea'),
  startDate: z.iso.date().nullable().default(null),
  dueDate: z.iso.date().nullable().default(null),
})

export const opportunitySchema = z.object({
  id: z.string(),
  title: z.string(),
  problem: z.string(),
  category: z.enum(CATEGORIES),
  status: z.enum(OPPORTUNITY_STATUSES),
  owner: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  source: sourceSchema,
  steps: z.array(
    z.object({ journeyId: z.string(), journeyName: z.string(), step: z.string(), stepName: z.string(), stage: z.string(), stageName: z.string(), promise: z.string().nullable() }),
  ),
  confidence: z.number(),
  effort: z.number(),
  promiseFit: z.enum(PROMISE_FITS),
  valueAtRisk: z.number().describe('Live for a red point: the analysis’s value at risk now, under the filter it was found with'),
  customersAffected: z.number(),
  redPointActive: z.boolean().nullable().describe('Red points only: whether the analysis still finds it'),
  score: z.number().describe('See the README: the scoring formula'),
  rank: z.number().int().nullable().describe('Position in the ranked list (null: done, or declined and not due again)'),
  pinnedRank: z.number().int().nullable(),
  declinedReason: z.string().nullable(),
  revisitAt: iso.nullable(),
  declinedValueAtRisk: z.number().nullable(),
  declinedCustomers: z.number().nullable(),
  resurfaced: z.enum(['revisit_due', 'red_point_worse']).nullable().describe('A declined item due again'),
  solutions: z.array(solutionSchema),
  evidence: z.object({
    cases: z.number().int().describe('Follow-up cases linked to it'),
    closedCases: z.number().int(),
    rootCauses: z.array(z.object({ rootCause: z.string(), cases: z.number().int() })).describe('What closed cases found, most frequent first'),
  }),
  createdAt: iso,
  updatedAt: iso,
})

export const toOpportunity = (o: OpportunityView) => ({
  ...o,
  revisitAt: o.revisitAt?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
  solutions: o.solutions.map(toSolution),
})

export const scoringSchema = z.object({
  value: z.number().min(0).max(100).describe('Weight of log10(1 + value at risk)'),
  reach: z.number().min(0).max(100).describe('Weight of log10(1 + customers affected)'),
  promise: z.number().min(0).max(100).describe('Multiplier per unit of promise fit (none 0, partial 0.5, full 1)'),
  effortExponent: z.number().min(0).max(5).describe('The score is divided by effort to this power'),
  category: z.object({ must_have: z.number().min(0).max(100), strategic: z.number().min(0).max(100), star: z.number().min(0).max(100) }),
  basicsFirst: z.boolean().describe('Must-haves and promise-keeping work before stars that keep no promise'),
})
