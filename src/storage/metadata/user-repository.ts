import { eq, sql } from 'drizzle-orm'
import { hashPassword, verifyPassword } from '../../auth/password.ts'
import { AppError } from '../../domain/errors.ts'
import { newId, type UserId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { users } from './schema.ts'
import { isUniqueViolation } from './unique-violation.ts'

export type User = { id: UserId; email: string; name: string; createdAt: Date }

const publicColumns = { id: users.id, email: users.email, name: users.name, createdAt: users.createdAt }
// Verifying against a real hash when the email is unknown keeps response times from revealing which emails exist.
let dummyHash: Promise<string> | undefined
const timingEqualiser = () => (dummyHash ??= hashPassword('waymark-timing-equaliser'))

export function userRepository(db: MetadataDb) {
  const byEmail = (email: string) => eq(sql`lower(${users.email})`, email.trim().toLowerCase())

  return {
    async create(input: { email: string; name?: string; password: string }): Promise<User> {
      const passwordHash = await hashPassword(input.password)
      try {
        const [row] = await db
          .insert(users)
          .values({ id: newId('user'), email: input.email.trim(), name: input.name ?? '', passwordHash })
          .returning(publicColumns)
        return row as User
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', `A user with email ${input.email} already exists`)
        throw err
      }
    },

    async setPassword(id: UserId, password: string): Promise<void> {
      await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, id))
    },

    async findByEmail(email: string): Promise<User | undefined> {
      const [row] = await db.select(publicColumns).from(users).where(byEmail(email))
      return row as User | undefined
    },

    async hasAny(): Promise<boolean> {
      const rows = await db.select({ id: users.id }).from(users).limit(1)
      return rows.length > 0
    },

    async get(id: UserId): Promise<User | undefined> {
      const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id))
      return row as User | undefined
    },

    /** Whether this is the user's password (a password change asks for the current one). */
    async hasPassword(id: UserId, password: string): Promise<boolean> {
      const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id))
      return verifyPassword(password, row?.passwordHash ?? (await timingEqualiser()))
    },

    /** The user when email and password match, otherwise undefined (same timing either way). */
    async verifyCredentials(email: string, password: string): Promise<User | undefined> {
      const [row] = await db.select({ ...publicColumns, passwordHash: users.passwordHash }).from(users).where(byEmail(email))
      const ok = await verifyPassword(password, row?.passwordHash ?? (await timingEqualiser()))
      if (!row || !ok) return undefined
      const { passwordHash: _omit, ...user } = row
      return user as User
    },
  }
}

export type UserRepository = ReturnType<typeof userRepository>
