import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../domain/errors.ts'
import type { PersonaRecord } from '../../storage/metadata/persona-repository.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'

const line = z.string().trim().min(1).max(2000)
const personaInput = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  goals: z.array(line).max(100).default([]),
  frustrations: z.array(line).max(100).default([]),
  valueTier: z.string().trim().min(1).max(50).nullable().default(null),
  jobs: z
    .array(
      z.object({
        statement: line.describe('When …, I want to …, so I can …'),
        outcomes: z.array(line).max(100).default([]).describe('Desired outcomes, as measurable phrases'),
      }),
    )
    .max(50)
    .default([]),
})
const personaSchema = personaInput.extend({ id: z.string(), updatedAt: z.string() })
const personaParams = wsParams.extend({ id: z.string() })

const toPersona = (p: PersonaRecord) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  goals: p.goals,
  frustrations: p.frustrations,
  valueTier: p.valueTier,
  jobs: p.jobs,
  updatedAt: p.updatedAt.toISOString(),
})

export const personaRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const { personas } = deps.repos
    const tags = ['personas']

    app.get(
      '/api/workspaces/:ws/personas',
      { preHandler: guards.workspace('read'), schema: { tags, params: wsParams, response: { 200: z.array(personaSchema) } } },
      async (req) => (await personas.list(workspaceOf(req).id)).map(toPersona),
    )

    app.post(
      '/api/workspaces/:ws/personas',
      { preHandler: guards.workspace('write'), schema: { tags, params: wsParams, body: personaInput, response: { 201: personaSchema } } },
      async (req, reply) => reply.code(201).send(toPersona(await personas.create(workspaceOf(req).id, req.body))),
    )

    app.get(
      '/api/workspaces/:ws/personas/:id',
      { preHandler: guards.workspace('read'), schema: { tags, params: personaParams, response: { 200: personaSchema } } },
      async (req) => {
        const p = await personas.get(workspaceOf(req).id, req.params.id)
        if (!p) throw notFound('Persona')
        return toPersona(p)
      },
    )

    app.put(
      '/api/workspaces/:ws/personas/:id',
      { preHandler: guards.workspace('write'), schema: { tags, params: personaParams, body: personaInput, response: { 200: personaSchema } } },
      async (req) => {
        const p = await personas.update(workspaceOf(req).id, req.params.id, req.body)
        if (!p) throw notFound('Persona')
        return toPersona(p)
      },
    )

    app.delete(
      '/api/workspaces/:ws/personas/:id',
      { preHandler: guards.workspace('write'), schema: { tags, params: personaParams, response: { 204: z.null() } } },
      async (req, reply) => {
        if (!(await personas.remove(workspaceOf(req).id, req.params.id))) throw notFound('Persona')
        return reply.code(204).send(null)
      },
    )
  }
