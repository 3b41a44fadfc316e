import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { notFound } from '../../domain/errors.ts'
import type { UserId } from '../../domain/ids.ts'
import { analyzeStoredExperiment, assignmentOf, createExperiment, plannedSample, updateExperiment } from '../../services/experiments.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { analysisResponseSchema, experimentFields, experimentSchema, toExperiment } from '../experiment-schemas.ts'
import { patchBody, wsParams } from '../schemas.ts'

const idParams = wsParams.extend({ id: z.string() })
const tags = ['experiments']
const finite = (x: number) => (Number.isFinite(x) ? x : null)
const finiteCi = <T extends { comparisons: Array<{ ci: [number, number] }> }>(m: T) => ({ ...m, comparisons: m.comparisons.map((c) => ({ ...c, ci: [finite(c.ci[0]), finite(c.ci[1])] as [number | null, number | null] })) })

/** Pilots: experiments on a step, their assignment and their analysis. */
export const experimentRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const ctx = (req: FastifyRequest) => ({ repos: deps.repos, workspaceId: workspaceOf(req).id, userId: (req.caller?.kind === 'user' ? req.caller.user.id : null) as UserId | null })
    const read = guards.workspace('read')
    const write = guards.workspace('write')
    const load = async (req: FastifyRequest, id: string) => {
      const e = await deps.repos.experiments.get(workspaceOf(req).id, id)
      if (!e) throw notFound('Experiment')
      return e
    }

    app.get(
      '/api/workspaces/:ws/experiments',
      { preHandler: read, schema: { tags, params: wsParams, response: { 200: z.array(experimentSchema) } } },
      async (req) => (await deps.repos.experiments.list(workspaceOf(req).id)).map(toExperiment),
    )

    app.get(
      '/api/workspaces/:ws/experiments/power',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'Customers per variant a plan needs (two-proportion z-test from the baseline rate, or means from the standard deviation)',
          params: wsParams,
          querystring: z.object({
            metric: z.enum(['conversion', 'feedback']).default('conversion'),
            alpha: z.coerce.number().gt(0).lt(0.5).default(0.05),
            power: z.coerce.number().gt(0.5).lt(1).default(0.8),
            mde: z.coerce.number().positive(),
            baseline: z.coerce.number().positive(),
          }),
          response: { 200: z.object({ plannedPerVariant: z.number().int() }) },
        },
      },
      async (req) => ({ plannedPerVariant: plannedSample(req.query) }),
    )

    app.post(
      '/api/workspaces/:ws/experiments',
      { preHandler: write, schema: { tags, summary: 'Plan a pilot on a step; the planned sample comes from the power calculation', params: wsParams, body: experimentFields, response: { 201: experimentSchema } } },
      async (req, reply) => reply.code(201).send(toExperiment(await createExperiment(ctx(req), req.body))),
    )

    app.get('/api/workspaces/:ws/experiments/:id', { preHandler: read, schema: { tags, params: idParams, response: { 200: experimentSchema } } }, async (req) => toExperiment(await load(req, req.params.id)))

    app.patch(
      '/api/workspaces/:ws/experiments/:id',
      { preHandler: write, schema: { tags, summary: 'Change the plan, or start (status running) and stop it', params: idParams, body: patchBody(experimentFields), response: { 200: experimentSchema } } },
      async (req) => toExperiment(await updateExperiment(ctx(req), req.params.id, req.body)),
    )

    app.delete(
      '/api/workspaces/:ws/experiments/:id',
      { preHandler: write, schema: { tags, params: idParams, response: { 204: z.null() } } },
      async (req, reply) => {
        if (!(await deps.repos.experiments.remove(workspaceOf(req).id, req.params.id))) throw notFound('Experiment')
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/workspaces/:ws/experiments/:id/assignment',
      {
        preHandler: read,
        schema: {
          tags,
          summary: "A customer's variant: a stable hash of experiment and customer over the weights (the same answer every time), with the exposure event to send through the collector",
          params: idParams,
          querystring: z.object({ customer: z.string().min(1).max(500) }),
          response: {
            200: z.object({
              experimentId: z.string(),
              customer: z.string(),
              variant: z.string(),
              variantName: z.string(),
              running: z.boolean(),
              exposure: z.object({ event: z.string(), properties: z.record(z.string(), z.string()) }).describe('track() this when the customer sees the variant'),
            }),
          },
        },
      },
      async (req) => assignmentOf(await load(req, req.params.id), req.query.customer),
    )

    app.get(
      '/api/workspaces/:ws/experiments/:id/analysis',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'Per variant counts and rates or means, the difference with its interval and p-value (fixed or always-valid), SRM, guardrails and the verdict in plain words',
          params: idParams,
          response: { 200: analysisResponseSchema },
        },
      },
      async (req) => {
        const a = await analyzeStoredExperiment(deps, workspaceOf(req).id, req.params.id)
        return { ...a, experiment: toExperiment(a.experiment), primary: finiteCi(a.primary), guardrails: a.guardrails.map(finiteCi) }
      },
    )
  }
