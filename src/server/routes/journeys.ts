import { AppError } from '../../domain/errors.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { JourneyId } from '../../domain/ids.ts'
import * as edit from '../../domain/journey/edit-journey.ts'
import { diffJourneys, type JourneyDiff } from '../../domain/journey/diff-journeys.ts'
import { allSteps, type Insight, type JourneyDocument, type Stage, type Step } from '../../domain/journey/journey.ts'
import { insightSchema, stageSchema, stepSchema } from '../../domain/journey/journey-schema.ts'
import { validateJourney } from '../../domain/journey/validate-journey.ts'
import type { StoredJourney } from '../../storage/metadata/journey-repository.ts'
import {
  editJourney,
  EXPORT_FORMATS,
  exportJourney,
  getJourney,
  importJourney,
  IMPORT_FORMATS,
  journeyAt,
  parseJourneyFile,
  restoreVersion,
  saveJourney,
} from '../../services/journeys.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'
import { invalidJourney } from '../../domain/journey/journey-json.ts'
import { getTrackingPlan } from '../../analytics/get-tracking-plan.ts'
import { periodQuery } from '../schemas.ts'
import { trackingPlanSchema } from '../analytics-schemas.ts'
import type { FastifyRequest } from 'fastify'

const journeyParams = wsParams.extend({ id: z.string() })
const documentSchema = z.record(z.string(), z.unknown()).describe('A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json)')
const version = z.number().int().min(1).describe('The version you edited; 409 if the journey has changed since')
const versionQuery = z.object({ version: z.coerce.number().int().min(1) })
const journeySchema = z.object({ id: z.string(), name: z.string(), version: z.number().int(), updatedAt: z.string(), document: documentSchema })
const summarySchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  kind: z.string(),
  persona: z.string().nullable(),
  stages: z.number().int(),
  steps: z.number().int(),
  updatedAt: z.string(),
})
const changedSchema = z.array(z.object({ key: z.string(), fields: z.array(z.string()) }))
const diffSchema = z.object({
  stagesAdded: z.array(z.string()),
  stagesRemoved: z.array(z.string()),
  stagesChanged: changedSchema,
  stepsAdded: z.array(z.string()),
  stepsRemoved: z.array(z.string()),
  stepsMoved: z.array(z.string()).describe('Steps now in another stage or at another position within their stage'),
  stepsChanged: changedSchema,
  journeyFields: z.array(z.string()).describe('Top-level fields (name, persona, goal, insights, …) that differ'),
}) satisfies z.ZodType<JourneyDiff>
const patchOf = <T extends z.ZodObject>(schema: T) => schema.partial().omit({ key: true } as never)

const toJourney = (j: StoredJourney, document: JourneyDocument = j.document) => ({
  id: j.id,
  name: j.name,
  version: j.version,
  updatedAt: j.updatedAt.toISOString(),
  document,
})

