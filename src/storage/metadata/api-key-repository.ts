import { and, desc, eq, isNull } from 'drizzle-orm'
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
    async create(input: { workspaceId: WorkspaceId; kind: KeyKind; name: string; createdBy?: UserId }): Promise<{ key: ApiKey; secret: string }> {
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
        })
        .returning(columns)
      return { key: row as ApiKey, secret }
    },

    /** The live (not revoked) key with this secret, if any. */
    async findBySecret(secret: string): Promise<ApiKey | undefined> {
      const hash = hashToken(secret)
      const cached = verified.get(hash)
      if (cached && cached.until > Date.now()) return cached.key
      const [row] = await db
        .select(columns)
        .from(apiKeys)
        .where(and(eq(apiKeys.tokenHash, hash), isNull(apiKeys.revokedAt)))
      if (row) verified.set(hash, { key: row as ApiKey, until: Date.now() + KEY_CACHE_MS })
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

    async markUsed(id: ApiKeyId, at: Date): Promise<void> {
      if (at.getTime() - (lastMarked.get(id) ?? -Infinity) < MARK_USED_EVERY_MS) return
      lastMarked.set(id, at.getTime())
      await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id))
    },
  }
}

export type ApiKeyRepository = ReturnType<typeof apiKeyRepository>
