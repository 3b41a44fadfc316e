import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { analysisScope, previousPeriod, type AnalysisFilter } from '../../analytics/analysis-scope.ts'
import { getDrivers } from '../../analytics/get-drivers.ts'
import { getFlow } from '../../analytics/get-flow.ts'
import { getFunnel } from '../../analytics/get-funnel.ts'
import { parseFunnelBreakdown, type FunnelOptions } from '../../analytics/funnel-progress.ts'
import { listFunnelCustomers } from '../../analytics/list-funnel-customers.ts'
import { getSankey } from '../../analytics/get-sankey.ts'
import { getCustomerValue } from '../../analytics/get-customer-value.ts'
import { getTouchpointKpis } from '../../analytics/get-touchpoint-kpis.ts'
import { withTrends } from '../../analytics/touchpoint-trends.ts'
import { DRILL_METRICS, listCustomers } from '../../analytics/list-customers.ts'
import { SEGMENT_RULES, VALUE_TIERS, workspaceDimensions } from '../../analytics/scope-names.ts'
import { getJourney } from '../../services/journeys.ts'
import { AppError } from '../../domain/errors.ts'
import { matchRulesOf, type JourneyDocument } from '../../domain/journey/journey.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import { admitAnalyses } from '../admitted-analyses.ts'
import type { AppDeps } from '../deps.ts'
import { periodQuery, wsParams } from '../schemas.ts'
import {
  analysisSchema,
  customerListSchema,
  customerValueSchema,
  driverSchema,
  flowSchema,
  funnelCustomersSchema,
  funnelSchema,
  sankeySchema,
  touchpointReportSchema,
} from '../analytics-schemas.ts'

const params = wsParams.extend({ id: z.string() })
/** Caps on filters, so that no request builds an unbounded query. */
export const FILTER_LIMITS = { values: 100, filters: 20, funnelSteps: 20 } as const
const list = (v: unknown) => String(v).split(',').map((x) => x.trim()).filter(Boolean)
const filterValues = z.string().max(4000).refine((v) => list(v).length <= FILTER_LIMITS.values, `at most ${FILTER_LIMITS.values} values`)

export const filterQuery = periodQuery
  .extend({
    channel: filterValues.optional().describe('Comma-separated channels, e.g. web,app'),
    valueTiers: z
      .string()
      .regex(/^(high|mid|low)(,(high|mid|low))*$/, 'comma-separated value tiers: high, mid, low')
      .optional()
      .describe('Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th)'),
  })
  .catchall(filterValues.describe(`trait.<name>=v1,v2 filters on customer traits; prop.<name>=v1,v2 on event properties (at most ${FILTER_LIMITS.filters} of them, ${FILTER_LIMITS.values} values each)`))

/** Period, channel, value tier, trait (`trait.tier=gold`) and event-property (`prop.plan=fibre`) filters from the query string. */
export function filterFrom(query: Record<string, unknown>): AnalysisFilter {
  const named = Object.keys(query).filter((k) => k.startsWith('trait.') || k.startsWith('prop.'))
  if (named.length > FILTER_LIMITS.filters) {
    throw new AppError('validation_failed', `At most ${FILTER_LIMITS.filters} trait and property filters at once`, [{ path: 'querystring', message: `${named.length} filters` }])
  }
  const prefixed = (prefix: string) =>
    Object.fromEntries(Object.entries(query).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), list(v)]))
  return {
    from: query.from as Date | undefined,
    to: query.to as Date | undefined,
    channel: query.channel ? list(query.channel) : undefined,
    valueTiers: query.valueTiers ? list(query.valueTiers) : undefined,
    traits: prefixed('trait.'),
    properties: prefixed('prop.'),
  }
}

const funnelList = (what: string) =>
  z
    .string()
    .max(4000)
    .refine((v) => list(v).length <= FILTER_LIMITS.funnelSteps, `at most ${FILTER_LIMITS.funnelSteps} ${what}`)
    .optional()
const funnelQuery = filterQuery.extend({
  steps: funnelList('steps').describe(`Comma-separated step keys in funnel order (at most ${FILTER_LIMITS.funnelSteps})`),
  stages: funnelList('stages').describe(`Comma-separated stage keys: each stage counts as reached at its first step (at most ${FILTER_LIMITS.funnelSteps})`),
  window: z.coerce.number().positive().max(24 * 3650).default(24 * 30).describe('Conversion window in hours'),
  order: z.enum(['ordered', 'strict', 'any']).default('ordered'),
  breakdown: z
    .string()
    .regex(/^(channel|valueTier|trait:.+)$/)
    .optional()
    .describe("channel (of the first funnel step), valueTier (paying customers by revenue: high above the 80th percentile, low below the 20th) or trait:<name> (the customer's latest value)"),
})
type FunnelQuery = { steps?: string; stages?: string; window: number; order: FunnelOptions['order']; breakdown?: string }