export const journeyRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const ctx = (req: FastifyRequest) => ({
      repos: deps.repos,
      workspaceId: workspaceOf(req).id,
      userId: req.caller?.kind === 'user' ? req.caller.user.id : null,
    })
    const read = { preHandler: guards.workspace('read') }
    const write = { preHandler: guards.workspace('write') }
    const tags = ['journeys']

    // Mermaid and other text formats arrive as plain strings.
    app.addContentTypeParser(/^text\/.*/, { parseAs: 'string' }, (_req, body, done) => done(null, body))

    app.get(
      '/api/workspaces/:ws/journeys',
      { ...read, schema: { tags, params: wsParams, response: { 200: z.array(summarySchema) } } },
      async (req) =>
        (await deps.repos.journeys.list(workspaceOf(req).id)).map((j) => ({
          id: j.id,
          name: j.name,
          version: j.version,
          kind: j.document.kind ?? 'current',
          persona: j.document.persona?.name ?? null,
          stages: j.document.stages.length,
          steps: allSteps(j.document).length,
          updatedAt: j.updatedAt.toISOString(),
        })),
    )

    app.post(
      '/api/workspaces/:ws/journeys',
      { ...write, schema: { tags, summary: 'Create a journey from a document', params: wsParams, body: documentSchema, response: { 201: journeySchema } } },
      async (req, reply) => {
        const v = validateJourney(req.body)
        if (!v.ok) throw invalidJourney(v.errors)
        const c = ctx(req)
        if (v.doc.persona) await deps.repos.personas.upsertFromJourney(c.workspaceId, v.doc.persona)
        return reply.code(201).send(toJourney(await deps.repos.journeys.create(c.workspaceId, v.doc, c.userId)))
      },
    )

    app.post(
      '/api/workspaces/:ws/journeys/import',
      {
        ...write,
        schema: {
          tags,
          summary: 'Import a journey file (JSON document, or Mermaid `journey` text); idempotent by journey name',
          params: wsParams,
          querystring: z.object({ format: z.enum(IMPORT_FORMATS).optional() }),
          body: z.union([documentSchema, z.string()]),
          response: { 200: z.object({ outcome: z.enum(['created', 'updated', 'unchanged']), journey: journeySchema }) },
        },
      },
      async (req) => {
        const body = req.body
        const format = req.query.format ?? (typeof body === 'string' && !body.trimStart().startsWith('{') ? 'mermaid' : 'json')
        const doc = parseJourneyFile(typeof body === 'string' ? body : documentText(body), format)
        const { journey, outcome } = await importJourney(ctx(req), doc)
        return { outcome, journey: toJourney(journey) }
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id',
      {
        ...read,
        schema: { tags, summary: 'A journey, now or as of a version', params: journeyParams, querystring: versionQuery.partial(), response: { 200: journeySchema } },
      },
      async (req) => {
        const { journey, document } = await journeyAt(ctx(req), req.params.id, req.query.version)
        return toJourney(journey, document)
      },
    )

    app.put(
      '/api/workspaces/:ws/journeys/:id',
      {
        ...write,
        schema: { tags, summary: 'Replace the whole document', params: journeyParams, body: z.object({ version, document: documentSchema }), response: { 200: journeySchema } },
      },
      async (req) => {
        const current = await getJourney(ctx(req), req.params.id)
        return toJourney(await saveJourney(ctx(req), current.id, req.body.version, req.body.document))
      },
    )

    app.delete(
      '/api/workspaces/:ws/journeys/:id',
      { ...write, schema: { tags, params: journeyParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await getJourney(ctx(req), req.params.id)
        await deps.repos.journeys.remove(workspaceOf(req).id, req.params.id)
        return reply.code(204).send(null)
      },
    )

    /** Registers a fine-grained edit: validate the body, apply the pure edit to the version the caller saw, save. */
    const editRoute = <B extends z.ZodObject, P extends z.ZodObject>(
      method: 'POST' | 'PATCH' | 'DELETE',
      url: string,
      summary: string,
      params: P,
      body: B,
      apply: (doc: JourneyDocument, params: z.infer<P>, body: z.infer<B>) => JourneyDocument,
    ) =>
      app.route({
        method,
        url: `/api/workspaces/:ws/journeys/:id${url}`,
        ...write,
        schema: {
          tags,
          summary,
          params,
          ...(method === 'DELETE' ? { querystring: body } : { body }),
          response: { 200: journeySchema },
        },
        handler: async (req) => {
          const p = req.params as z.infer<P> & { id: string }
          const b = (method === 'DELETE' ? req.query : req.body) as z.infer<B> & { version: number }
          const journey = await getJourney(ctx(req), p.id)
          return toJourney(await editJourney(ctx(req), journey.id as JourneyId, b.version, (doc) => apply(doc, p, b)))
        },
      })

    const stageParams = journeyParams.extend({ stageKey: z.string() })
    const stepParams = journeyParams.extend({ stepKey: z.string() })
    const insightParams = journeyParams.extend({ index: z.coerce.number().int().min(0) })
    const position = z.number().int().min(0).optional().describe('0-based position; default: the end')

    editRoute('POST', '/stages', 'Add a stage', journeyParams, z.object({ version, stage: stageSchema, index: position }), (d, _p, b) =>
      edit.addStage(d, b.stage as Stage, b.index),
    )
    editRoute('PATCH', '/stages/:stageKey', 'Change a stage', stageParams, z.object({ version, patch: patchOf(stageSchema).omit({ steps: true } as never) }), (d, p, b) =>
      edit.updateStage(d, p.stageKey, b.patch as Partial<Stage>),
    )
    editRoute('POST', '/stages/:stageKey/move', 'Move a stage', stageParams, z.object({ version, index: z.number().int().min(0) }), (d, p, b) =>
      edit.moveStage(d, p.stageKey, b.index),
    )
    editRoute('DELETE', '/stages/:stageKey', 'Remove an empty stage', stageParams, versionQuery, (d, p) => edit.removeStage(d, p.stageKey))
    editRoute('POST', '/steps', 'Add a step (touchpoint) to a stage', journeyParams, z.object({ version, stage: z.string(), step: stepSchema, index: position }), (d, _p, b) =>
      edit.addStep(d, b.stage, b.step as Step, b.index),
    )
    editRoute('PATCH', '/steps/:stepKey', 'Change a step', stepParams, z.object({ version, patch: patchOf(stepSchema) }), (d, p, b) =>
      edit.updateStep(d, p.stepKey, b.patch as Partial<Step>),
    )
    editRoute('POST', '/steps/:stepKey/move', 'Move or reorder a step', stepParams, z.object({ version, stage: z.string(), index: position }), (d, p, b) =>
      edit.moveStep(d, p.stepKey, b.stage, b.index),
    )
    editRoute('DELETE', '/steps/:stepKey', 'Remove a step', stepParams, versionQuery, (d, p) => edit.removeStep(d, p.stepKey))
    editRoute('POST', '/insights', 'Add research evidence', journeyParams, z.object({ version, insight: insightSchema }), (d, _p, b) =>
      edit.addInsight(d, b.insight as Insight),
    )
    editRoute('PATCH', '/insights/:index', 'Change research evidence', insightParams, z.object({ version, patch: insightSchema.partial() }), (d, p, b) =>
      edit.updateInsight(d, p.index, b.patch as Partial<Insight>),
    )
    editRoute('DELETE', '/insights/:index', 'Remove research evidence', insightParams, versionQuery, (d, p) => edit.removeInsight(d, p.index))

    app.get(
      '/api/workspaces/:ws/journeys/:id/versions',
      {
        ...read,
        schema: {
          tags,
          summary: 'Version history: who changed what, when',
          params: journeyParams,
          response: {
            200: z.array(z.object({ version: z.number().int(), summary: z.string(), createdAt: z.string(), createdBy: z.string().nullable() })),
          },
        },
      },
      async (req) => {
        const journey = await getJourney(ctx(req), req.params.id)
        return (await deps.repos.journeys.versions(journey.id)).map((v) => ({
          version: v.version,
          summary: v.summary,
          createdAt: v.createdAt.toISOString(),
          createdBy: v.createdByEmail,
        }))
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/diff',
      {
        ...read,
        schema: {
          tags,
          summary: 'What changed between two versions',
          params: journeyParams,
          querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1).optional() }),
          response: { 200: diffSchema },
        },
      },
      async (req) => {
        const from = await journeyAt(ctx(req), req.params.id, req.query.from)
        const to = await journeyAt(ctx(req), req.params.id, req.query.to)
        return diffJourneys(from.document, to.document)
      },
    )

    app.post(
      '/api/workspaces/:ws/journeys/:id/versions/:v/restore',
      {
        ...write,
        schema: {
          tags,
          summary: 'Restore an old version (saved as a new version)',
          params: journeyParams.extend({ v: z.coerce.number().int().min(1) }),
          body: z.object({ version }),
          response: { 200: journeySchema },
        },
      },
      async (req) => {
        const journey = await getJourney(ctx(req), req.params.id)
        return toJourney(await restoreVersion(ctx(req), journey.id, req.params.v, req.body.version))
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/tracking-plan',
      {
        ...read,
        config: { limit: 'analytics' },
        schema: {
          tags,
          summary: 'The tracking plan: events and customers per touchpoint, dark touchpoints, and events that map to no touchpoint',
          params: journeyParams,
          querystring: periodQuery,
          response: { 200: trackingPlanSchema },
        },
      },
      async (req) => {
        const journey = await getJourney(ctx(req), req.params.id)
        return getTrackingPlan(deps.events, journey.workspaceId, journey.document, req.query)
      },
    )

    app.get(
      '/api/workspaces/:ws/journeys/:id/export',
      {
        ...read,
        schema: {
          tags,
          summary: 'Export as JSON, Mermaid, CSV (one row per step) or Markdown',
          params: journeyParams,
          querystring: z.object({ format: z.enum(EXPORT_FORMATS).default('json'), version: z.coerce.number().int().min(1).optional() }),
        },
      },
      async (req, reply) => {
        const { journey, document } = await journeyAt(ctx(req), req.params.id, req.query.version)
        const out = exportJourney(document, req.query.format)
        const fileName = `${journey.name.replace(/[^\w.-]+/g, '_').slice(0, 80)}.${out.extension}`
        return reply.type(out.contentType).header('content-disposition', `attachment; filename="${fileName}"`).send(out.body)
      },
    )
  }

/** A JSON body as text again; one nested thousands of levels deep (no journey is) cannot be written out and is refused. */
function documentText(body: unknown): string {
  try {
    return JSON.stringify(body)
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('validation_failed', 'The journey document is nested too deep to read (thousands of levels); a journey file nests a few')
    throw err
  }
}
