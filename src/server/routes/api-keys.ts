import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../domain/errors.ts'
import type { ApiKeyId } from '../../domain/ids.ts'
import { userOf, workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { apiKeySchema, toApiKey, wsParams } from '../schemas.ts'

export const apiKeyRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const { repos } = deps

    app.get(
      '/api/workspaces/:ws/keys',
      { schema: { tags: ['keys'], params: wsParams, response: { 200: z.array(apiKeySchema) } }, preHandler: guards.workspace('manage') },
      async (req) => (await repos.apiKeys.list(workspaceOf(req).id)).map(toApiKey),
    )

    app.post(
      '/api/workspaces/:ws/keys',
      {
        schema: {
          tags: ['keys'],
          summary: 'Create a write key (ingestion) or read key (viewer access for scripts); the secret is shown once',
          params: wsParams,
          body: z.object({ kind: z.enum(['write', 'read']), name: z.string().trim().min(1).max(200) }),
          response: { 201: apiKeySchema.extend({ secret: z.string() }) },
        },
        preHandler: guards.workspace('manage'),
      },
      async (req, reply) => {
        const { key, secret } = await repos.apiKeys.create({
          workspaceId: workspaceOf(req).id,
          kind: req.body.kind,
          name: req.body.name,
          createdBy: userOf(req).user.id,
        })
        return reply.code(201).send({ ...toApiKey(key), secret })
      },
    )

    app.delete(
      '/api/workspaces/:ws/keys/:keyId',
      { schema: { tags: ['keys'], summary: 'Revoke a key', params: wsParams.extend({ keyId: z.string() }), response: { 204: z.null() } }, preHandler: guards.workspace('manage') },
      async (req, reply) => {
        if (!(await repos.apiKeys.revoke(workspaceOf(req).id, req.params.keyId as ApiKeyId))) throw notFound('Key')
        return reply.code(204).send(null)
      },
    )
  }
