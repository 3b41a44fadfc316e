import { and, desc, eq, gt, isNull, or } from 'drizzle-orm'
import { hashToken, newApiKey, type KeyKind } from '../../auth/tokens.ts'
import { newId, type ApiKeyId, type UserId, type WorkspaceId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { apiKeys } from './schema.ts'

export type ApiKey = {
  id: ApiKeyId
  workspaceId: WorkspaceId
  kind: KeyKind
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
  expiresAt: Date | null
  allowedIps: string[]
}

const columns = {
  id: apiKeys.id,
  workspaceId: apiKeys.workspaceId,
  kind: apiKeys.kind,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  expiresAt: apiKeys.expiresAt,
  allowedIps: apiKeys.allowedIps,
}

/** How long a verified key is trusted without asking the database again; revoking in this process takes effect at once. */
const KEY_CACHE_MS = 5_000
/** `lastUsedAt` is a hint for humans: written at most this often per key, not on every collector request. */
const MARK_USED_EVERY_MS = 60_000

export function apiKeyRepository(db: MetadataDb) {
  // The collector verifies a key per request; at thousands of requests a second the lookup and
  // the lastUsedAt update would cost more than storing the events.
  const verified = new Map<string, { key: ApiKey; until: number }>()
  const lastMarked = new Map<ApiKeyId, number>()
  return {
    /** Creates a key; the plaintext secret is returned once and only its hash is stored. */
    async create(input: {
      workspaceId: WorkspaceId
      kind: KeyKind
      name: string
      createdBy?: UserId
      expiresAt?: Date | null
      allowedIps?: string[]
    }): Promise<{ key: ApiKey; secret: string }> {
      const secret = newApiKey(input.kind)
      const [row] = await db
        .insert(apiKeys)
        .values({
          id: newId('api_key'),
          workspaceId: input.workspaceId,
          kind: input.kind,
          name: input.name,
          prefix: secret.slice(0, 12),
          tokenHash: hashToken(secret),
          createdBy: input.createdBy ?? null,
          expiresAt: input.expiresAt ?? null,
          allowedIps: input.allowedIps ?? [],
        })
        .returning(columns)
      return { key: row as ApiKey, secret }
    },

    /** The live key with this secret, if any: not revoked, not expired. */
    async findBySecret(secret: string, now = new Date()): Promise<ApiKey | undefined> {
      const hash = hashToken(secret)
      const cached = verified.get(hash)
      if (cached && cached.until > now.getTime()) return isLive(cached.key, now) ? cached.key : undefined
      const [row] = await db
        .select(columns)
        .from(apiKeys)
        .where(and(eq(apiKeys.tokenHash, hash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))))
      if (row) verified.set(hash, { key: row as ApiKey, until: now.getTime() + KEY_CACHE_MS })
      else verified.delete(hash)
      return row as ApiKey | undefined
    },

    async list(workspaceId: WorkspaceId): Promise<ApiKey[]> {
      const rows = await db.select(columns).from(apiKeys).where(eq(apiKeys.workspaceId, workspaceId)).orderBy(desc(apiKeys.createdAt))
      return rows as ApiKey[]
    },

    async revoke(workspaceId: WorkspaceId, id: ApiKeyId): Promise<boolean> {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id })
      for (const [hash, { key }] of verified) if (key.id === id) verified.delete(hash)
      return rows.length > 0
    },

    async get(workspaceId: WorkspaceId, id: ApiKeyId): Promise<ApiKey | undefined> {
      const [row] = await db.select(columns).from(apiKeys).where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)))
      return row as ApiKey | undefined
    },

    async markUsed(id: ApiKeyId, at: Date): Promise<void> {
      if (at.getTime() - (lastMarked.get(id) ?? -Infinity) < MARK_USED_EVERY_MS) return
      lastMarked.set(id, at.getTime())
      await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id))
    },
  }
}

const isLive = (key: ApiKey, now: Date) => key.expiresAt === null || key.expiresAt > now

export type ApiKeyRepository = ReturnType<typeof apiKeyRepository>
