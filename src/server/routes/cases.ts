import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CASE_STATUSES, closeProblems, TRIGGER_KINDS } from '../../domain/cases/trigger.ts'
import { AppError, notFound } from '../../domain/errors.ts'
import type { UserId, WorkspaceId } from '../../domain/ids.ts'
import type { CaseRecord } from '../../storage/metadata/case-repository.ts'
import type { Repositories } from '../../storage/metadata/repositories.ts'
import type { TriggerRecord } from '../../storage/metadata/trigger-repository.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { patchBody, wsParams } from '../schemas.ts'

const idParams = wsParams.extend({ id: z.string() })
const conditionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal(TRIGGER_KINDS[0]),
    scoreKind: z.string().nullable().default(null).describe('Only answers of this kind (nps, csat, ces, rating); null: any'),
    maxScore: z.number().nullable().default(null).describe('The highest low score; null: NPS 6, CSAT/CES/rating 2'),
    minContacts: z.number().int().min(1).max(100).default(2),
    withinDays: z.number().int().min(1).max(365).default(7),
  }),
  z.object({
    kind: z.literal(TRIGGER_KINDS[1]),
    quietHours: z.number().positive().max(24 * 90).default(24).describe('No further journey event for this long makes an exit'),
    minRevenue: z.number().min(0).default(0).describe('High-value customers: revenue at least this'),
  }),
])
const triggerInput = z.object({
  journeyId: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  condition: conditionSchema,
  slaHours: z.number().positive().max(24 * 365).default(48).describe('A case is due this long after it opens'),
  ownerId: z.string().nullable().default(null).describe('Who owns the cases it opens'),
  webhookId: z.string().nullable().default(null).describe('Cases opened and escalated go there'),
  opportunityId: z.string().nullable().default(null).describe('Its cases are evidence for this opportunity'),
  enabled: z.boolean().default(true),
})
const triggerSchema = triggerInput.extend({ id: z.string(), createdAt: z.string() })
const toTrigger = (t: TriggerRecord) => ({
  id: t.id,
  journeyId: t.journeyId,
  name: t.name,
  condition: t.condition,
  slaHours: t.slaHours,
  ownerId: t.ownerId,
  webhookId: t.webhookId,
  opportunityId: t.opportunityId,
  enabled: t.enabled,
  createdAt: t.createdAt.toISOString(),
})

const caseSchema = z.object({
  id: z.string(),
  triggerId: z.string().nullable(),
  journeyId: z.string().nullable(),
  customerId: z.string().describe('Open their timeline: GET …/customers/:id/timeline'),
  eventId: z.string(),
  eventAt: z.string(),
  reason: z.string(),
  step: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  overdue: z.boolean(),
  ownerId: z.string().nullable(),
  openedAt: z.string(),
  dueAt: z.string(),
  escalatedAt: z.string().nullable(),
  rootCause: z.string().nullable(),
  outcome: z.string().nullable(),
  closedAt: z.string().nullable(),
  opportunityId: z.string().nullable(),
})
const iso = (d: Date | null) => d?.toISOString() ?? null
const toCase = (c: CaseRecord, now = new Date()) => ({
  ...c,
  workspaceId: undefined,
  overdue: c.status === 'open' && c.dueAt < now,
  eventAt: c.eventAt.toISOString(),
  openedAt: c.openedAt.toISOString(),
  dueAt: c.dueAt.toISOString(),
  escalatedAt: iso(c.escalatedAt),
  closedAt: iso(c.closedAt),
})

async function checkRefs(repos: Repositories, ws: WorkspaceId, r: { ownerId?: string | null; webhookId?: string | null; opportunityId?: string | null; journeyId?: string }) {
  if (r.ownerId && (await repos.workspaces.roleOf(ws, r.ownerId as UserId)) === null) throw new AppError('validation_failed', 'The owner must be a member of the workspace', [{ path: 'body.ownerId', message: 'not a member' }])
  if (r.webhookId && !(await repos.webhooks.get(ws, r.webhookId))) throw notFound('Webhook')
  if (r.opportunityId && !(await repos.opportunities.get(ws, r.opportunityId))) throw notFound('Opportunity')
  if (r.journeyId && !(await repos.journeys.get(ws, r.journeyId))) throw notFound('Journey')
}

