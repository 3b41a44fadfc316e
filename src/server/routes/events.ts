import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { listOffPlanEvents } from '../../analytics/list-off-plan-events.ts'
import { AppError } from '../../domain/errors.ts'
import type { WorkspaceId } from '../../domain/ids.ts'
import { apiEventBatchSchema, apiEventToMessage, feedbackSchema, feedbackToMessage } from '../../ingest/api-events.ts'
import { ingestMessages } from '../../ingest/segment/ingest-messages.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'

const quarantineEntry = z.object({
  id: z.string(),
  receivedAt: z.string(),
  source: z.string(),
  reason: z.string(),
  line: z.number().nullable(),
  payload: z.string(),
})

export const eventRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const store = async (workspaceId: WorkspaceId, messages: unknown[]) => {
      const inPlan = await deps.repos.trackingPlans.strictCheck(workspaceId)
      const outcome = ingestMessages(messages, { workspaceId, receivedAt: new Date(), source: 'api', inPlan })
      await deps.spool.accept(outcome.rows)
      return outcome
    }

    app.post(
      '/api/workspaces/:ws/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Store events (write key, or an editor session); answers once they are stored',
          params: wsParams,
          body: apiEventBatchSchema,
          response: {
            200: z.object({
              stored: z.number().int(),
              quarantined: z.number().int(),
              offPlan: z.number().int().describe('Of the stored events, those no journey maps (only counted when the tracking plan is strict)'),
            }),
          },
        },
        preHandler: guards.workspace('ingest'),
      },
      async (req) => {
        const { stored, quarantined, offPlan } = await store(workspaceOf(req).id, req.body.events.map(apiEventToMessage))
        return { stored, quarantined, offPlan: offPlan.length }
      },
    )

    app.post(
      '/api/workspaces/:ws/feedback',
      {
        schema: {
          tags: ['events'],
          summary: 'Store one feedback answer (NPS 0–10, CSAT 1–5, CES 1–7, rating 1–5) as a Survey Answered event',
          params: wsParams,
          body: feedbackSchema,
          response: { 200: z.object({ stored: z.number().int() }) },
        },
        preHandler: guards.workspace('ingest'),
      },
      async (req) => {
        const outcome = await store(workspaceOf(req).id, [feedbackToMessage(req.body)])
        if (outcome.quarantined) throw new AppError('validation_failed', `${outcome.errors[0]!.reason} (kept in quarantine)`, [{ path: 'body.score', message: outcome.errors[0]!.reason }])
        return { stored: outcome.stored }
      },
    )

    app.get(
      '/api/workspaces/:ws/off-plan-events',
      {
        schema: {
          tags: ['events'],
          summary: 'Events stored while the tracking plan was strict that no journey maps, by name and channel, most frequent first',
          params: wsParams,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
          response: {
            200: z.array(z.object({ event: z.string(), channel: z.string(), events: z.number().int(), customers: z.number().int(), lastSeenAt: z.string() })),
          },
        },
        preHandler: guards.workspace('read'),
      },
      async (req) => listOffPlanEvents(deps.events, workspaceOf(req).id, req.query.limit),
    )

    app.get(
      '/api/workspaces/:ws/quarantine',
      {
        schema: {
          tags: ['events'],
          summary: 'Rejected inputs with their reason, newest first',
          params: wsParams,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) }),
          response: { 200: z.object({ total: z.number().int(), items: z.array(quarantineEntry) }) },
        },
        preHandler: guards.workspace('read'),
      },
      async (req) => {
        const ws = workspaceOf(req).id
        const [items, [count]] = await Promise.all([
          deps.events.query<{ id: string; received_at: string; source: string; reason: string; line: number | null; payload: string }>(
            'SELECT id, received_at, source, reason, line, payload FROM quarantine WHERE workspace_id = {ws:String} ORDER BY received_at DESC, id LIMIT {limit:UInt32} OFFSET {offset:UInt32}',
            { ws, limit: req.query.limit, offset: req.query.offset },
          ),
          deps.events.query<{ n: string }>('SELECT count() AS n FROM quarantine WHERE workspace_id = {ws:String}', { ws }),
        ])
        return {
          total: Number(count?.n ?? 0),
          items: items.map((q) => ({ id: q.id, receivedAt: q.received_at, source: q.source, reason: q.reason, line: q.line === null ? null : Number(q.line), payload: q.payload })),
        }
      },
    )
  }
