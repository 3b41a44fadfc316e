import { and, asc, eq, lt } from 'drizzle-orm'
import type { TriggerCondition } from '../../domain/cases/trigger.ts'
import { newId, type TriggerId, type WorkspaceId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { triggers } from './schema.ts'
import { updateRow } from './update-row.ts'

export type TriggerRecord = {
  id: TriggerId
  workspaceId: WorkspaceId
  journeyId: string
  name: string
  condition: TriggerCondition
  slaHours: number
  ownerId: string | null
  webhookId: string | null
  opportunityId: string | null
  enabled: boolean
  watermark: number
  createdAt: Date
}
export type TriggerInput = Pick<TriggerRecord, 'journeyId' | 'name' | 'condition' | 'slaHours' | 'ownerId' | 'webhookId' | 'opportunityId' | 'enabled'>

export function triggerRepository(db: MetadataDb) {
  const scoped = (workspaceId: WorkspaceId, id: string) => and(eq(triggers.workspaceId, workspaceId), eq(triggers.id, id))
  return {
    async list(workspaceId: WorkspaceId): Promise<TriggerRecord[]> {
      return (await db.select().from(triggers).where(eq(triggers.workspaceId, workspaceId)).orderBy(asc(triggers.createdAt))) as TriggerRecord[]
    },
    async get(workspaceId: WorkspaceId, id: string): Promise<TriggerRecord | undefined> {
      const [row] = await db.select().from(triggers).where(scoped(workspaceId, id))
      return row as TriggerRecord | undefined
    },
    async create(workspaceId: WorkspaceId, input: TriggerInput & { watermark: number }): Promise<TriggerRecord> {
      const [row] = await db
        .insert(triggers)
        .values({ id: newId('trigger'), workspaceId, ...input })
        .returning()
      return row as TriggerRecord
    },
    async update(workspaceId: WorkspaceId, id: string, patch: Partial<TriggerInput>): Promise<TriggerRecord | undefined> {
      const row = await updateRow(db, triggers, scoped(workspaceId, id), patch)
      return row as TriggerRecord | undefined
    },
    /** Moves the watermark forward only (a slower concurrent run never moves it back). */
    async advance(id: string, watermark: number): Promise<void> {
      await db.update(triggers).set({ watermark }).where(and(eq(triggers.id, id), lt(triggers.watermark, watermark)))
    },
    async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
      return (await db.delete(triggers).where(scoped(workspaceId, id)).returning({ id: triggers.id })).length > 0
    },
  }
}
