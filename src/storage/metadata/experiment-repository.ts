import { and, desc, eq } from 'drizzle-orm'
import { newId, type ExperimentId, type UserId, type WorkspaceId } from '../../domain/ids.ts'
import type { ExperimentMetric, ExperimentMode, ExperimentStatus, Variant } from '../../domain/experiments/experiment.ts'
import type { MetadataDb } from './metadata-store.ts'
import { experiments } from './schema.ts'

export type ExperimentRecord = {
  id: ExperimentId
  workspaceId: WorkspaceId
  journeyId: string
  step: string
  name: string
  hypothesis: string
  variants: Variant[]
  primaryMetric: ExperimentMetric
  guardrails: ExperimentMetric[]
  mode: ExperimentMode
  alpha: number
  power: number
  mde: number
  baseline: number
  plannedPerVariant: number
  status: ExperimentStatus
  startAt: Date | null
  stopAt: Date | null
  opportunityId: string | null
  createdBy: UserId | null
  createdAt: Date
  updatedAt: Date
}

export type ExperimentInput = Omit<ExperimentRecord, 'id' | 'workspaceId' | 'createdAt' | 'updatedAt'>

export function experimentRepository(db: MetadataDb) {
  const scoped = (workspaceId: WorkspaceId, id: string) => and(eq(experiments.workspaceId, workspaceId), eq(experiments.id, id))
  return {
    async list(workspaceId: WorkspaceId): Promise<ExperimentRecord[]> {
      return (await db.select().from(experiments).where(eq(experiments.workspaceId, workspaceId)).orderBy(desc(experiments.createdAt))) as ExperimentRecord[]
    },
    async get(workspaceId: WorkspaceId, id: string): Promise<ExperimentRecord | undefined> {
      const [row] = await db.select().from(experiments).where(scoped(workspaceId, id))
      return row as ExperimentRecord | undefined
    },
    async create(workspaceId: WorkspaceId, input: ExperimentInput): Promise<ExperimentRecord> {
      const [row] = await db
        .insert(experiments)
        .values({ id: newId('experiment'), workspaceId, ...input })
        .returning()
      return row as ExperimentRecord
    },
    async update(workspaceId: WorkspaceId, id: string, patch: Partial<ExperimentInput>): Promise<ExperimentRecord | undefined> {
      const [row] = await db
        .update(experiments)
        .set({ ...patch, updatedAt: new Date() })
        .where(scoped(workspaceId, id))
        .returning()
      return row as ExperimentRecord | undefined
    },
    async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
      return (await db.delete(experiments).where(scoped(workspaceId, id)).returning({ id: experiments.id })).length > 0
    },
  }
}