/** Close the loop: triggers that open cases for one customer, and the cases themselves. */
export const caseRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const read = guards.workspace('read')
    const write = guards.workspace('write')
    const tags = ['cases']
    const { repos } = deps

    app.get('/api/workspaces/:ws/triggers', { preHandler: read, schema: { tags, params: wsParams, response: { 200: z.array(triggerSchema) } } }, async (req) => (await repos.triggers.list(workspaceOf(req).id)).map(toTrigger))
    app.post(
      '/api/workspaces/:ws/triggers',
      { preHandler: write, schema: { tags, summary: 'A trigger: it reads only events stored from now on', params: wsParams, body: triggerInput, response: { 201: triggerSchema } } },
      async (req, reply) => {
        const ws = workspaceOf(req).id
        await checkRefs(repos, ws, req.body)
        return reply.code(201).send(toTrigger(await repos.triggers.create(ws, { ...req.body, watermark: Date.now() * 1000 })))
      },
    )
    app.patch(
      '/api/workspaces/:ws/triggers/:id',
      { preHandler: write, schema: { tags, params: idParams, body: patchBody(triggerInput.omit({ journeyId: true })), response: { 200: triggerSchema } } },
      async (req) => {
        const ws = workspaceOf(req).id
        await checkRefs(repos, ws, req.body)
        const t = await repos.triggers.update(ws, req.params.id, req.body)
        if (!t) throw notFound('Trigger')
        return toTrigger(t)
      },
    )
    app.delete('/api/workspaces/:ws/triggers/:id', { preHandler: write, schema: { tags, params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
      if (!(await repos.triggers.remove(workspaceOf(req).id, req.params.id))) throw notFound('Trigger')
      return reply.code(204).send(null)
    })

    app.get(
      '/api/workspaces/:ws/cases',
      { preHandler: read, schema: { tags, summary: 'Cases, newest first', params: wsParams, querystring: z.object({ status: z.enum(CASE_STATUSES).optional() }), response: { 200: z.array(caseSchema) } } },
      async (req) => (await repos.cases.list(workspaceOf(req).id, req.query.status)).map((c) => toCase(c)),
    )
    app.get('/api/workspaces/:ws/cases/:id', { preHandler: read, schema: { tags, params: idParams, response: { 200: caseSchema } } }, async (req) => {
      const c = await repos.cases.get(workspaceOf(req).id, req.params.id)
      if (!c) throw notFound('Case')
      return toCase(c)
    })
    app.patch(
      '/api/workspaces/:ws/cases/:id',
      {
        preHandler: write,
        schema: { tags, summary: 'Assign an owner, link an opportunity, or note the root cause so far', params: idParams, body: z.object({ ownerId: z.string().nullable().optional(), opportunityId: z.string().nullable().optional(), rootCause: z.string().max(2000).nullable().optional() }), response: { 200: caseSchema } },
      },
      async (req) => {
        const ws = workspaceOf(req).id
        await checkRefs(repos, ws, req.body)
        const c = await repos.cases.update(ws, req.params.id, req.body)
        if (!c) throw notFound('Case')
        return toCase(c)
      },
    )
    app.post(
      '/api/workspaces/:ws/cases/:id/close',
      {
        preHandler: write,
        schema: { tags, summary: 'Close with a root cause and an outcome (both required); linked to an opportunity, it becomes its evidence', params: idParams, body: z.object({ rootCause: z.string().max(2000).default(''), outcome: z.string().max(5000).default(''), opportunityId: z.string().nullable().optional() }), response: { 200: caseSchema } },
      },
      async (req) => {
        const ws = workspaceOf(req).id
        const missing = closeProblems(req.body)
        if (missing.length) throw new AppError('validation_failed', `A case closes with ${missing.join(' and ')}`, missing.map((m) => ({ path: `body.${m}`, message: 'required' })))
        await checkRefs(repos, ws, req.body)
        const c = await repos.cases.update(ws, req.params.id, { status: 'closed', rootCause: req.body.rootCause.trim(), outcome: req.body.outcome.trim(), closedAt: new Date(), ...(req.body.opportunityId !== undefined ? { opportunityId: req.body.opportunityId } : {}) })
        if (!c) throw notFound('Case')
        return toCase(c)
      },
    )
  }
