import { MIN_PASSWORD_LENGTH } from '../auth/password.ts'
import type { Role } from '../domain/access.ts'
import { AppError } from '../domain/errors.ts'
import type { UserId, WorkspaceId } from '../domain/ids.ts'
import type { OpenInvitation } from '../storage/metadata/invitation-repository.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'
import type { User } from '../storage/metadata/user-repository.ts'

const invalid = () => new AppError('not_found', 'This invitation is not valid: it was used, revoked or has expired. Ask the workspace owner for a new one')
const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * An owner invites an email. Nothing here reads the users table, so the answer is the same
 * whether or not the email has an account; an existing member is refused (owners see members anyway).
 */
export async function invite(repos: Repositories, input: { workspaceId: WorkspaceId; email: string; role: Role; invitedBy: UserId }) {
  if ((await repos.workspaces.members(input.workspaceId)).some((m) => sameEmail(m.email, input.email))) {
    throw new AppError('conflict', `${input.email} is already a member; change their role in the list instead`)
  }
  return repos.invitations.create(input)
}

export async function openInvitation(repos: Repositories, token: string): Promise<OpenInvitation> {
  const invitation = await repos.invitations.findOpen(token)
  if (!invitation) throw invalid()
  return invitation
}

/** The signed-in invitee joins with the invited role (an invitation is for one email: another account cannot use it). */
export async function acceptInvitation(repos: Repositories, token: string, user: User, ip = ''): Promise<OpenInvitation> {
  const invitation = await openInvitation(repos, token)
  if (!sameEmail(invitation.email, user.email)) throw new AppError('forbidden', `This invitation is for ${invitation.email}; you are signed in as ${user.email}`)
  await join(repos, invitation, user.id, ip)
  return invitation
}

/** Someone without an account creates one with the invitation's email and joins. */
export async function registerWithInvitation(repos: Repositories, token: string, input: { name: string; password: string }, ip = ''): Promise<{ user: User; invitation: OpenInvitation }> {
  const invitation = await openInvitation(repos, token)
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new AppError('validation_failed', `The password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  // The person holding the link learns whether the email has an account; its owner never does (see the README).
  if (await repos.users.findByEmail(invitation.email)) throw new AppError('conflict', 'An account with this email already exists: sign in, then accept the invitation')
  const user = await repos.users.create({ email: invitation.email, name: input.name, password: input.password })
  await join(repos, invitation, user.id, ip)
  return { user, invitation }
}

async function join(repos: Repositories, invitation: OpenInvitation, userId: UserId, ip: string) {
  if (!(await repos.invitations.markAccepted(invitation.id))) throw invalid()
  const current = await repos.workspaces.roleOf(invitation.workspaceId, userId)
  if (current === null) await repos.workspaces.setMember(invitation.workspaceId, userId, invitation.role)
  await repos.audit.record({ workspaceId: invitation.workspaceId, userId, actor: invitation.email, action: 'invitation.accepted', target: invitation.id, details: { role: invitation.role }, ip })
}
