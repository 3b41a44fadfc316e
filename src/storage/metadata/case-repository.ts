import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm'
import type { CaseStatus } from '../../domain/cases/trigger.ts'
import { newId, type CaseId, type WorkspaceId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { cases } from './schema.ts'
import { updateRow } from './update-row.ts'

export type CaseRecord = {
  id: CaseId
  workspaceId: WorkspaceId
  triggerId: string | null
  journeyId: string | null
  customerId: string
  eventId: string
  eventAt: Date
  reason: string
  step: string | null
  status: CaseStatus
  ownerId: string | null
  openedAt: Date
  dueAt: Date
  escalatedAt: Date | null
  rootCause: string | null
  outcome: string | null
  closedAt: Date | null
  opportunityId: string | null
}
export type CaseInput = Pick<CaseRecord, 'triggerId' | 'journeyId' | 'customerId' | 'eventId' | 'eventAt' | 'reason' | 'step' | 'ownerId' | 'dueAt' | 'opportunityId'>

export function caseRepository(db: MetadataDb) {
  const scoped = (workspaceId: WorkspaceId, id: string) => and(eq(cases.workspaceId, workspaceId), eq(cases.id, id))
  return {
    async list(workspaceId: WorkspaceId, status?: CaseStatus): Promise<CaseRecord[]> {
      return (await db
        .select()
        .from(cases)
        .where(status ? and(eq(cases.workspaceId, workspaceId), eq(cases.status, status)) : eq(cases.workspaceId, workspaceId))
        .orderBy(desc(cases.openedAt))
        .limit(1000)) as CaseRecord[]
    },
    async get(workspaceId: WorkspaceId, id: string): Promise<CaseRecord | undefined> {
      const [row] = await db.select().from(cases).where(scoped(workspaceId, id))
      return row as CaseRecord | undefined
    },
    /** Opens a case once per trigger and event: undefined when that event already opened one. */
    async open(workspaceId: WorkspaceId, input: CaseInput): Promise<CaseRecord | undefined> {
      const [row] = await db
        .insert(cases)
        .values({ id: newId('case'), workspaceId, ...input })
        .onConflictDoNothing({ target: [cases.triggerId, cases.eventId] })
        .returning()
      return row as CaseRecord | undefined
    },
    async update(workspaceId: WorkspaceId, id: string, patch: Partial<Omit<CaseRecord, 'id' | 'workspaceId'>>): Promise<CaseRecord | undefined> {
      const row = await updateRow(db, cases, scoped(workspaceId, id), patch)
      return row as CaseRecord | undefined
    },
    /** Open cases past their due time not escalated yet, marked escalated now (each is returned once). */
    async escalateOverdue(workspaceId: WorkspaceId, now: Date): Promise<CaseRecord[]> {
      return (await db
        .update(cases)
        .set({ escalatedAt: now })
        .where(and(eq(cases.workspaceId, workspaceId), eq(cases.status, 'open'), lt(cases.dueAt, now), isNull(cases.escalatedAt)))
        .returning()) as CaseRecord[]
    },
    /** Per opportunity: its cases, closed ones, and the root causes they found. */
    async evidence(workspaceId: WorkspaceId): Promise<Array<{ opportunityId: string; status: string; rootCause: string | null; n: number }>> {
      const rows = await db
        .select({ opportunityId: cases.opportunityId, status: cases.status, rootCause: cases.rootCause, n: sql<number>`count(*)::int` })
        .from(cases)
        .where(eq(cases.workspaceId, workspaceId))
        .groupBy(cases.opportunityId, cases.status, cases.rootCause)
      return rows.filter((r) => r.opportunityId !== null) as Array<{ opportunityId: string; status: string; rootCause: string | null; n: number }>
    },
  }
}