/** The journey a funnel runs on and its options: steps as they are, or stages (each event named by its stage). */
function funnelRequest(doc: JourneyDocument, q: FunnelQuery): { doc: JourneyDocument; opts: FunnelOptions } {
  const common = { windowHours: q.window, order: q.order, breakdown: parseFunnelBreakdown(q.breakdown) }
  if (q.stages) {
    const stageDoc = { ...doc, stages: doc.stages.map((s) => ({ ...s, steps: [{ key: s.key, name: s.name, match: s.steps.flatMap(matchRulesOf) }] })) }
    return { doc: stageDoc, opts: { steps: list(q.stages), ...common } }
  }
  if (!q.steps) throw new AppError('validation_failed', 'Give the funnel as steps=a,b,c or stages=x,y', [{ path: 'querystring.steps', message: 'required' }])
  return { doc, opts: { steps: list(q.steps), ...common } }
}

/**
 * Journey analytics: everything runs in the event engine; these routes only
 * resolve the journey, parse filters and return the results.
 */
export const analyticsRoutes =
  (deps: AppDeps & Required<Pick<AppDeps, 'analyses' | 'admission'>>, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    admitAnalyses(app, deps.admission)
    const tags = ['analytics']
    const read = { preHandler: guards.workspace('read'), config: { limit: 'analytics' as const } }
    const load = async (req: FastifyRequest) => {
      const ws = workspaceOf(req)
      const journey = await getJourney({ repos: deps.repos, workspaceId: ws.id }, (req.params as { id: string }).id)
      return { ws, journey, doc: journey.document, filter: filterFrom(req.query as Record<string, unknown>) }
    }

    app.get(
      '/api/workspaces/:ws/dimensions',
      {
        ...read,
        schema: {
          tags,
          summary: 'What analyses can be filtered and broken down by: the channels seen, and the customer traits with few values (segments)',
          params: wsParams,
          response: {
            200: z.object({
              channels: z.array(z.string()),
              traits: z.array(z.object({ trait: z.string(), values: z.array(z.string()) })).describe(`Traits with 2–${SEGMENT_RULES.maxValues} values`),
            }),
          },
        },
      },
      async (req) => workspaceDimensions(deps.events, workspaceOf(req).id),
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/analysis',
      { ...read, config: { admission: 'cached' }, schema: { tags, summary: 'The full analysis (same contract as `waymark analyze --format json`)', params, querystring: filterQuery, response: { 200: analysisSchema } } },
      async (req) => {
        const { ws, journey, filter } = await load(req)
        const { report: _report, previousReport: _previous, ...analysis } = await deps.analyses(ws.id, journey, filter)
        return analysis
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/map',
      {
        ...read,
        config: { admission: 'cached' },
        schema: {
          tags,
          summary: 'Everything the journey map shows in one answer: the full analysis and the touchpoint KPIs with their trends (cached until data arrives)',
          params,
          querystring: filterQuery,
          response: { 200: z.object({ analysis: analysisSchema, touchpoints: touchpointReportSchema }) },
        },
      },
      async (req) => {
        const { ws, journey, filter } = await load(req)
        const { report, previousReport, ...analysis } = await deps.analyses(ws.id, journey, filter)
        return { analysis, touchpoints: withTrends(report, previousReport, filter) }
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/touchpoints',
      {
        ...read,
        schema: {
          tags,
          summary: 'Touchpoint KPIs and the measured emotion curve beside the designed one',
          params,
          querystring: filterQuery,
          response: { 200: touchpointReportSchema },
        },
      },
      async (req) => {
        const { ws, doc, filter } = await load(req)
        const before = previousPeriod(filter)
        const [report, previous] = await Promise.all([
          getTouchpointKpis(deps.events, analysisScope(ws.id, doc, filter), doc),
          before ? getTouchpointKpis(deps.events, analysisScope(ws.id, doc, before), doc) : undefined,
        ])
        return withTrends(report, previous, filter)
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/flow',
      {
        ...read,
        schema: {
          tags,
          summary: 'Directly-follows graph, start/end counts and variants, by journey step or by raw event name',
          params,
          querystring: filterQuery.extend({ by: z.enum(['step', 'event']).default('step'), variants: z.coerce.number().int().min(1).max(100_000).default(100) }),
          response: { 200: flowSchema },
        },
      },
      async (req) => {
        const { ws, doc, filter } = await load(req)
        const q = req.query as { by: 'step' | 'event'; variants: number }
        return getFlow(deps.events, analysisScope(ws.id, q.by === 'step' ? doc : undefined, filter), { variantLimit: q.variants })
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/sankey',
      {
        ...read,
        schema: {
          tags,
          summary: 'Paths from or to a step, N steps deep, rare steps grouped as "other" (nodes and links for a Sankey diagram)',
          params,
          querystring: filterQuery.extend({
            step: z.string().min(1),
            direction: z.enum(['from', 'to']).default('from'),
            depth: z.coerce.number().int().min(1).max(10).default(3),
            minShare: z.coerce.number().min(0).max(1).default(0.01),
            by: z.enum(['step', 'event']).default('step'),
          }),
          response: { 200: sankeySchema },
        },
      },
      async (req) => {
        const { ws, doc, filter } = await load(req)
        const q = req.query as { step: string; direction: 'from' | 'to'; depth: number; minShare: number; by: 'step' | 'event' }
        return getSankey(deps.events, analysisScope(ws.id, q.by === 'step' ? doc : undefined, filter), q)
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/customers',
      {
        ...read,
        schema: {
          tags,
          summary: 'The customers behind a touchpoint figure (reached, repeated, contactRepeated, exited, converted, lowFeedback), most valuable first',
          params,
          querystring: filterQuery.extend({
            step: z.string().min(1),
            metric: z.enum(DRILL_METRICS).default('reached'),
            limit: z.coerce.number().int().min(1).max(10_000).default(100),
            valueTier: z.enum(VALUE_TIERS).optional().describe('Only paying customers of this value tier (a red point\'s segment "value tier")'),
          }),
          response: { 200: customerListSchema },
        },
      },
      async (req) => {
        const { ws, doc, filter } = await load(req)
        const q = req.query as { step: string; metric: (typeof DRILL_METRICS)[number]; limit: number; valueTier?: (typeof VALUE_TIERS)[number] }
        return listCustomers(deps.events, analysisScope(ws.id, doc, filter), doc, q.step, q.metric, q.limit, { valueTier: q.valueTier })
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/funnel',
      {
        ...read,
        schema: {
          tags,
          summary: 'Funnel over steps (or stages): conversion per step, median time to convert, breakdown by channel, trait or value tier, what drop-outs did next',
          params,
          querystring: funnelQuery,
          response: { 200: funnelSchema },
        },
      },
      async (req) => {
        const { ws, doc, filter } = await load(req)
        const funnel = funnelRequest(doc, req.query as FunnelQuery)
        return getFunnel(deps.events, analysisScope(ws.id, funnel.doc, filter), funnel.opts)
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/funnel/customers',
      {
        ...read,
        schema: {
          tags,
          summary: "The customers behind a funnel figure: who reached step `at`, or dropped out after it (optionally: who did `next` next), in a breakdown group; most valuable first",
          params,
          querystring: funnelQuery.extend({
            at: z.coerce.number().int().min(1).describe('Funnel step, 1-based'),
            outcome: z.enum(['reached', 'dropped']).default('reached').describe('reached: got to step `at` (or further); dropped: stopped after it'),
            next: z.string().optional().describe('Drop-outs only: those whose next step was this one, or "(left)" for those who did nothing more'),
            group: z.string().optional().describe("A breakdown group (needs breakdown); '' for the customers without one"),
            limit: z.coerce.number().int().min(1).max(10_000).default(100),
          }),
          response: { 200: funnelCustomersSchema },
        },
      },
      async (req) => {
        const { ws, doc, filter } = await load(req)
        const q = req.query as FunnelQuery & { at: number; outcome: 'reached' | 'dropped'; next?: string; group?: string; limit: number }
        const funnel = funnelRequest(doc, q)
        return listFunnelCustomers(deps.events, analysisScope(ws.id, funnel.doc, filter), funnel.opts, { at: q.at, outcome: q.outcome, next: q.next, group: q.group, limit: q.limit })
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/customer-value',
      {
        ...read,
        schema: {
          tags,
          summary: 'Customer value: revenue, RFM tiers and a simple 24-month CLV estimate, with the most valuable customers',
          params,
          querystring: filterQuery.extend({ top: z.coerce.number().int().min(1).max(1000).default(20) }),
          response: { 200: customerValueSchema },
        },
      },
      async (req) => {
        const { ws, doc, filter } = await load(req)
        return getCustomerValue(deps.events, analysisScope(ws.id, doc, filter), (req.query as { top: number }).top)
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/drivers',
      {
        ...read,
        schema: {
          tags,
          summary: 'Factors (steps, repeats, channels, segments, slow waits) that predict not reaching the goal, being an NPS detractor or a low score at a touchpoint',
          params,
          querystring: filterQuery,
          response: { 200: z.array(driverSchema) },
        },
      },
      async (req) => {
        const { ws, doc, filter } = await load(req)
        return getDrivers(deps.events, analysisScope(ws.id, doc, filter), doc)
      },
    )
  }
