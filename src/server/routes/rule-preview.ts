import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { previewRules, type RulePreview } from '../../analytics/preview-rules.ts'
import { matchRuleSchema } from '../../domain/journey/journey-schema.ts'
import type { MatchRule } from '../../domain/journey/journey.ts'
import { getJourney } from '../../services/journeys.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import { admitAnalyses } from '../admitted-analyses.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'
import { filterFrom, filterQuery } from './analytics.ts'

const count = z.number().int()

export const rulePreviewSchema = z.object({
  events: count.describe('Events the rules match in the period (those an earlier step of the journey maps first left out)'),
  customers: count.describe('Customers with any of them, as the touchpoint KPIs count them'),
  samples: z
    .array(z.object({ ts: z.string(), customer: z.string(), event: z.string(), channel: z.string(), properties: z.record(z.string(), z.string()) }))
    .describe('The latest matching events, at most 5'),
  suggestions: z
    .array(z.object({ event: z.string(), channel: z.string(), events: count }))
    .describe("Events no step maps that look like the rules (same name prefix or channel), most frequent first, at most 8"),
}) satisfies z.ZodType<RulePreview>

/** What a step's mapping rules would match, before they are saved: a read, so POST only to carry the rules. */
export const rulePreviewRoutes =
  (deps: AppDeps & Required<Pick<AppDeps, 'admission'>>, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    admitAnalyses(app, deps.admission)
    app.post(
      '/api/workspaces/:ws/journeys/:id/rule-preview',
      {
        preHandler: guards.workspace('read'),
        config: { limit: 'analytics' },
        schema: {
          tags: ['analytics'],
          summary: "Preview mapping rules: the events and customers they match in the period, the latest events, and similar unmapped events",
          params: wsParams.extend({ id: z.string() }),
          querystring: filterQuery,
          body: z.object({
            rules: z.array(matchRuleSchema).max(50),
            step: z.string().min(1).optional().describe('The step the rules are for: steps before it in the journey win its events first'),
          }),
          response: { 200: rulePreviewSchema },
        },
      },
      async (req) => {
        const ws = workspaceOf(req)
        const { document } = await getJourney({ repos: deps.repos, workspaceId: ws.id }, req.params.id)
        const { rules, step } = req.body as { rules: MatchRule[]; step?: string }
        return previewRules(deps.events, ws.id, document, rules, filterFrom(req.query), step)
      },
    )
  }
