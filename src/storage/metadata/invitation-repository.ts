import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { hashToken, newSecret } from '../../auth/tokens.ts'
import type { Role } from '../../domain/access.ts'
import { newId, type UserId, type WorkspaceId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { invitations, users, workspaces } from './schema.ts'

export const INVITATION_TTL_MS = 7 * 24 * 3600_000

export type Invitation = {
  id: string
  workspaceId: WorkspaceId
  email: string
  role: Role
  invitedBy: string | null
  createdAt: Date
  expiresAt: Date
}
/** An invitation as its link shows it: the workspace and who invited. */
export type OpenInvitation = Invitation & { workspace: { id: WorkspaceId; slug: string; name: string }; inviter: string }

const columns = {
  id: invitations.id,
  workspaceId: invitations.workspaceId,
  email: invitations.email,
  role: invitations.role,
  invitedBy: invitations.invitedBy,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
}

/**
 * Invitations never look at the users table when created or listed, so nothing
 * an owner sees depends on whether the invited email has an account.
 */
export function invitationRepository(db: MetadataDb) {
  const open = (now: Date) => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now))
  const sameEmail = (email: string) => eq(sql`lower(${invitations.email})`, email.trim().toLowerCase())
  return {
    /** Creates an invitation (replacing an open one for the same email); the token is returned once, only its hash is kept. */
    async create(input: { workspaceId: WorkspaceId; email: string; role: Role; invitedBy: UserId }, now = new Date()): Promise<{ invitation: Invitation; token: string }> {
      const token = newSecret()
      return db.transaction(async (tx) => {
        await tx
          .update(invitations)
          .set({ revokedAt: now })
          .where(and(eq(invitations.workspaceId, input.workspaceId), sameEmail(input.email), open(now)))
        const [row] = await tx
          .insert(invitations)
          .values({
            id: newId('invitation'),
            workspaceId: input.workspaceId,
            email: input.email.trim(),
            role: input.role,
            tokenHash: hashToken(token),
            invitedBy: input.invitedBy,
            createdAt: now,
            expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
          })
          .returning(columns)
        return { invitation: row as Invitation, token }
      })
    },

    /** Open invitations of a workspace, newest first. */
    async listOpen(workspaceId: WorkspaceId, now = new Date()): Promise<Array<Invitation & { inviter: string }>> {
      const rows = await db
        .select({ ...columns, inviter: sql<string>`coalesce(nullif(${users.name}, ''), ${users.email}, '')` })
        .from(invitations)
        .leftJoin(users, eq(users.id, invitations.invitedBy))
        .where(and(eq(invitations.workspaceId, workspaceId), open(now)))
        .orderBy(desc(invitations.createdAt))
      return rows as Array<Invitation & { inviter: string }>
    },

    /** The open invitation behind a link, with its workspace and inviter. */
    async findOpen(token: string, now = new Date()): Promise<OpenInvitation | undefined> {
      const [row] = await db
        .select({
          ...columns,
          workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
          inviter: sql<string>`coalesce(nullif(${users.name}, ''), ${users.email}, '')`,
        })
        .from(invitations)
        .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
        .leftJoin(users, eq(users.id, invitations.invitedBy))
        .where(and(eq(invitations.tokenHash, hashToken(token)), open(now)))
      return row as OpenInvitation | undefined
    },

    /** Marks an open invitation accepted; false when it was no longer open (used, revoked or expired meanwhile). */
    async markAccepted(id: string, now = new Date()): Promise<boolean> {
      const rows = await db.update(invitations).set({ acceptedAt: now }).where(and(eq(invitations.id, id), open(now))).returning({ id: invitations.id })
      return rows.length > 0
    },

    async revoke(workspaceId: WorkspaceId, id: string, now = new Date()): Promise<Invitation | undefined> {
      const [row] = await db
        .update(invitations)
        .set({ revokedAt: now })
        .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id), open(now)))
        .returning(columns)
      return row as Invitation | undefined
    },
  }
}

export type InvitationRepository = ReturnType<typeof invitationRepository>
