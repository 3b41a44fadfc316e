import type { FastifyRequest } from 'fastify'
import { apiKeyKind, csrfTokenFor, safeEqual } from '../auth/tokens.ts'
import { AppError } from '../domain/errors.ts'
import type { WorkspaceId } from '../domain/ids.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'
import type { User } from '../storage/metadata/user-repository.ts'

export const SESSION_COOKIE = 'waymark_session'
export const CSRF_HEADER = 'x-csrf-token'

/** Who is calling, before any workspace is considered. */
export type Caller =
  | { kind: 'user'; user: User; sessionTokenHash: string }
  | { kind: 'read_key' | 'write_key'; workspaceId: WorkspaceId; keyId: string }

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Establishes the caller from, in order: an API key (Bearer, or HTTP Basic with
 * the key as user name, as Segment SDKs send write keys), or the session cookie.
 * Cookie-authenticated writes must carry the session's CSRF token in a header.
 * Returns undefined when the request carries no credentials at all.
 */
export async function authenticate(req: FastifyRequest, repos: Repositories, secret: string): Promise<Caller | undefined> {
  const presentedKey = keyFromAuthorization(req.headers.authorization)
  if (presentedKey !== undefined) {
    const key = apiKeyKind(presentedKey) ? await repos.apiKeys.findBySecret(presentedKey) : undefined
    if (!key) throw new AppError('unauthenticated', 'Invalid or revoked API key')
    void repos.apiKeys.markUsed(key.id, new Date()).catch(() => {})
    return { kind: key.kind === 'write' ? 'write_key' : 'read_key', workspaceId: key.workspaceId, keyId: key.id }
  }
  const token = req.cookies[SESSION_COOKIE]
  if (!token) return undefined
  const session = await repos.sessions.find(token)
  if (!session) throw new AppError('unauthenticated', 'Your session has expired; sign in again')
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER]
    if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(secret, session.tokenHash))) {
      throw new AppError('csrf_failed', `Missing or wrong ${CSRF_HEADER} header (get it from GET /api/auth/session)`)
    }
  }
  return { kind: 'user', user: session.user, sessionTokenHash: session.tokenHash }
}

function keyFromAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined
  const [scheme, value = ''] = header.trim().split(/\s+/, 2)
  switch (scheme?.toLowerCase()) {
    case 'bearer':
      return value
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8')
      return decoded.split(':')[0] ?? ''
    }
    default:
      throw new AppError('unauthenticated', `Unsupported Authorization scheme "${scheme}"; use Bearer <key>`)
  }
}
