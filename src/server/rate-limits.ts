import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SecurityConfig } from '../config.ts'
import { AppError } from '../domain/errors.ts'
import { basicUser } from './authenticate.ts'

const MINUTE = 60_000

/** Answers 429 with Retry-After, as problem+json like every other refusal. */
export function tooMany(reply: FastifyReply, retryAfterSeconds: number, what: string): never {
  reply.header('retry-after', String(Math.max(1, retryAfterSeconds)))
  throw new AppError('rate_limited', `Too many ${what}; try again in ${formatWait(retryAfterSeconds)}`)
}

const formatWait = (s: number) => (s < 90 ? `${Math.max(1, s)} s` : `${Math.ceil(s / 60)} min`)

/**
 * The app's rate limits (@fastify/rate-limit, in memory per process), each a hook that
 * routes attach: per minute, fixed windows. Sign-in also backs off exponentially after
 * failures (auth/sign-in-throttle.ts).
 */
export async function rateLimits(app: FastifyInstance, limits: SecurityConfig['rateLimits']) {
  await app.register(fastifyRateLimit, { global: false })
  const perMinute = (max: number, what: string, keyGenerator: (req: FastifyRequest) => string) => {
    const check = app.createRateLimit({ max, timeWindow: MINUTE, keyGenerator })
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const result = await check(req)
      if (!result.isAllowed && result.isExceeded) tooMany(reply, result.ttlInSeconds, what)
    }
  }
  return {
    /** Analyses per signed-in user or API key (runs after the route's guard, which names the caller). */
    analytics: perMinute(limits.analytics, 'analysis requests', (req) => (req.caller?.kind === 'user' ? `user:${req.caller.user.id}` : `key:${req.caller?.keyId ?? req.ip}`)),
    signInPerAddress: perMinute(limits.signInPerIp, 'sign-in attempts from your address', (req) => `ip:${req.ip}`),
    /** By the email being signed in to, or the signed-in user's (a password change). */
    signInPerAccount: perMinute(limits.signInPerAccount, 'sign-in attempts for this account', (req) => `account:${req.caller?.kind === 'user' ? req.caller.user.email.toLowerCase() : accountOf(req.body)}`),
    /** Collector requests per write key (its first characters: the limiter never holds whole secrets), else per address. */
    collector: perMinute(limits.collector, 'requests for this write key', (req) => `key:${collectorKeyOf(req).slice(0, 24) || `ip:${req.ip}`}`),
  }
}

export type RateLimits = Awaited<ReturnType<typeof rateLimits>>

const accountOf = (body: unknown) => String((body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()

/** The write key of a collector request without parsing its body: the Basic user name, or the body's `"writeKey"` (browsers send it there). */
function collectorKeyOf(req: FastifyRequest): string {
  const basic = /^basic\s+(\S+)/i.exec(req.headers.authorization ?? '')
  if (basic) return basicUser(basic[1]!)
  const body = Buffer.isBuffer(req.body) ? req.body : undefined
  const at = body ? body.indexOf('"writeKey"') : -1
  if (at < 0) return ''
  return /^"writeKey"\s*:\s*"([^"]{1,200})"/.exec(body!.subarray(at, at + 240).toString('utf8'))?.[1] ?? ''
}
