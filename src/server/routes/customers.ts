import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { getCustomer } from '../../analytics/get-customer.ts'
import { getCustomerTimeline } from '../../analytics/get-customer-timeline.ts'
import { getJourney } from '../../services/journeys.ts'
import { notFound } from '../../domain/errors.ts'
import { deleteCustomer } from '../../ingest/delete-customer.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { timelineEntrySchema } from '../analytics-schemas.ts'
import { wsParams } from '../schemas.ts'

const params = wsParams.extend({ id: z.string().min(1).max(200) })

export const customerRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['customers']
    app.get(
      '/api/workspaces/:ws/customers/:id',
      {
        preHandler: guards.workspace('read'),
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
              firstSeen: z.string().nullable(),
              lastSeen: z.string().nullable(),
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
        schema: {
          tags,
          summary: "One customer's timeline across channels, with feedback; `journey` labels events with their touchpoints",
          params,
          querystring: z.object({ journey: z.string().optional(), limit: z.coerce.number().int().min(1).max(10_000).default(1000) }),
          response: { 200: z.object({ customerId: z.string(), events: z.array(timelineEntrySchema) }) },
        },
      },
      async (req) => {
        const ws = workspaceOf(req)
        const doc = req.query.journey ? (await getJourney({ repos: deps.repos, workspaceId: ws.id }, req.query.journey)).document : undefined
        const timeline = await getCustomerTimeline(deps.events, ws.id, req.params.id, doc, req.query.limit)
        if (!timeline.length) throw notFound(`Customer "${req.params.id}"`)
        return { customerId: req.params.id, events: timeline }
      },
    )

    app.delete(
      '/api/workspaces/:ws/customers/:id',
      {
        // Erasure is irreversible: owners only.
        preHandler: guards.workspace('manage'),
        schema: {
          tags,
          summary: 'Erase a customer: every event, identity link, profile row and quarantined input under all their ids',
          params,
          response: {
            200: z.object({ ids: z.array(z.string()), events: z.number().int(), identities: z.number().int(), profiles: z.number().int(), quarantined: z.number().int() }),
          },
        },
      },
      async (req) => {
        await deps.ingest.drain() // nothing of theirs may land after the delete
        return deleteCustomer(deps.events, workspaceOf(req).id, req.params.id)
      },
    )
  }
