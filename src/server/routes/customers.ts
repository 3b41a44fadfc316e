import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { getCustomer } from '../../analytics/get-customer.ts'
import { customerIds } from '../../analytics/identity-resolution.ts'
import { getCustomerValueTier } from '../../analytics/get-customer-value-tier.ts'
import { VALUE_TIERS } from '../../analytics/scope-names.ts'
import { getCustomerTimeline } from '../../analytics/get-customer-timeline.ts'
import { CUSTOMER_SORTS, searchCustomers } from '../../analytics/search-customers.ts'
import { getJourney } from '../../services/journeys.ts'
import { AppError, notFound } from '../../domain/errors.ts'
import { FILTER_LIMITS } from './analytics.ts'
import { eraseCustomerLogged } from '../../services/erasure.ts'
import { actorOf, workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { timelineEntrySchema } from '../analytics-schemas.ts'
import { wsParams } from '../schemas.ts'

const params = wsParams.extend({ id: z.string().min(1).max(200) })
const engineTime = z.string().describe('UTC as "YYYY-MM-DD hh:mm:ss.sss"')

const searchQuery = z
  .object({
    q: z.string().max(200).optional().describe("Part of the customer's id (or of an anonymous id stitched to it), case-insensitive; ids starting with it first"),
    event: z.string().max(200).optional().describe('Only customers who had this event'),
    channel: z.string().max(50).optional().describe('Only customers who had an event on this channel (with `event`: that event there)'),
    sort: z.enum(CUSTOMER_SORTS).default('recent').describe('recent: last seen first; value: most revenue first; events: most events first'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .catchall(z.string().max(200).describe('trait.<name>=v1,v2: the latest trait value is one of these (case-insensitive)'))

const customerMatchSchema = z.object({
  customer: z.string().describe('The customer id after identity stitching'),
  traits: z.record(z.string(), z.string()).describe('Latest value of each trait'),
  events: z.number().int(),
  channels: z.array(z.string()),
  firstSeen: engineTime.nullable().describe('Null for a customer known only by traits'),
  lastSeen: engineTime.nullable(),
  revenue: z.number(),
})

/** `trait.tier=gold,silver` query parameters as trait filters (as many as an analysis takes). */
function traitFilters(query: Record<string, unknown>): Record<string, string[]> {
  const named = Object.keys(query).filter((k) => k.startsWith('trait.') && k.length > 'trait.'.length)
  if (named.length > FILTER_LIMITS.filters) throw new AppError('validation_failed', `At most ${FILTER_LIMITS.filters} trait filters at once`, [{ path: 'querystring', message: `${named.length} filters` }])
  return Object.fromEntries(
    Object.entries(query)
      .filter(([k]) => named.includes(k))
      .map(([k, v]) => [k.slice('trait.'.length), String(v).split(',').map((x) => x.trim()).filter(Boolean)]),
  )
}

export const customerRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['customers']
    app.get(
      '/api/workspaces/:ws/customers',
      {
        preHandler: guards.workspace('read'),
        config: { limit: 'analytics' },
        schema: {
          tags,
          summary: 'Find customers by id, latest traits (trait.<name>=value) or what they did, with their traits, events, channels, first/last seen and revenue',
          params: wsParams,
          querystring: searchQuery,
          response: { 200: z.object({ total: z.number().int().describe('Customers matching (the page stops at the limit)'), customers: z.array(customerMatchSchema) }) },
        },
      },
      async (req) => {
        const { q, event, channel, sort, limit, offset } = req.query
        return searchCustomers(deps.events, workspaceOf(req).id, { q, event, channel, sort, limit, offset, traits: traitFilters(req.query) })
      },
    )

    app.get(
      '/api/workspaces/:ws/customers/:id',
      {
        preHandler: guards.workspace('read'),
        config: { limit: 'analytics' },
        schema: {
          tags,
          summary: 'One customer across all ids and channels: traits, counts, first and last seen',
          params,
          response: {
            200: z.object({
              customerId: z.string(),
              ids: z.array(z.string()),
              traits: z.record(z.string(), z.string()),
              events: z.number().int(),
              feedback: z.number().int(),
              revenue: z.number().describe('Revenue of all their events'),
              channels: z.array(z.string()),
              firstSeen: engineTime.nullable(),
              lastSeen: engineTime.nullable(),
            }),
          },
        },
      },
      async (req) => {
        const customer = await getCustomer(deps.events, workspaceOf(req).id, req.params.id)
        if (!customer) throw notFound(`Customer "${req.params.id}"`)
        return customer
      },
    )

    app.get(
      '/api/workspaces/:ws/customers/:id/timeline',
      {
        preHandler: guards.workspace('read'),
        config: { limit: 'analytics' },
        schema: {
          tags,
          summary: "One customer's timeline across channels, with feedback; `journey` labels events with their touchpoints and gives the customer's value tier on it",
          params,
          querystring: z.object({ journey: z.string().optional(), limit: z.coerce.number().int().min(1).max(10_000).default(1000) }),
          response: {
            200: z.object({
              customerId: z.string(),
              events: z.array(timelineEntrySchema),
              valueTier: z
                .enum(VALUE_TIERS)
                .nullable()
                .describe("With `journey`: the customer's value tier there, as its red points' segments count it (paying customers by revenue on the journey: high above the 80th percentile, low below the 20th); null without revenue or journey"),
            }),
          },
        },
      },
      async (req) => {
        const ws = workspaceOf(req)
        const doc = req.query.journey ? (await getJourney({ repos: deps.repos, workspaceId: ws.id }, req.query.journey)).document : undefined
        const [timeline, valueTier] = await Promise.all([
          getCustomerTimeline(deps.events, ws.id, req.params.id, doc, req.query.limit),
          doc ? customerIds(deps.events, ws.id, req.params.id).then((ids) => getCustomerValueTier(deps.events, ws.id, doc, ids)) : null,
        ])
        if (!timeline.length) throw notFound(`Customer "${req.params.id}"`)
        return { customerId: req.params.id, events: timeline, valueTier }
      },
    )

    app.delete(
      '/api/workspaces/:ws/customers/:id',
      {
        // Erasure is irreversible: owners only.
        preHandler: guards.workspace('manage'),
        schema: {
          tags,
          summary: "Erase a customer (owners): their events, identity links, traits and quarantined inputs under every id the identity rule gives them, physically, and nobody else's; logged in the audit log",
          params,
          response: {
            200: z.object({
              customerId: z.string().describe('The customer the id resolved to'),
              ids: z.array(z.string()),
              events: z.number().int(),
              identities: z.number().int(),
              profiles: z.number().int().describe('Trait rows'),
              quarantined: z.number().int(),
            }),
          },
        },
      },
      async (req) => eraseCustomerLogged(deps, workspaceOf(req).id, req.params.id, actorOf(req)),
    )
  }
