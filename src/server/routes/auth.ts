import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { MIN_PASSWORD_LENGTH } from '../../auth/password.ts'
import { signInThrottle } from '../../auth/sign-in-throttle.ts'
import { csrfTokenFor } from '../../auth/tokens.ts'
import { AppError } from '../../domain/errors.ts'
import type { User } from '../../storage/metadata/user-repository.ts'
import { actorOf, userOf, type AccessGuards } from '../access.ts'
import { SESSION_COOKIE } from '../authenticate.ts'
import type { AppDeps } from '../deps.ts'
import { tooMany, type RateLimits } from '../rate-limits.ts'
import { toUser, toWorkspace, userSchema, workspaceWithRoleSchema } from '../schemas.ts'
import { clearSessionCookie, secureCookie, setSessionCookie } from '../session-cookie.ts'

export const sessionSchema = z.object({
  user: userSchema,
  workspaces: z.array(workspaceWithRoleSchema),
  csrfToken: z.string().describe('Send as the x-csrf-token header on every cookie-authenticated write'),
})
const newPassword = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024)

/** What a signed-in browser learns about its session: the user, their workspaces and the CSRF token. */
export async function sessionBody({ repos, secret }: Pick<AppDeps, 'repos' | 'secret'>, user: User, tokenHash: string) {
  return {
    user: toUser(user),
    workspaces: (await repos.workspaces.listForUser(user.id)).map((w) => ({ ...toWorkspace(w), role: w.role })),
    csrfToken: csrfTokenFor(secret, tokenHash),
  }
}

/** Starts a session for the user: the cookie, the audit entry, and the session's description. */
export async function signInAs(deps: Pick<AppDeps, 'repos' | 'secret' | 'config'>, req: FastifyRequest, reply: FastifyReply, user: User) {
  const session = await deps.repos.sessions.create(user.id)
  setSessionCookie(req, reply, deps.config.security, session.token)
  await deps.repos.audit.record({ userId: user.id, actor: user.email, action: 'sign_in.succeeded', ip: req.ip })
  return sessionBody(deps, user, session.tokenHash)
}

export const authRoutes =
  (deps: AppDeps, guards: AccessGuards, limits: RateLimits): FastifyPluginAsyncZod =>
  async (app) => {
    const { repos } = deps
    const security = deps.config.security
    const throttle = signInThrottle()

    /** Checks a password with the sign-in back-off in front of the hash: a throttled guess costs no scrypt. */
    const checkPassword = async <T>(reply: Parameters<typeof tooMany>[0], account: string, ip: string, verify: () => Promise<T | undefined | false>): Promise<T | undefined | false> => {
      const wait = throttle.begin(account, ip)
      if (wait > 0) tooMany(reply, wait, 'failed sign-in attempts')
      const result = await verify()
      if (result) throttle.succeeded(account, ip)
      return result
    }

    app.post(
      '/api/auth/login',
      {
        config: { access: 'public' },
        onRequest: limits.signInPerAddress,
        preHandler: limits.signInPerAccount,
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password; sets an HTTP-only session cookie. Throttled per address and account, backing off exponentially after failures (429 + Retry-After)',
          body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }),
          response: { 200: sessionSchema },
        },
      },
      async (req, reply) => {
        const { email, password } = req.body
        secureCookie(req, security.cookieSecure) // refuse before hashing when the cookie could not be kept
        const user = await checkPassword(reply, email, req.ip, () => repos.users.verifyCredentials(email, password))
        if (!user) {
          const tried = await repos.users.findByEmail(email)
          await repos.audit.record({ userId: tried?.id ?? null, actor: email.trim().toLowerCase().slice(0, 320), action: 'sign_in.failed', ip: req.ip })
          throw new AppError('unauthenticated', 'Wrong email or password')
        }
        return signInAs(deps, req, reply, user)
      },
    )

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } }, preHandler: guards.signedIn },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE]
        if (token) await repos.sessions.delete(token)
        clearSessionCookie(reply)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/auth/logout-everywhere',
      {
        schema: { tags: ['auth'], summary: 'End every session of the signed-in user, on every device (this one too)', response: { 200: z.object({ ended: z.number().int() }) } },
        preHandler: guards.signedIn,
      },
      async (req, reply) => {
        const { user } = userOf(req)
        const ended = await repos.sessions.deleteForUser(user.id)
        await repos.audit.record({ ...actorOf(req), action: 'sign_out.everywhere', details: { sessions: ended } })
        clearSessionCookie(reply)
        return { ended }
      },
    )

    app.post(
      '/api/auth/password',
      {
        preHandler: [guards.signedIn, limits.signInPerAccount],
        schema: {
          tags: ['auth'],
          summary: "Change the signed-in user's password; every other session of theirs ends",
          body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword }),
          response: { 200: z.object({ otherSessionsEnded: z.number().int() }) },
        },
      },
      async (req, reply) => {
        const { user, sessionTokenHash } = userOf(req)
        const ok = await checkPassword(reply, user.email, req.ip, () => repos.users.hasPassword(user.id, req.body.currentPassword))
        if (!ok) throw new AppError('forbidden', 'The current password is wrong')
        await repos.users.setPassword(user.id, req.body.newPassword)
        const ended = await repos.sessions.deleteForUser(user.id, sessionTokenHash)
        await repos.audit.record({ ...actorOf(req), action: 'password.changed', details: { otherSessionsEnded: ended } })
        return { otherSessionsEnded: ended }
      },
    )

    app.get(
      '/api/auth/session',
      { schema: { tags: ['auth'], summary: 'The signed-in user, their workspaces and the CSRF token', response: { 200: sessionSchema } }, preHandler: guards.signedIn },
      async (req) => {
        const { user, sessionTokenHash } = userOf(req)
        return sessionBody(deps, user, sessionTokenHash)
      },
    )
  }
