import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AppError, notFound } from '../../domain/errors.ts'
import type { UserId, WorkspaceId } from '../../domain/ids.ts'
import { actorOf, userOf, workspaceOf, type AccessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { roleSchema, wsParams } from '../schemas.ts'

const memberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: roleSchema })
const memberParams = wsParams.extend({ userId: z.string() })

/** Members and their roles. People join only by accepting an invitation (routes/invitations.ts). */
export const memberRoutes =
  (deps: AppDeps, guards: AccessGuards): FastifyPluginAsyncZod =>
  async (app) => {
    const { repos } = deps

    app.get(
      '/api/workspaces/:ws/members',
      { schema: { tags: ['members'], params: wsParams, response: { 200: z.array(memberSchema) } }, preHandler: guards.workspace('read') },
      async (req) => repos.workspaces.members(workspaceOf(req).id),
    )

    app.put(
      '/api/workspaces/:ws/members/:userId',
      {
        schema: { tags: ['members'], summary: "Change a member's role (owners only)", params: memberParams, body: z.object({ role: roleSchema }), response: { 200: memberSchema } },
        preHandler: guards.workspace('manage'),
      },
      async (req) => {
        const ws = workspaceOf(req)
        const userId = req.params.userId as UserId
        const member = (await repos.workspaces.members(ws.id)).find((m) => m.userId === userId)
        if (!member) throw notFound('Member')
        if (member.role === 'owner' && req.body.role !== 'owner') await assertAnotherOwner(ws.id, userId)
        await repos.workspaces.setMember(ws.id, userId, req.body.role)
        await repos.audit.record({ ...actorOf(req), workspaceId: ws.id, action: 'member.role_changed', target: userId, details: { email: member.email, from: member.role, to: req.body.role } })
        return { ...member, role: req.body.role }
      },
    )

    app.delete(
      '/api/workspaces/:ws/members/:userId',
      { schema: { tags: ['members'], params: memberParams, response: { 204: z.null() } }, preHandler: guards.workspace('manage') },
      async (req, reply) => {
        const ws = workspaceOf(req)
        const userId = req.params.userId as UserId
        await assertAnotherOwner(ws.id, userId)
        if (!(await repos.workspaces.removeMember(ws.id, userId))) throw notFound('Member')
        await repos.audit.record({ ...actorOf(req), workspaceId: ws.id, action: 'member.removed', target: userId, details: { self: userId === userOf(req).user.id } })
        return reply.code(204).send(null)
      },
    )

    /** A workspace must never be left without an owner. */
    async function assertAnotherOwner(workspaceId: WorkspaceId, leaving: UserId) {
      const owners = (await repos.workspaces.members(workspaceId)).filter((m) => m.role === 'owner')
      if (owners.length === 1 && owners[0]!.userId === leaving) throw new AppError('conflict', 'A workspace needs at least one owner')
    }
  }
