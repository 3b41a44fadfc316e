import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { newId, type UserId, type WorkspaceId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { auditLog, memberships } from './schema.ts'

/** Every action the audit log records. */
export const AUDIT_ACTIONS = [
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_out.everywhere',
  'password.changed',
  'workspace.created',
  'workspace.updated',
  'key.created',
  'key.revoked',
  'member.invited',
  'invitation.revoked',
  'invitation.accepted',
  'member.role_changed',
  'member.removed',
  'customer.erased',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export type AuditEntry = {
  workspaceId?: WorkspaceId | null
  userId?: UserId | null
  actor: string
  action: AuditAction
  target?: string
  details?: Record<string, unknown>
  ip?: string
}
export type AuditRecord = Required<Omit<AuditEntry, 'workspaceId' | 'userId'>> & { id: string; workspaceId: string | null; userId: string | null; createdAt: Date }

export function auditRepository(db: MetadataDb) {
  /** A workspace's own entries, and the sign-in and account entries of its current members. */
  const ofWorkspace = (workspaceId: WorkspaceId) =>
    or(
      eq(auditLog.workspaceId, workspaceId),
      and(isNull(auditLog.workspaceId), inArray(auditLog.userId, db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, workspaceId)))),
    )
  return {
    async record(entry: AuditEntry, at = new Date()): Promise<void> {
      await db.insert(auditLog).values({
        id: newId('audit'),
        workspaceId: entry.workspaceId ?? null,
        userId: entry.userId ?? null,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? '',
        details: entry.details ?? {},
        ip: entry.ip ?? '',
        createdAt: at,
      })
    },

    async list(workspaceId: WorkspaceId, page: { limit: number; offset: number; action?: AuditAction }): Promise<{ total: number; entries: AuditRecord[] }> {
      const where = and(ofWorkspace(workspaceId), page.action ? eq(auditLog.action, page.action) : undefined)
      const [entries, [count]] = await Promise.all([
        db.select().from(auditLog).where(where).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(page.limit).offset(page.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
      ])
      return { total: Number(count?.n ?? 0), entries: entries as AuditRecord[] }
    },
  }
}

export type AuditRepository = ReturnType<typeof auditRepository>
