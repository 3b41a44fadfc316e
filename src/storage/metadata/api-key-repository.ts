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

export function apiKeyRepository(db: MetadataDb) {
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
      const [row] = await db
        .select(columns)
        .from(apiKeys)
        .where(and(eq(apiKeys.tokenHash, hashToken(secret)), isNull(apiKeys.revokedAt)))
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
      return rows.length > 0
    },

    async markUsed(id: ApiKeyId, at: Date): Promise<void> {
      await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id))
    },
  }
}

export type ApiKeyRepository = ReturnType<typeof apiKeyRepository>
