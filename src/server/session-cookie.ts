import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SecurityConfig } from '../config.ts'
import { AppError } from '../domain/errors.ts'
import { SESSION_COOKIE } from './authenticate.ts'

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i

/**
 * Whether the session cookie is `Secure`. With COOKIE_SECURE=auto (the default) it is,
 * except over plain HTTP to localhost (so `npm start` works on http://localhost); a
 * plain-HTTP sign-in to any other host is refused, since the browser would drop a Secure
 * cookie silently. HTTPS is the request's own, or X-Forwarded-Proto from a trusted proxy.
 */
export function secureCookie(req: FastifyRequest, mode: SecurityConfig['cookieSecure']): boolean {
  if (mode !== 'auto') return mode === 'always'
  if (req.protocol === 'https') return true
  if (LOOPBACK.test(req.headers.host ?? '')) return false
  throw new AppError(
    'forbidden',
    'Signing in over plain HTTP is refused: use HTTPS (behind a TLS proxy, set TRUST_PROXY), or start Waymark with COOKIE_SECURE=false for plain-HTTP use on a trusted network',
  )
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, security: Pick<SecurityConfig, 'cookieSecure' | 'sessionMaxMs'>, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(req, security.cookieSecure),
    maxAge: Math.floor(security.sessionMaxMs / 1000),
  })
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}
