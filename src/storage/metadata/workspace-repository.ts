import { and, asc, eq, or } from 'drizzle-orm'
import type { Role } from '../../domain/access.ts'
import { AppError } from '../../domain/errors.ts'
import { newId, type UserId, type WorkspaceId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { memberships, users, workspaces } from './schema.ts'
import { isUniqueViolation } from './unique-violation.ts'
import { updateRow } from './update-row.ts'

export type Workspace = { id: WorkspaceId; slug: string; name: string; strictTrackingPlan: boolean; createdAt: Date }
export type WorkspaceWithRole = Workspace & { role: Role }
export type Member = { userId: UserId; email: string; name: string; role: Role }

/** `changed` hears of every workspace updated (the tracking plans cached for ingestion follow its strictness). */
export function workspaceRepository(db: MetadataDb, changed: (workspaceId: WorkspaceId) => void = () => {}) {
  return {
    async create(input: { slug: string; name: string }): Promise<Workspace> {
      try {
        const [row] = await db
          .insert(workspaces)
          .values({ id: newId('workspace'), slug: input.slug, name: input.name })
          .returning()
        return row as Workspace
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', `A workspace with slug "${input.slug}" already exists`)
        throw err
      }
    },

    /** Every API and CLI entry point takes either the id or the slug. */
    async find(idOrSlug: string): Promise<Workspace | undefined> {
      const [row] = await db
        .select()
        .from(workspaces)
        .where(or(eq(workspaces.id, idOrSlug), eq(workspaces.slug, idOrSlug)))
        .limit(1)
      return row as Workspace | undefined
    },

    async update(id: WorkspaceId, patch: { name?: string; strictTrackingPlan?: boolean }): Promise<Workspace | undefined> {
      const row = await updateRow(db, workspaces, eq(workspaces.id, id), patch)
      changed(id)
      return row as Workspace | undefined
    },

    /** Every workspace (the scheduler's passes go through them all). */
    async listAll(): Promise<Workspace[]> {
      return (await db.select().from(workspaces).orderBy(asc(workspaces.createdAt))) as Workspace[]
    },

    async listForUser(userId: UserId): Promise<WorkspaceWithRole[]> {
      const rows = await db
        .select({
          id: workspaces.id,
          slug: workspaces.slug,
          name: workspaces.name,
          strictTrackingPlan: workspaces.strictTrackingPlan,
          createdAt: workspaces.createdAt,
          role: memberships.role,
        })
        .from(memberships)
        .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(workspaces.slug))
      return rows as WorkspaceWithRole[]
    },

    async roleOf(workspaceId: WorkspaceId, userId: UserId): Promise<Role | null> {
      const [row] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      return row?.role ?? null
    },

    /** Adds the user to the workspace, or changes their role if already a member. */
    async setMember(workspaceId: WorkspaceId, userId: UserId, role: Role): Promise<void> {
      await db
        .insert(memberships)
        .values({ workspaceId, userId, role })
        .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role } })
    },

    async removeMember(workspaceId: WorkspaceId, userId: UserId): Promise<boolean> {
      const rows = await db
        .delete(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
        .returning({ userId: memberships.userId })
      return rows.length > 0
    },

    async members(workspaceId: WorkspaceId): Promise<Member[]> {
      const rows = await db
        .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.workspaceId, workspaceId))
        .orderBy(asc(users.email))
      return rows as Member[]
    },
  }
}

export type WorkspaceRepository = ReturnType<typeof workspaceRepository>
