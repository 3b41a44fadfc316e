import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { getWorkspaceStats } from '../../analytics/get-workspace-stats.ts'
import { actorOf, userOf, workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { slugSchema, toWorkspace, workspaceSchema, workspaceWithRoleSchema, wsParams } from '../schemas.ts'

const statsSchema = z.object({
  events: z.number().int(),
  customers: z.number().int(),
  quarantined: z.number().int(),
  offPlan: z.number().int().describe('Stored events flagged as outside the strict tracking plan'),
  firstEventAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
})

export const workspaceRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const { repos } = deps

    app.get(
      '/api/workspaces',
      { schema: { tags: ['workspaces'], summary: 'Workspaces of the signed-in user', response: { 200: z.array(workspaceWithRoleSchema) } }, preHandler: guards.signedIn },
      async (req) => (await repos.workspaces.listForUser(userOf(req).user.id)).map((w) => ({ ...toWorkspace(w), role: w.role })),
    )

    app.post(
      '/api/workspaces',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'Create a workspace; the creator becomes its owner',
          body: z.object({ slug: slugSchema, name: z.string().trim().min(1).max(200) }),
          response: { 201: workspaceSchema },
        },
        preHandler: guards.signedIn,
      },
      async (req, reply) => {
        const { user } = userOf(req)
        const ws = await repos.workspaces.create(req.body)
        await repos.workspaces.setMember(ws.id, user.id, 'owner')
        await repos.audit.record({ ...actorOf(req), workspaceId: ws.id, action: 'workspace.created', target: ws.id, details: { slug: ws.slug } })
        return reply.code(201).send(toWorkspace(ws))
      },
    )

    app.get(
      '/api/workspaces/:ws',
      { schema: { tags: ['workspaces'], params: wsParams, response: { 200: workspaceSchema } }, preHandler: guards.workspace('read') },
      async (req) => toWorkspace(workspaceOf(req)),
    )

    app.patch(
      '/api/workspaces/:ws',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'Rename a workspace or make its tracking plan strict (owners)',
          params: wsParams,
          body: z.object({ name: z.string().trim().min(1).max(200).optional(), strictTrackingPlan: z.boolean().optional() }),
          response: { 200: workspaceSchema },
        },
        preHandler: guards.workspace('manage'),
      },
      async (req) => {
        const ws = await repos.workspaces.update(workspaceOf(req).id, req.body)
        await repos.audit.record({ ...actorOf(req), workspaceId: ws!.id, action: 'workspace.updated', target: ws!.id, details: req.body })
        return toWorkspace(ws!)
      },
    )

    app.get(
      '/api/workspaces/:ws/stats',
      {
        schema: { tags: ['workspaces'], summary: 'Stored events, customers, quarantined inputs and events off a strict tracking plan', params: wsParams, response: { 200: statsSchema } },
        preHandler: guards.workspace('read'),
        config: { limit: 'analytics' },
      },
      async (req) => getWorkspaceStats(deps.events, workspaceOf(req).id),
    )
  }
