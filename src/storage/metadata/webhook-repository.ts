import { and, asc, eq } from 'drizzle-orm'
import { newId, type WebhookId, type WorkspaceId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { webhooks } from './schema.ts'

export type WebhookFormat = 'json' | 'slack'
export type WebhookRecord = { id: WebhookId; workspaceId: WorkspaceId; name: string; url: string; format: WebhookFormat; createdAt: Date }

export function webhookRepository(db: MetadataDb) {
  const scoped = (workspaceId: WorkspaceId, id: string) => and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id))
  return {
    async list(workspaceId: WorkspaceId): Promise<WebhookRecord[]> {
      return (await db.select().from(webhooks).where(eq(webhooks.workspaceId, workspaceId)).orderBy(asc(webhooks.name))) as WebhookRecord[]
    },
    async get(workspaceId: WorkspaceId, id: string): Promise<WebhookRecord | undefined> {
      const [row] = await db.select().from(webhooks).where(scoped(workspaceId, id))
      return row as WebhookRecord | undefined
    },
    async create(workspaceId: WorkspaceId, input: { name: string; url: string; format: WebhookFormat }): Promise<WebhookRecord> {
      const [row] = await db
        .insert(webhooks)
        .values({ id: newId('webhook'), workspaceId, ...input })
        .returning()
      return row as WebhookRecord
    },
    async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
      return (await db.delete(webhooks).where(scoped(workspaceId, id)).returning({ id: webhooks.id })).length > 0
    },
  }
}
