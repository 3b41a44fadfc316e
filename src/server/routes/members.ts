import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AppError, notFound } from '../../domain/errors.ts'
import type { UserId } from '../../domain/ids.ts'
import { userOf, workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { roleSchema, wsParams } from '../schemas.ts'

const memberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: roleSchema })

export const memberRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const { repos } = deps

    app.get(
      '/api/workspaces/:ws/members',
      { schema: { tags: ['members'], params: wsParams, response: { 200: z.array(memberSchema) } }, preHandler: guards.workspace('read') },
      async (req) => repos.workspaces.members(workspaceOf(req).id),
    )

    app.put(
      '/api/workspaces/:ws/members',
      {
        schema: {
          tags: ['members'],
          summary: 'Add an existing user to the workspace, or change their role (owners only)',
          params: wsParams,
          body: z.object({ email: z.email(), role: roleSchema }),
          response: { 200: memberSchema },
        },
        preHandler: guards.workspace('manage'),
      },
      async (req) => {
        const ws = workspaceOf(req)
        const user = await repos.users.findByEmail(req.body.email)
        if (!user) throw new AppError('not_found', `No user with email ${req.body.email}; create it with \`waymark user create\``)
        if (user.id === userOf(req).user.id && req.body.role !== 'owner') await assertAnotherOwner(ws.id, user.id)
        await repos.workspaces.setMember(ws.id, user.id, req.body.role)
        return { userId: user.id, email: user.email, name: user.name, role: req.body.role }
      },
    )

    app.delete(
      '/api/workspaces/:ws/members/:userId',
      {
        schema: { tags: ['members'], params: wsParams.extend({ userId: z.string() }), response: { 204: z.null() } },
        preHandler: guards.workspace('manage'),
      },
      async (req, reply) => {
        const ws = workspaceOf(req)
        const userId = req.params.userId as UserId
        await assertAnotherOwner(ws.id, userId)
        if (!(await repos.workspaces.removeMember(ws.id, userId))) throw notFound('Member')
        return reply.code(204).send(null)
      },
    )

    /** A workspace must never be left without an owner. */
    async function assertAnotherOwner(workspaceId: Parameters<typeof repos.workspaces.members>[0], leaving: UserId) {
      const owners = (await repos.workspaces.members(workspaceId)).filter((m) => m.role === 'owner')
      if (owners.length === 1 && owners[0]!.userId === leaving) throw new AppError('conflict', 'A workspace needs at least one owner')
    }
  }
