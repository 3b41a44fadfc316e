import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { KEY_KINDS } from '../../domain/access.ts'
import { notFound } from '../../domain/errors.ts'
import type { ApiKeyId } from '../../domain/ids.ts'
import { actorOf, userOf, workspaceOf, type AccessGuards } from '../access.ts'
import { addressProblem } from '../authenticate.ts'
import type { AppDeps } from '../deps.ts'
import { apiKeySchema, toApiKey, wsParams } from '../schemas.ts'

const DAY = 24 * 3600_000

const createKey = z
  .object({
    kind: z.enum(KEY_KINDS),
    name: z.string().trim().min(1).max(200),
    expiresInDays: z.number().int().min(1).max(3650).optional().describe('Refused after this many days; default: no expiry'),
    allowedIps: z
      .array(z.string().trim().superRefine((v, ctx) => void (addressProblem(v) && ctx.addIssue({ code: 'custom', message: addressProblem(v)! }))))
      .max(50)
      .default([])
      .describe('Read and import keys: the addresses or CIDR ranges they work from (e.g. 10.0.0.0/8); empty: anywhere'),
  })
  .refine((b) => b.kind !== 'write' || b.allowedIps.length === 0, { message: 'write keys are used by browsers everywhere: an address list is for read and import keys', path: ['allowedIps'] })

export const apiKeyRoutes =
  (deps: AppDeps, guards: AccessGuards): FastifyPluginAsyncZod =>
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
          summary: 'Create a write key (ingestion, safe in web pages), read key (viewer access for scripts) or import key (events and files, server-side); the secret is shown once',
          params: wsParams,
          body: createKey,
          response: { 201: apiKeySchema.extend({ secret: z.string() }) },
        },
        preHandler: guards.workspace('manage'),
      },
      async (req, reply) => {
        const ws = workspaceOf(req)
        const { kind, name, expiresInDays, allowedIps } = req.body
        const { key, secret } = await repos.apiKeys.create({
          workspaceId: ws.id,
          kind,
          name,
          createdBy: userOf(req).user.id,
          expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * DAY) : null,
          allowedIps,
        })
        await repos.audit.record({ ...actorOf(req), workspaceId: ws.id, action: 'key.created', target: key.id, details: { kind, name, prefix: key.prefix, expiresAt: key.expiresAt, allowedIps } })
        return reply.code(201).send({ ...toApiKey(key), secret })
      },
    )

    app.delete(
      '/api/workspaces/:ws/keys/:keyId',
      { schema: { tags: ['keys'], summary: 'Revoke a key', params: wsParams.extend({ keyId: z.string() }), response: { 204: z.null() } }, preHandler: guards.workspace('manage') },
      async (req, reply) => {
        const ws = workspaceOf(req)
        const id = req.params.keyId as ApiKeyId
        if (!(await repos.apiKeys.revoke(ws.id, id))) throw notFound('Key')
        const key = await repos.apiKeys.get(ws.id, id)
        await repos.audit.record({ ...actorOf(req), workspaceId: ws.id, action: 'key.revoked', target: id, details: { kind: key?.kind, name: key?.name, prefix: key?.prefix } })
        return reply.code(204).send(null)
      },
    )
  }
