import { isUtf8 } from 'node:buffer'
import { gunzipSync } from 'node:zlib'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../domain/errors.ts'
import { quarantineRow } from '../../ingest/quarantine.ts'
import { ingestMessages } from '../../ingest/segment/ingest-messages.ts'
import type { SegmentType } from '../../ingest/segment/normalize-message.ts'
import { workspaceOfWriteKey } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import type { RateLimits } from '../rate-limits.ts'
import { basicUser } from '../authenticate.ts'

export const MAX_BATCH_BYTES = 500 * 1024
/** The collector answers other sites' pages and SDKs: the UI's security headers (CSP, same-origin resource policy) are not for it. */
const NO_PAGE_HEADERS = { helmet: { skipRoute: true } } as object
const BODY_LIMIT = 4 * 1024 * 1024

const SINGLE_ROUTES: Array<[SegmentType, string[]]> = [
  ['track', ['/v1/track', '/v1/t']],
  ['identify', ['/v1/identify', '/v1/i']],
  ['page', ['/v1/page', '/v1/p']],
  ['screen', ['/v1/screen', '/v1/s']],
  ['group', ['/v1/group', '/v1/g']],
  ['alias', ['/v1/alias', '/v1/a']],
]
const BATCH_ROUTES = ['/v1/batch', '/v1/b', '/v1/import']

/**
 * The Segment-compatible collector: existing SDKs point their host at Waymark
 * and work unchanged. Bodies are read raw (JSON, the browser SDK's text/plain,
 * gzip) so that even unparseable input reaches quarantine with its reason. A
 * request is answered only after its events are stored (group commit).
 */
export const collectorRoutes =
  (deps: AppDeps, limits: Pick<RateLimits, 'collector'>): FastifyPluginAsync =>
  async (app) => {
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body))

    // Browsers send from the site's own origin; write keys are public by design.
    app.addHook('onRequest', (req, reply, done) => {
      reply.header('access-control-allow-origin', req.headers.origin ?? '*')
      reply.header('vary', 'origin')
      done()
    })
    app.options('/v1/*', { config: { access: 'public', ...NO_PAGE_HEADERS }, schema: { hide: true } }, async (_req, reply) =>
      reply
        .header('access-control-allow-methods', 'POST, OPTIONS')
        .header('access-control-allow-headers', 'content-type, authorization, content-encoding')
        .header('access-control-max-age', '86400')
        .code(204)
        .send(),
    )

    const handle = (routeType: SegmentType | 'batch') => async (req: FastifyRequest, reply: FastifyReply) => {
      const receivedAt = new Date()
      const basicKey = basicKeyOf(req.headers.authorization)
      // With the key in the Authorization header, even a body we cannot read is kept for the workspace.
      const knownWorkspace = basicKey ? await workspaceOfWriteKey(deps.repos, basicKey) : undefined
      const reject = async (code: 'bad_request' | 'payload_too_large', reason: string, payload: unknown): Promise<never> => {
        if (knownWorkspace) await deps.ingest.write({ quarantine: [quarantineRow({ workspaceId: knownWorkspace, source: 'collector', reason, payload, receivedAt })] })
        throw new AppError(code, `${reason}${knownWorkspace ? ' (kept in quarantine)' : ''}`)
      }

      const raw = await decodeBody(req, reject)
      let body: unknown
      try {
        body = JSON.parse(raw)
      } catch (err) {
        return reject('bad_request', `Body is not valid JSON: ${(err as Error).message}`, raw)
      }
      const bodyKey = isObject(body) && typeof body.writeKey === 'string' ? body.writeKey : undefined
      const workspaceId = knownWorkspace ?? (await workspaceOfWriteKey(deps.repos, bodyKey))

      const isBatch = routeType === 'batch'
      const messages = isBatch ? (isObject(body) && Array.isArray(body.batch) ? body.batch : undefined) : [body]
      if (!messages?.length) {
        const reason = messages ? 'the "batch" array is empty' : 'batch must be an array'
        await deps.ingest.write({ quarantine: [quarantineRow({ workspaceId, source: 'collector', reason, payload: raw, receivedAt })] })
        throw new AppError('bad_request', `A batch body needs a "batch" array of messages; ${messages ? 'it is empty' : 'there is none'} (kept in quarantine)`)
      }
      const outcome = ingestMessages(messages, {
        workspaceId,
        inPlan: await deps.repos.trackingPlans.strictCheck(workspaceId),
        receivedAt,
        routeType: isBatch ? undefined : routeType,
        batchContext: isBatch && isObject(body) && isObject(body.context) ? body.context : undefined,
        batchSentAt: isBatch && isObject(body) ? body.sentAt : undefined,
        source: 'collector',
        bodyBytes: Buffer.byteLength(raw),
      })
      await deps.spool.accept(outcome.rows)
      if (outcome.stored === 0) {
        const errors = outcome.errors.map((e) => ({ path: isBatch ? `batch[${e.index}]` : 'body', message: e.reason }))
        throw new AppError('validation_failed', `No event stored; ${outcome.quarantined} kept in quarantine: ${errors[0]?.message}`, errors)
      }
      return reply.send({
        success: true,
        stored: outcome.stored,
        quarantined: outcome.quarantined,
        ...(outcome.errors.length ? { errors: outcome.errors } : {}),
        ...(outcome.offPlan.length ? { offPlan: outcome.offPlan.length, warnings: outcome.offPlan } : {}),
      })
    }

    const hidden = { schema: { hide: true }, config: { access: 'collector' as const, ...NO_PAGE_HEADERS }, preHandler: limits.collector }
    for (const [type, urls] of SINGLE_ROUTES) for (const url of urls) app.post(url, hidden, handle(type))
    for (const url of BATCH_ROUTES) app.post(url, hidden, handle('batch'))
  }

async function decodeBody(req: FastifyRequest, reject: (code: 'bad_request' | 'payload_too_large', reason: string, payload: unknown) => Promise<never>): Promise<string> {
  let buf = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
  if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: MAX_BATCH_BYTES + 1 })
    } catch (err) {
      const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /larger than/i.test((err as Error).message)
      if (tooBig) return reject('payload_too_large', `Body is larger than ${MAX_BATCH_BYTES / 1024} KB once decompressed; send smaller batches`, '(gzip body)')
      return reject('bad_request', `Body is not valid gzip: ${(err as Error).message}`, buf.toString('base64'))
    }
  }
  if (buf.length > MAX_BATCH_BYTES) {
    return reject('payload_too_large', `Body is ${buf.length} bytes; the limit is ${MAX_BATCH_BYTES / 1024} KB per request (32 KB per event)`, buf.toString('utf8'))
  }
  // Decoding would replace the bad bytes, storing text the sender never sent: refused, and kept exactly (base64).
  if (!isUtf8(buf)) return reject('bad_request', `Body is not valid UTF-8 (${whereNotUtf8(buf)}): send JSON encoded as UTF-8`, buf.toString('base64'))
  return buf.toString('utf8')
}

/** Where the first byte that is not UTF-8 is, with the text around it. */
function whereNotUtf8(buf: Buffer): string {
  const text = buf.toString('utf8')
  const at = text.indexOf('\ufffd')
  return at === -1 ? 'a sequence cut short at the end' : `at character ${at + 1}, near ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`
}

function basicKeyOf(header: string | undefined): string | undefined {
  const m = /^basic\s+(\S+)/i.exec(header ?? '')
  return m ? basicUser(m[1]!) || undefined : undefined
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
