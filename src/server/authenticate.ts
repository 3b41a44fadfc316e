import { BlockList, isIP } from 'node:net'
import type { FastifyRequest } from 'fastify'
import { apiKeyKind, csrfTokenFor, safeEqual } from '../auth/tokens.ts'
import type { KeyKind } from '../domain/access.ts'
import { AppError } from '../domain/errors.ts'
import type { ApiKeyId, WorkspaceId } from '../domain/ids.ts'
import type { ApiKey } from '../storage/metadata/api-key-repository.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'
import type { User } from '../storage/metadata/user-repository.ts'

export const SESSION_COOKIE = 'waymark_session'
export const CSRF_HEADER = 'x-csrf-token'

export type KeyCaller = { kind: `${KeyKind}_key`; workspaceId: WorkspaceId; keyId: ApiKeyId; prefix: string }
/** Who is calling, before any workspace is considered. */
export type Caller = { kind: 'user'; user: User; sessionTokenHash: string } | KeyCaller

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
    if (!key) throw new AppError('unauthenticated', 'Invalid, expired or revoked API key')
    assertAllowedAddress(key, req.ip)
    void repos.apiKeys.markUsed(key.id, new Date()).catch(() => {})
    return { kind: `${key.kind}_key`, workspaceId: key.workspaceId, keyId: key.id, prefix: key.prefix }
  }
  const token = req.cookies?.[SESSION_COOKIE]
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

/** A key with an allow-list works only from those addresses (behind a proxy, set TRUST_PROXY so the client's is seen). */
export function assertAllowedAddress(key: Pick<ApiKey, 'allowedIps'>, ip: string): void {
  if (!key.allowedIps.length) return
  if (!addressList(key.allowedIps).check(plainAddress(ip), isIP(plainAddress(ip)) === 6 ? 'ipv6' : 'ipv4')) {
    throw new AppError('forbidden', 'This API key may not be used from your address')
  }
}

/** `10.0.0.0/8`, `203.0.113.7` or `2001:db8::/32`: undefined when valid, otherwise why not. */
export function addressProblem(entry: string): string | undefined {
  const [address = '', prefix] = entry.split('/')
  const family = isIP(address)
  if (!family) return `"${entry}" is not an IP address or CIDR range`
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))) return `"${entry}" has a bad prefix length`
  return undefined
}

function addressList(entries: string[]): BlockList {
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(prefix), type)
  }
  return list
}

/** IPv4 clients of a dual-stack listener arrive as `::ffff:a.b.c.d`. */
const plainAddress = (ip: string) => (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip)

function keyFromAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined
  const [scheme, value = ''] = header.trim().split(/\s+/, 2)
  switch (scheme?.toLowerCase()) {
    case 'bearer':
      return value
    case 'basic':
      return basicUser(value)
    default:
      throw new AppError('unauthenticated', `Unsupported Authorization scheme "${scheme}"; use Bearer <key>`)
  }
}

/** The user name of HTTP Basic credentials (base64 `user:password`): where Segment SDKs put the write key. */
export function basicUser(credentials: string): string {
  return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] ?? ''
}
