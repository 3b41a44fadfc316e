import { and, eq, gt, lt } from 'drizzle-orm'
import { hashToken, newSecret } from '../../auth/tokens.ts'
import { newId, type UserId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { sessions, users } from './schema.ts'
import type { User } from './user-repository.ts'

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000

export type ActiveSession = { user: User; tokenHash: string; expiresAt: Date }

export function sessionRepository(db: MetadataDb) {
  return {
    /** Starts a session and returns its bearer token (kept by the browser in an HTTP-only cookie). */
    async create(userId: UserId, now = new Date()): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
      const token = newSecret()
      const tokenHash = hashToken(token)
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
      await db.insert(sessions).values({ id: newId('session'), userId, tokenHash, expiresAt })
      return { token, tokenHash, expiresAt }
    },

    async find(token: string, now = new Date()): Promise<ActiveSession | undefined> {
      const tokenHash = hashToken(token)
      const [row] = await db
        .select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
      if (!row) return undefined
      const { expiresAt, ...user } = row
      return { user: user as User, tokenHash, expiresAt }
    },

    async delete(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)))
    },

    async deleteExpired(now = new Date()): Promise<number> {
      const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })
      return rows.length
    },
  }
}

export type SessionRepository = ReturnType<typeof sessionRepository>
