import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { apiEventBatchSchema, toEventRow } from '../../ingest/api-events.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'

export const eventRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/workspaces/:ws/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Store events (write key, or an editor session); answers once they are stored',
          params: wsParams,
          body: apiEventBatchSchema,
          response: { 200: z.object({ stored: z.number().int() }) },
        },
        preHandler: guards.workspace('ingest'),
      },
      async (req) => {
        const receivedAt = new Date()
        const rows = req.body.events.map((e) => toEventRow(workspaceOf(req).id, e, receivedAt))
        await deps.events.insert('events', rows)
        return { stored: rows.length }
      },
    )
  }
