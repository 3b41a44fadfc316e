import { and, eq, gt, lt, ne, or } from 'drizzle-orm'
import { hashToken, newSecret } from '../../auth/tokens.ts'
import { newId, type UserId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { sessions, users } from './schema.ts'
import type { User } from './user-repository.ts'

/** Absolute lifetime (however active) and idle lifetime (since the last request) of a session. */
export type SessionPolicy = { maxMs: number; idleMs: number }
export const DEFAULT_SESSION_POLICY: SessionPolicy = { maxMs: 14 * 24 * 3600_000, idleMs: 24 * 3600_000 }

export type ActiveSession = { user: User; tokenHash: string; expiresAt: Date }

/** `lastSeenAt` is refreshed at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60_000

export function sessionRepository(db: MetadataDb, policy: SessionPolicy = DEFAULT_SESSION_POLICY) {
  const live = (now: Date) => and(gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, new Date(now.getTime() - policy.idleMs)))
  return {
    policy,
    /** Starts a session and returns its bearer token (kept by the browser in an HTTP-only cookie). */
    async create(userId: UserId, now = new Date()): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
      const token = newSecret()
      const tokenHash = hashToken(token)
      const expiresAt = new Date(now.getTime() + policy.maxMs)
      await db.insert(sessions).values({ id: newId('session'), userId, tokenHash, expiresAt, lastSeenAt: now })
      return { token, tokenHash, expiresAt }
    },

    /** The live session of this token (neither past its absolute end nor idle too long); marks it as seen. */
    async find(token: string, now = new Date()): Promise<ActiveSession | undefined> {
      const tokenHash = hashToken(token)
      const [row] = await db
        .select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), live(now)))
      if (!row) return undefined
      const { expiresAt, lastSeenAt, ...user } = row
      if (now.getTime() - lastSeenAt.getTime() > TOUCH_EVERY_MS) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash))
      return { user: user as User, tokenHash, expiresAt }
    },

    async delete(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)))
    },

    /** Ends every session of a user but the one kept (sign-out everywhere, password change); returns how many ended. */
    async deleteForUser(userId: UserId, keepTokenHash?: string): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), keepTokenHash ? ne(sessions.tokenHash, keepTokenHash) : undefined))
        .returning({ id: sessions.id })
      return rows.length
    },

    /** Removes sessions past their absolute end or idle too long. */
    async deleteExpired(now = new Date()): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - policy.idleMs))))
        .returning({ id: sessions.id })
      return rows.length
    },
  }
}

export type SessionRepository = ReturnType<typeof sessionRepository>
