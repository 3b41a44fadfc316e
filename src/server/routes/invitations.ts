import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../domain/errors.ts'
import { acceptInvitation, invite, openInvitation, registerWithInvitation } from '../../services/invitations.ts'
import type { Invitation } from '../../storage/metadata/invitation-repository.ts'
import { actorOf, userOf, workspaceOf, type AccessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import type { RateLimits } from '../rate-limits.ts'
import { roleSchema, wsParams } from '../schemas.ts'
import { sessionSchema, signInAs } from './auth.ts'

const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
})
const toInvitation = (i: Invitation) => ({ id: i.id, email: i.email, role: i.role, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })
const tokenParams = z.object({ token: z.string().min(1).max(200) })

/**
 * Membership by invitation: an owner invites an email and passes on the link; the invitee
 * accepts (signed in with that email) or creates an account with it. No answer an owner
 * gets depends on whether the email has an account.
 */
export const invitationRoutes =
  (deps: AppDeps, guards: AccessGuards, limits: Pick<RateLimits, 'signInPerAddress'>): FastifyPluginAsyncZod =>
  async (app) => {
    const { repos } = deps
    const tags = ['members']

    app.post(
      '/api/workspaces/:ws/invitations',
      {
        preHandler: guards.workspace('manage'),
        schema: {
          tags,
          summary: 'Invite an email with a role; answers the invitation and its link token (shown once: pass the link on). The same answer whether or not the email has an account',
          params: wsParams,
          body: z.object({ email: z.email().max(320), role: roleSchema }),
          response: { 201: z.object({ invitation: invitationSchema, token: z.string().describe('Open /invitations/<token> to accept; valid 7 days, once') }) },
        },
      },
      async (req, reply) => {
        const ws = workspaceOf(req)
        const { invitation, token } = await invite(repos, { workspaceId: ws.id, email: req.body.email, role: req.body.role, invitedBy: userOf(req).user.id })
        await repos.audit.record({ ...actorOf(req), workspaceId: ws.id, action: 'member.invited', target: invitation.id, details: { email: invitation.email, role: invitation.role } })
        return reply.code(201).send({ invitation: toInvitation(invitation), token })
      },
    )

    app.get(
      '/api/workspaces/:ws/invitations',
      {
        preHandler: guards.workspace('manage'),
        schema: { tags, summary: 'Invitations not yet accepted, newest first', params: wsParams, response: { 200: z.array(invitationSchema.extend({ invitedBy: z.string() })) } },
      },
      async (req) => (await repos.invitations.listOpen(workspaceOf(req).id)).map((i) => ({ ...toInvitation(i), invitedBy: i.inviter })),
    )

    app.delete(
      '/api/workspaces/:ws/invitations/:id',
      { preHandler: guards.workspace('manage'), schema: { tags, summary: 'Revoke an invitation: its link stops working', params: wsParams.extend({ id: z.string() }), response: { 204: z.null() } } },
      async (req, reply) => {
        const ws = workspaceOf(req)
        const revoked = await repos.invitations.revoke(ws.id, req.params.id)
        if (!revoked) throw notFound('Invitation')
        await repos.audit.record({ ...actorOf(req), workspaceId: ws.id, action: 'invitation.revoked', target: revoked.id, details: { email: revoked.email } })
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/invitations/:token',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'What an invitation link offers: the workspace, the role, the invited email and who invited',
          params: tokenParams,
          response: {
            200: invitationSchema.omit({ id: true, createdAt: true }).extend({ workspace: z.object({ slug: z.string(), name: z.string() }), invitedBy: z.string() }),
          },
        },
      },
      async (req) => {
        const i = await openInvitation(repos, req.params.token)
        return { email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString(), workspace: { slug: i.workspace.slug, name: i.workspace.name }, invitedBy: i.inviter }
      },
    )

    const joined = z.object({ workspace: z.object({ slug: z.string(), name: z.string() }), role: roleSchema })

    app.post(
      '/api/invitations/:token/accept',
      {
        preHandler: guards.signedIn,
        schema: { tags, summary: 'Accept an invitation as the signed-in user (whose email it must be)', params: tokenParams, response: { 200: joined } },
      },
      async (req) => {
        const i = await acceptInvitation(repos, req.params.token, userOf(req).user, req.ip)
        return { workspace: { slug: i.workspace.slug, name: i.workspace.name }, role: i.role }
      },
    )

    app.post(
      '/api/invitations/:token/register',
      {
        config: { access: 'public' },
        onRequest: limits.signInPerAddress,
        schema: {
          tags,
          summary: "Create an account with the invitation's email, join the workspace and sign in",
          params: tokenParams,
          body: z.object({ name: z.string().trim().max(200).default(''), password: z.string().min(1).max(1024) }),
          response: { 200: sessionSchema },
        },
      },
      async (req, reply) => {
        const { user } = await registerWithInvitation(repos, req.params.token, req.body, req.ip)
        return signInAs(deps, req, reply, user)
      },
    )
  }
