import { and, asc, eq } from 'drizzle-orm'
import type { AlertKind, AlertState, AlertWindow } from '../../domain/alerts/alert-rule.ts'
import { newId, type AlertRuleId, type WorkspaceId } from '../../domain/ids.ts'
import type { MetadataDb } from './metadata-store.ts'
import { alertRules } from './schema.ts'
import { updateRow } from './update-row.ts'

export type AlertRuleRecord = {
  id: AlertRuleId
  workspaceId: WorkspaceId
  journeyId: string
  name: string
  kind: AlertKind
  step: string | null
  segment: { trait: string; value: string } | null
  scoreKind: string | null
  threshold: number
  window: AlertWindow
  baselineWindows: number
  pendingEvaluations: number
  minSample: number
  webhookId: string | null
  enabled: boolean
  state: AlertState
  stateSince: Date
  consecutive: number
  firingNotified: boolean
  lastWindowEnd: Date | null
  lastValue: number | null
  snoozedUntil: Date | null
  knownRedPoints: string[]
  createdAt: Date
}

export type AlertRuleInput = Pick<
  AlertRuleRecord,
  'journeyId' | 'name' | 'kind' | 'step' | 'segment' | 'scoreKind' | 'threshold' | 'window' | 'baselineWindows' | 'pendingEvaluations' | 'minSample' | 'webhookId' | 'enabled'
>

export function alertRuleRepository(db: MetadataDb) {
  const scoped = (workspaceId: WorkspaceId, id: string) => and(eq(alertRules.workspaceId, workspaceId), eq(alertRules.id, id))
  return {
    async list(workspaceId: WorkspaceId): Promise<AlertRuleRecord[]> {
      return (await db.select().from(alertRules).where(eq(alertRules.workspaceId, workspaceId)).orderBy(asc(alertRules.createdAt))) as AlertRuleRecord[]
    },
    async get(workspaceId: WorkspaceId, id: string): Promise<AlertRuleRecord | undefined> {
      const [row] = await db.select().from(alertRules).where(scoped(workspaceId, id))
      return row as AlertRuleRecord | undefined
    },
    async create(workspaceId: WorkspaceId, input: AlertRuleInput & { knownRedPoints: string[] }): Promise<AlertRuleRecord> {
      const [row] = await db
        .insert(alertRules)
        .values({ id: newId('alert_rule'), workspaceId, ...input })
        .returning()
      return row as AlertRuleRecord
    },
    async update(workspaceId: WorkspaceId, id: string, patch: Partial<Omit<AlertRuleRecord, 'id' | 'workspaceId' | 'createdAt'>>): Promise<AlertRuleRecord | undefined> {
      const row = await updateRow(db, alertRules, scoped(workspaceId, id), patch)
      return row as AlertRuleRecord | undefined
    },
    async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
      return (await db.delete(alertRules).where(scoped(workspaceId, id)).returning({ id: alertRules.id })).length > 0
    },
  }
}
