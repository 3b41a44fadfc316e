import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform, type Readable } from 'node:stream'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { IMPORT_FIELDS, IMPORT_FORMATS, type ColumnMapping } from '../../ingest/files/import-record.ts'
import { importEvents, type ImportSummary } from '../../ingest/import-events.ts'
import { AppError } from '../../domain/errors.ts'
import { workspaceOf, type AccessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'

const query = z.object({
  format: z.enum(IMPORT_FORMATS).describe('File format; gzip bodies (.gz) are recognised by their bytes'),
  name: z.string().trim().min(1).max(200).optional().describe("The file's own name, shown in the summary and the quarantine (default upload.<format>)"),
  ...Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().min(1).max(200).optional().describe(`Column holding the ${f}`)])),
})

const count = z.number().int()
const summarySchema = z.object({
  file: z.string(),
  imported: count.describe('Events read and accepted (not quarantined)'),
  skipped: count.describe('Of those, events already stored (an earlier import, the collector) or repeated within the file'),
  quarantined: count,
  offPlan: count.describe('Of the imported events, those outside a strict tracking plan (stored, flagged)'),
  customers: count.describe('Distinct customers of the imported events'),
  customersWithTraits: count.describe('Customers given traits from columns constant across their events'),
  firstErrors: z.array(z.object({ line: count, reason: z.string() })).describe('The first rejected lines (all are kept in quarantine)'),
  seconds: z.number(),
}) satisfies z.ZodType<ImportSummary>

const tooLarge = (max: number) => new AppError('payload_too_large', `The file is larger than the import limit of ${Math.round(max / 1024 ** 2)} MB (IMPORT_MAX_MB); split it or import it with \`waymark import events\``)

/** Passes bytes through until `max`, then fails the stream: the limit holds for chunked bodies that state no length. */
function byteLimit(max: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length
      done(seen > max ? tooLarge(max) : null, seen > max ? undefined : chunk)
    },
  })
}

/**
 * File imports over HTTP: the body is the file itself (any content type),
 * streamed to a temporary file and imported like `waymark import events`.
 * Only signed-in editors and import keys may import (never a browser's write key);
 * the caller is checked before a byte of the body is read, and a body whose
 * Content-Length exceeds the limit is refused unread.
 */
export const importRoutes =
  (deps: AppDeps, guards: AccessGuards): FastifyPluginAsyncZod =>
  async (app) => {
    const max = deps.config.security.importMaxBytes
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { bodyLimit: max }, (req, payload, done) => {
      if (Number(req.headers['content-length'] ?? 0) > max) return done(tooLarge(max))
      done(null, payload)
    })

    app.post(
      '/api/workspaces/:ws/imports',
      {
        bodyLimit: max,
        preHandler: guards.workspace('import'),
        schema: {
          tags: ['events'],
          summary: 'Import an event file (CSV, JSONL or XES, optionally gzip) sent as the request body; answers with the import summary',
          params: wsParams,
          querystring: query,
          response: { 200: summarySchema },
        },
      },
      async (req) => {
        const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'waymark-import-'))
        const file = path.join(dir, `upload.${req.query.format}`)
        try {
          await pipeline(req.body as Readable, byteLimit(max), fs.createWriteStream(file))
          const mapping = Object.fromEntries(IMPORT_FIELDS.filter((f) => req.query[f as keyof typeof req.query]).map((f) => [f, req.query[f as keyof typeof req.query]])) as ColumnMapping
          const inPlan = await deps.repos.trackingPlans.strictCheck(workspaceOf(req).id)
          // Through the collector's writer: an event the collector (or an earlier import) stored is not stored again.
          const name = req.query.name ?? `upload.${req.query.format}`
          return await importEvents({ events: deps.events, ingest: deps.ingest }, workspaceOf(req).id, file, { format: req.query.format, mapping, inPlan, name })
        } finally {
          await fs.promises.rm(dir, { recursive: true, force: true })
        }
      },
    )
  }
