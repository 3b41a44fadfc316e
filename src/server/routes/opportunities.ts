import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { notFound } from '../../domain/errors.ts'
import type { UserId } from '../../domain/ids.ts'
import {
  createFromRedPoint,
  createOpportunity,
  declineOpportunity,
  getOpportunityView,
  listPortfolio,
  pinOpportunity,
  roadmapOf,
  updateOpportunity,
} from '../../services/portfolio.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { opportunityFields, opportunitySchema, scoringSchema, solutionInput, solutionSchema, givenSourceSchema, toOpportunity, toSolution } from '../portfolio-schemas.ts'
import { patchBody, wsParams } from '../schemas.ts'
import { filterFrom, filterQuery } from './analytics.ts'

const idParams = wsParams.extend({ id: z.string() })
const tags = ['portfolio']

/** The portfolio: opportunities (from red points, insights, drivers or by hand), their solutions, the ranking and its weights. */
export const opportunityRoutes =
  (deps: AppDeps & Required<Pick<AppDeps, 'analyses'>>, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const ctx = (req: FastifyRequest) => ({
      repos: deps.repos,
      analyses: deps.analyses,
      workspaceId: workspaceOf(req).id,
      userId: (req.caller?.kind === 'user' ? req.caller.user.id : null) as UserId | null,
    })
    const read = guards.workspace('read')
    const write = guards.workspace('write')
    const view = async (req: FastifyRequest, id: string) => toOpportunity(await getOpportunityView(ctx(req), id))

    app.get(
      '/api/workspaces/:ws/opportunities',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'The portfolio: ranked opportunities first (by the scoring formula; pins first), then done and declined ones; `q` searches titles, problems and decline reasons',
          params: wsParams,
          querystring: z.object({ q: z.string().max(200).optional() }),
          response: { 200: z.object({ scoring: scoringSchema, opportunities: z.array(opportunitySchema) }) },
        },
      },
      async (req) => {
        const p = await listPortfolio(ctx(req), { q: req.query.q })
        return { scoring: p.scoring, opportunities: p.opportunities.map(toOpportunity) }
      },
    )

    app.post(
      '/api/workspaces/:ws/opportunities',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Create an opportunity by hand, or from a research insight or a driver (which fill in the title, problem and steps when left out)',
          params: wsParams,
          body: opportunityFields.extend({ source: givenSourceSchema.default({ kind: 'manual' }) }),
          response: { 201: opportunitySchema },
        },
      },
      async (req, reply) => {
        const { source, ...fields } = req.body
        const created = await createOpportunity(ctx(req), source, fields)
        return reply.code(201).send(await view(req, created.id))
      },
    )

    app.post(
      '/api/workspaces/:ws/opportunities/from-red-point',
      {
        preHandler: write,
        schema: {
          tags,
          summary: "One click on a red point: an opportunity with its reasons, segment, customers affected and live value at risk (the filter is the analysis's: from, to, channel, trait.*, …)",
          params: wsParams,
          querystring: filterQuery,
          body: opportunityFields.extend({
            journeyId: z.string().min(1),
            step: z.string().min(1),
            segment: z.object({ trait: z.string(), value: z.string() }).nullable().default(null),
          }),
          response: { 201: opportunitySchema },
        },
      },
      async (req, reply) => {
        const created = await createFromRedPoint(ctx(req), { ...req.body, filter: filterFrom(req.query as Record<string, unknown>) })
        return reply.code(201).send(await view(req, created.id))
      },
    )

    app.get(
      '/api/workspaces/:ws/opportunities/:id',
      { preHandler: read, schema: { tags, params: idParams, response: { 200: opportunitySchema } } },
      async (req) => view(req, req.params.id),
    )

    app.patch(
      '/api/workspaces/:ws/opportunities/:id',
      { preHandler: write, schema: { tags, summary: 'Change fields or the status (declining needs …/decline)', params: idParams, body: opportunityFields, response: { 200: opportunitySchema } } },
      async (req) => {
        await updateOpportunity(ctx(req), req.params.id, req.body)
        return view(req, req.params.id)
      },
    )

    app.post(
      '/api/workspaces/:ws/opportunities/:id/decline',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Decline with a reason and an optional revisit date; it stays searchable and comes back when its red point gets worse or the date comes',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(1).max(5000), revisitAt: z.coerce.date().nullable().default(null) }),
          response: { 200: opportunitySchema },
        },
      },
      async (req) => {
        await declineOpportunity(ctx(req), req.params.id, req.body)
        return view(req, req.params.id)
      },
    )

    app.put(
      '/api/workspaces/:ws/opportunities/:id/pin',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Pin at a position among the pinned items (1 = top), or unpin with null',
          params: idParams,
          body: z.object({ position: z.number().int().min(1).nullable() }),
          response: { 200: opportunitySchema },
        },
      },
      async (req) => {
        await pinOpportunity(ctx(req), req.params.id, req.body.position)
        return view(req, req.params.id)
      },
    )

    app.delete(
      '/api/workspaces/:ws/opportunities/:id',
      { preHandler: write, schema: { tags, params: idParams, response: { 204: z.null() } } },
      async (req, reply) => {
        if (!(await deps.repos.opportunities.remove(workspaceOf(req).id, req.params.id))) throw notFound('Opportunity')
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/workspaces/:ws/opportunities/:id/solutions',
      { preHandler: write, schema: { tags, summary: 'A solution or project under the opportunity', params: idParams, body: solutionInput, response: { 201: solutionSchema } } },
      async (req, reply) => {
        const o = await deps.repos.opportunities.get(workspaceOf(req).id, req.params.id)
        if (!o) throw notFound('Opportunity')
        return reply.code(201).send(toSolution(await deps.repos.solutions.create(o.workspaceId, o.id, req.body)))
      },
    )

    app.patch(
      '/api/workspaces/:ws/solutions/:id',
      {
        preHandler: write,
        schema: { tags, params: idParams, body: patchBody(solutionInput).extend({ position: z.number().int().min(0).optional() }), response: { 200: solutionSchema } },
      },
      async (req) => {
        const s = await deps.repos.solutions.update(workspaceOf(req).id, req.params.id, req.body)
        if (!s) throw notFound('Solution')
        return toSolution(s)
      },
    )

    app.delete(
      '/api/workspaces/:ws/solutions/:id',
      { preHandler: write, schema: { tags, params: idParams, response: { 204: z.null() } } },
      async (req, reply) => {
        if (!(await deps.repos.solutions.remove(workspaceOf(req).id, req.params.id))) throw notFound('Solution')
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/workspaces/:ws/roadmap',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'Solutions still to do, in the order of their opportunities’ ranks',
          params: wsParams,
          response: { 200: z.array(solutionSchema.extend({ opportunityTitle: z.string(), opportunityRank: z.number().int() })) },
        },
      },
      async (req) => roadmapOf((await listPortfolio(ctx(req))).opportunities).map((s) => ({ ...toSolution(s), opportunityTitle: s.opportunityTitle, opportunityRank: s.opportunityRank })),
    )

    app.get(
      '/api/workspaces/:ws/portfolio/scoring',
      { preHandler: read, schema: { tags, summary: 'The scoring weights in force (the documented default unless changed)', params: wsParams, response: { 200: scoringSchema } } },
      async (req) => deps.repos.portfolioSettings.scoring(workspaceOf(req).id),
    )

    app.put(
      '/api/workspaces/:ws/portfolio/scoring',
      { preHandler: write, schema: { tags, summary: 'Change the scoring weights', params: wsParams, body: scoringSchema, response: { 200: scoringSchema } } },
      async (req) => deps.repos.portfolioSettings.setScoring(workspaceOf(req).id, req.body),
    )

    app.delete(
      '/api/workspaces/:ws/portfolio/scoring',
      { preHandler: write, schema: { tags, summary: 'Back to the default weights', params: wsParams, response: { 200: scoringSchema } } },
      async (req) => deps.repos.portfolioSettings.resetScoring(workspaceOf(req).id),
    )
  }
