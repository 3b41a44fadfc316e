import { AppError, notFound } from '../domain/errors.ts'
import type { JourneyId, UserId, WorkspaceId } from '../domain/ids.ts'
import { diffJourneys, summarizeDiff } from '../domain/journey/diff-journeys.ts'
import type { JourneyDocument } from '../domain/journey/journey.ts'
import { journeyToCsv } from '../domain/journey/journey-csv.ts'
import { invalidJourney, journeyToJson, parseJourneyJson } from '../domain/journey/journey-json.ts'
import { journeyToMarkdown } from '../domain/journey/journey-markdown.ts'
import { journeyToMermaid, mermaidToJourney } from '../domain/journey/mermaid.ts'
import { validateJourney } from '../domain/journey/validate-journey.ts'
import type { StoredJourney } from '../storage/metadata/journey-repository.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'

export const IMPORT_FORMATS = ['json', 'mermaid'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]
export const EXPORT_FORMATS = ['json', 'mermaid', 'csv', 'md'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

type Ctx = { repos: Repositories; workspaceId: WorkspaceId; userId: UserId | null }

/** Reads a journey file (JSON or Mermaid `journey`); throws a validation error listing every problem. */
export function parseJourneyFile(content: string, format: ImportFormat): JourneyDocument {
  if (format === 'json') return parseJourneyJson(content)
  const parsed = mermaidToJourney(content)
  if ('errors' in parsed) throw invalidJourney(parsed.errors.map((e) => ({ path: `line ${e.line}`, message: e.message })))
  const v = validateJourney(parsed.doc)
  if (!v.ok) throw invalidJourney(v.errors)
  return v.doc
}

export function formatFromFileName(file: string): ImportFormat {
  if (/\.json$/i.test(file)) return 'json'
  if (/\.(mmd|mermaid)$/i.test(file)) return 'mermaid'
  throw new AppError('bad_request', `Cannot tell the format of "${file}": use a .json or .mmd file`)
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged'

/**
 * Imports a journey idempotently: a journey with the same name is updated (as a
 * new version, only if something changed), otherwise created. Its persona is
 * created or given the journey's job in the workspace's persona list.
 */
export async function importJourney(ctx: Ctx, doc: JourneyDocument): Promise<{ journey: StoredJourney; outcome: ImportOutcome }> {
  const existing = await ctx.repos.journeys.findByName(ctx.workspaceId, doc.name)
  if (doc.persona) await ctx.repos.personas.upsertFromJourney(ctx.workspaceId, doc.persona)
  if (!existing) return { journey: await ctx.repos.journeys.create(ctx.workspaceId, doc, ctx.userId), outcome: 'created' }
  const saved = await saveJourney(ctx, existing.id, existing.version, doc, 'imported')
  return { journey: saved, outcome: saved.version === existing.version ? 'unchanged' : 'updated' }
}

export async function getJourney(ctx: Pick<Ctx, 'repos' | 'workspaceId'>, id: string): Promise<StoredJourney> {
  const journey = await ctx.repos.journeys.get(ctx.workspaceId, id)
  if (!journey) throw notFound('Journey')
  return journey
}

/** Validates and stores a new version, unless nothing changed. 409 when `expectedVersion` is stale. */
export async function saveJourney(ctx: Ctx, id: JourneyId, expectedVersion: number, input: unknown, reason?: string): Promise<StoredJourney> {
  const v = validateJourney(input)
  if (!v.ok) throw invalidJourney(v.errors)
  const current = await getJourney(ctx, id)
  const summary = summarizeDiff(diffJourneys(current.document, v.doc))
  if (summary === 'no changes' && current.version === expectedVersion) return current
  return ctx.repos.journeys.update(ctx.workspaceId, id, expectedVersion, v.doc, reason ? `${reason}: ${summary}` : summary, ctx.userId)
}

/** Applies a fine-grained edit to the version the editor saw, and saves the result. */
export async function editJourney(ctx: Ctx, id: JourneyId, expectedVersion: number, edit: (doc: JourneyDocument) => JourneyDocument) {
  const current = await getJourney(ctx, id)
  if (current.version !== expectedVersion) {
    throw new AppError('conflict', `The journey was changed by someone else: you edited version ${expectedVersion}, the current version is ${current.version}. Reload and apply your change again.`)
  }
  return saveJourney(ctx, id, expectedVersion, edit(current.document))
}

export async function journeyAt(ctx: Pick<Ctx, 'repos' | 'workspaceId'>, id: string, version?: number): Promise<{ journey: StoredJourney; document: JourneyDocument }> {
  const journey = await getJourney(ctx, id)
  if (version === undefined || version === journey.version) return { journey, document: journey.document }
  const document = await ctx.repos.journeys.documentAt(journey.id, version)
  if (!document) throw notFound(`Version ${version} of the journey`)
  return { journey, document }
}

/** Restores an old version by saving its document as the newest version; history is never rewritten. */
export async function restoreVersion(ctx: Ctx, id: JourneyId, version: number, expectedVersion: number) {
  const { document } = await journeyAt(ctx, id, version)
  return saveJourney(ctx, id, expectedVersion, document, `restored version ${version}`)
}

const EXPORTERS: Record<ExportFormat, { contentType: string; extension: string; render: (doc: JourneyDocument) => string }> = {
  json: { contentType: 'application/json', extension: 'json', render: journeyToJson },
  mermaid: { contentType: 'text/vnd.mermaid; charset=utf-8', extension: 'mmd', render: journeyToMermaid },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', render: journeyToCsv },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', render: journeyToMarkdown },
}

export function exportJourney(doc: JourneyDocument, format: ExportFormat) {
  const e = EXPORTERS[format]
  return { contentType: e.contentType, extension: e.extension, body: e.render(doc) }
}
