import { and, asc, eq } from 'drizzle-orm'
import { newId, type OpportunityId, type SolutionId, type WorkspaceId } from '../../domain/ids.ts'
import type { SolutionStatus } from '../../domain/portfolio/opportunity.ts'
import type { MetadataDb } from './metadata-store.ts'
import { solutions } from './schema.ts'
import { updateRow } from './update-row.ts'

export type SolutionRecord = {
  id: SolutionId
  workspaceId: WorkspaceId
  opportunityId: OpportunityId
  title: string
  status: SolutionStatus
  /** ISO dates (YYYY-MM-DD). */
  startDate: string | null
  dueDate: string | null
  position: number
  createdAt: Date
}

export type SolutionInput = Pick<SolutionRecord, 'title' | 'status' | 'startDate' | 'dueDate'>

export function solutionRepository(db: MetadataDb) {
  const scoped = (workspaceId: WorkspaceId, id: string) => and(eq(solutions.workspaceId, workspaceId), eq(solutions.id, id))
  return {
    async list(workspaceId: WorkspaceId): Promise<SolutionRecord[]> {
      return (await db.select().from(solutions).where(eq(solutions.workspaceId, workspaceId)).orderBy(asc(solutions.position), asc(solutions.createdAt))) as SolutionRecord[]
    },

    async create(workspaceId: WorkspaceId, opportunityId: OpportunityId, input: SolutionInput): Promise<SolutionRecord> {
      const siblings = await db.select({ position: solutions.position }).from(solutions).where(eq(solutions.opportunityId, opportunityId))
      const position = siblings.reduce((max, s) => Math.max(max, s.position + 1), 0)
      const [row] = await db
        .insert(solutions)
        .values({ id: newId('solution'), workspaceId, opportunityId, position, ...input })
        .returning()
      return row as SolutionRecord
    },

    async update(workspaceId: WorkspaceId, id: string, patch: Partial<SolutionInput & { position: number }>): Promise<SolutionRecord | undefined> {
      const row = await updateRow(db, solutions, scoped(workspaceId, id), patch)
      return row as SolutionRecord | undefined
    },

    async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
      return (await db.delete(solutions).where(scoped(workspaceId, id)).returning({ id: solutions.id })).length > 0
    },
  }
}

export type SolutionRepository = ReturnType<typeof solutionRepository>
