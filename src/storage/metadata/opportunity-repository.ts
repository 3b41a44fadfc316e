import { and, asc, eq } from 'drizzle-orm'
import { newId, type OpportunityId, type UserId, type WorkspaceId } from '../../domain/ids.ts'
import type { Category, OpportunitySource, OpportunityStatus, PromiseFit, StepLink } from '../../domain/portfolio/opportunity.ts'
import type { MetadataDb } from './metadata-store.ts'
import { opportunities } from './schema.ts'

export type OpportunityRecord = {
  id: OpportunityId
  workspaceId: WorkspaceId
  title: string
  problem: string
  category: Category
  status: OpportunityStatus
  ownerId: UserId | null
  source: OpportunitySource
  steps: StepLink[]
  confidence: number
  effort: number
  promiseFit: PromiseFit
  valueAtRisk: number
  customersAffected: number
  pinnedRank: number | null
  declinedReason: string | null
  revisitAt: Date | null
  declinedValueAtRisk: number | null
  declinedCustomers: number | null
  createdBy: UserId | null
  createdAt: Date
  updatedAt: Date
}

export type OpportunityInput = Pick<
  OpportunityRecord,
  'title' | 'problem' | 'category' | 'ownerId' | 'source' | 'steps' | 'confidence' | 'effort' | 'promiseFit' | 'valueAtRisk' | 'customersAffected'
> & { status?: OpportunityStatus; createdBy: UserId | null }

export type OpportunityPatch = Partial<
  Pick<
    OpportunityRecord,
    | 'title'
    | 'problem'
    | 'category'
    | 'status'
    | 'ownerId'
    | 'steps'
    | 'confidence'
    | 'effort'
    | 'promiseFit'
    | 'valueAtRisk'
    | 'customersAffected'
    | 'pinnedRank'
    | 'declinedReason'
    | 'revisitAt'
    | 'declinedValueAtRisk'
    | 'declinedCustomers'
  >
>

export function opportunityRepository(db: MetadataDb) {
  const scoped = (workspaceId: WorkspaceId, id: string) => and(eq(opportunities.workspaceId, workspaceId), eq(opportunities.id, id))
  return {
    async list(workspaceId: WorkspaceId): Promise<OpportunityRecord[]> {
      return (await db.select().from(opportunities).where(eq(opportunities.workspaceId, workspaceId)).orderBy(asc(opportunities.createdAt))) as OpportunityRecord[]
    },

    async get(workspaceId: WorkspaceId, id: string): Promise<OpportunityRecord | undefined> {
      const [row] = await db.select().from(opportunities).where(scoped(workspaceId, id))
      return row as OpportunityRecord | undefined
    },

    async create(workspaceId: WorkspaceId, input: OpportunityInput): Promise<OpportunityRecord> {
      const [row] = await db
        .insert(opportunities)
        .values({ id: newId('opportunity'), workspaceId, ...input })
        .returning()
      return row as OpportunityRecord
    },

    async update(workspaceId: WorkspaceId, id: string, patch: OpportunityPatch): Promise<OpportunityRecord | undefined> {
      const [row] = await db
        .update(opportunities)
        .set({ ...patch, updatedAt: new Date() })
        .where(scoped(workspaceId, id))
        .returning()
      return row as OpportunityRecord | undefined
    },

    async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
      return (await db.delete(opportunities).where(scoped(workspaceId, id)).returning({ id: opportunities.id })).length > 0
    },
  }
}

export type OpportunityRepository = ReturnType<typeof opportunityRepository>
