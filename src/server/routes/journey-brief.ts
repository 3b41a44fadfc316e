import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ChannelUsage } from '../../analytics/get-channel-usage.ts'
import type { OutcomeShare } from '../../analytics/get-outcome-shares.ts'
import { outcomeMeasureSchema } from '../../domain/journey/journey-schema.ts'
import { analysisScope } from '../../analytics/analysis-scope.ts'
import { listOutcomeCustomers, OUTCOME_GROUPS, type OutcomeGroup } from '../../analytics/list-outcome-customers.ts'
import { AppError } from '../../domain/errors.ts'
import { desiredOutcomesOf } from '../../domain/journey/desired-outcomes.ts'
import { journeyBrief, type JourneyBrief } from '../../services/journey-brief.ts'
import { getJourney } from '../../services/journeys.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import { admitAnalyses } from '../admitted-analyses.ts'
import { customerListSchema, driverSchema, redPointSchema } from '../analytics-schemas.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'
import { filterFrom, filterQuery } from './analytics.ts'

const count = z.number().int()
const outcomeShareSchema = z.object({
  eligible: count.describe('Customers the outcome applies to (all, or those who reached the start step, or answered the feedback), pending ones left out'),
  met: count.describe('Of those, the customers for whom it is met'),
  pending: count.describe("Customers whose time limit had not run out when the data ends and who have not met it yet (counted in neither)"),
  share: z.number().nullable().describe('met / eligible, 0..1; null when it applies to nobody'),
}) satisfies z.ZodType<OutcomeShare>

export const journeyBriefSchema = z.object({
  customers: count.describe("The journey's customers in the scope"),
  previousPeriod: z.object({ from: z.string(), to: z.string() }).nullable().describe('The period trends compare with (null without both from and to)'),
  outcomes: z
    .array(
      z.object({
        text: z.string(),
        measure: outcomeMeasureSchema.nullable().describe('null: not bound to a measure yet'),
        now: outcomeShareSchema.nullable(),
        before: outcomeShareSchema.nullable().describe('The same in the previous period'),
        trend: z.number().nullable().describe('Share now − share then, in share points (0.05 = +5 points)'),
      }),
    )
    .describe("The journey's desired outcomes, then its persona's it has not taken up"),
  channels: z
    .array(z.object({ channel: z.string(), customers: count, share: z.number().describe('Of the journey\'s customers, 0..1') }) satisfies z.ZodType<ChannelUsage>)
    .describe('Channels the customers used at journey steps, most used first'),
  touchpoints: z.array(z.object({ stage: z.string(), step: z.string(), customers: count, reach: z.number() })).describe('Steps by reach, highest first'),
  redPoints: z.array(redPointSchema).describe('From the cached map analysis, ranked by value at risk'),
  drivers: z.array(driverSchema).describe('The strongest drivers of failure (largest lift), at most 5'),
}) satisfies z.ZodType<JourneyBrief>

/** The journey's brief: the five questions, answered from measured data. */
export const journeyBriefRoutes =
  (deps: AppDeps & Required<Pick<AppDeps, 'analyses' | 'admission'>>, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    admitAnalyses(app, deps.admission)
    app.get(
      '/api/workspaces/:ws/journeys/:id/brief',
      {
        preHandler: guards.workspace('read'),
        // Admitted in parts (see journeyBrief): the map's analysis in its cache, the brief's own measures after it.
        config: { admission: 'cached' },
        schema: {
          tags: ['analytics'],
          summary: "The journey's brief: desired outcomes with the share of customers for whom each is met and its trend, channels and touchpoints used, red points and drivers",
          params: wsParams.extend({ id: z.string() }),
          querystring: filterQuery,
          response: { 200: journeyBriefSchema },
        },
      },
      async (req) => {
        const ws = workspaceOf(req)
        const journey = await getJourney({ repos: deps.repos, workspaceId: ws.id }, req.params.id)
        return journeyBrief(deps, ws.id, journey, filterFrom(req.query))
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/brief/customers',
      {
        preHandler: guards.workspace('read'),
        schema: {
          tags: ['analytics'],
          summary: "The customers behind a desired outcome's share on the brief: for whom it is met, not met, or still within its time limit; most valuable first",
          params: wsParams.extend({ id: z.string() }),
          querystring: filterQuery.extend({
            outcome: z.string().min(1).describe("The desired outcome's text, as the brief lists it"),
            which: z.enum(OUTCOME_GROUPS).default('met'),
            limit: z.coerce.number().int().min(1).max(10_000).default(100),
          }),
          response: { 200: customerListSchema },
        },
      },
      async (req) => {
        const ws = workspaceOf(req)
        const journey = await getJourney({ repos: deps.repos, workspaceId: ws.id }, req.params.id)
        const q = req.query as { outcome: string; which: OutcomeGroup; limit: number }
        const measure = desiredOutcomesOf(journey.document).find((o) => o.text === q.outcome)?.measure
        if (!measure) throw new AppError('validation_failed', `The journey has no desired outcome "${q.outcome}" bound to a measure`, [{ path: 'querystring.outcome', message: 'no such bound outcome' }])
        const filter = filterFrom(req.query)
        return listOutcomeCustomers(deps.events, analysisScope(ws.id, journey.document, filter), measure, q.which, q.limit, filter.to)
      },
    )
  }
