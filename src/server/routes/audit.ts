import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AUDIT_ACTIONS } from '../../storage/metadata/audit-repository.ts'
import { workspaceOf, type AccessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'

const entrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string().describe('An email, key:<prefix>, cli or anonymous'),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string().describe('The id acted on (a key, member, invitation or customer), if any'),
  details: z.record(z.string(), z.unknown()),
  ip: z.string(),
})

export const auditRoutes =
  (deps: AppDeps, guards: AccessGuards): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/workspaces/:ws/audit',
      {
        preHandler: guards.workspace('manage'),
        schema: {
          tags: ['members'],
          summary: "The workspace's security log (owners): its keys, members, invitations, settings and erasures, and its members' sign-ins and password changes; newest first",
          params: wsParams,
          querystring: z.object({
            action: z.enum(AUDIT_ACTIONS).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ total: z.number().int(), entries: z.array(entrySchema) }) },
        },
      },
      async (req) => {
        const { total, entries } = await deps.repos.audit.list(workspaceOf(req).id, req.query)
        return { total, entries: entries.map((e) => ({ id: e.id, at: e.createdAt.toISOString(), actor: e.actor, action: e.action, target: e.target, details: e.details, ip: e.ip })) }
      },
    )
  }
