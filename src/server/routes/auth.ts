import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { csrfTokenFor } from '../../auth/tokens.ts'
import { AppError } from '../../domain/errors.ts'
import { SESSION_TTL_MS } from '../../storage/metadata/session-repository.ts'
import { userOf, type accessGuards } from '../access.ts'
import { SESSION_COOKIE } from '../authenticate.ts'
import type { AppDeps } from '../deps.ts'
import type { User } from '../../storage/metadata/user-repository.ts'
import { toUser, toWorkspace, userSchema, workspaceWithRoleSchema } from '../schemas.ts'

const sessionSchema = z.object({
  user: userSchema,
  workspaces: z.array(workspaceWithRoleSchema),
  csrfToken: z.string().describe('Send as the x-csrf-token header on every cookie-authenticated write'),
})

export const authRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const { repos, secret } = deps
    const sessionBody = async (user: User, tokenHash: string) => ({
      user: toUser(user),
      workspaces: (await repos.workspaces.listForUser(user.id)).map((w) => ({ ...toWorkspace(w), role: w.role })),
      csrfToken: csrfTokenFor(secret, tokenHash),
    })

    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password; sets an HTTP-only session cookie',
          body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }),
          response: { 200: sessionSchema },
        },
      },
      async (req, reply) => {
        const user = await repos.users.verifyCredentials(req.body.email, req.body.password)
        if (!user) throw new AppError('unauthenticated', 'Wrong email or password')
        const session = await repos.sessions.create(user.id)
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.secureCookies ?? false,
          maxAge: SESSION_TTL_MS / 1000,
        })
        return sessionBody(user, session.tokenHash)
      },
    )

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } }, preHandler: guards.signedIn },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE]
        if (token) await repos.sessions.delete(token)
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/auth/session',
      { schema: { tags: ['auth'], summary: 'The signed-in user, their workspaces and the CSRF token', response: { 200: sessionSchema } }, preHandler: guards.signedIn },
      async (req) => {
        const { user, sessionTokenHash } = userOf(req)
        return sessionBody(user, sessionTokenHash)
      },
    )
  }
