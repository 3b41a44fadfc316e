import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { KeyKind } from '../domain/access.ts'

/**
 * Bearer secrets (session tokens, API keys) are 256-bit random strings, so a
 * fast SHA-256 is enough to store them: only the hash is kept, never the secret.
 */
export type { KeyKind }

const KEY_PREFIX: Record<KeyKind, string> = { write: 'wmk_w_', read: 'wmk_r_', import: 'wmk_i_' }

export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

export function newApiKey(kind: KeyKind): string {
  return KEY_PREFIX[kind] + newSecret()
}

/** The kind a presented key claims to be, from its prefix; undefined for anything else. */
export function apiKeyKind(key: string): KeyKind | undefined {
  return (Object.keys(KEY_PREFIX) as KeyKind[]).find((kind) => key.startsWith(KEY_PREFIX[kind]))
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** CSRF token bound to one session: HMAC(secret, session hash). Stateless and unforgeable without the secret. */
export function csrfTokenFor(secret: string, sessionTokenHash: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionTokenHash}`).digest('base64url')
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
