import type { WorkspaceId } from '../domain/ids.ts'
import { evaluateAlerts, type CheckDeps, type EvaluationSummary } from './alerts.ts'
import { escalateCases, processTriggers } from './follow-up.ts'

export type CheckSummary = { workspace: string; alerts: EvaluationSummary[]; casesOpened: number; casesEscalated: number }

/** One pass of the scheduled work of a workspace: follow-up triggers, case escalation, alert rules on their complete windows. */
export async function runChecks(deps: CheckDeps, workspaceId: WorkspaceId, now = new Date()): Promise<CheckSummary> {
  const opened = await processTriggers(deps, workspaceId, now)
  const escalated = await escalateCases(deps, workspaceId, now)
  return { workspace: workspaceId, casesOpened: opened.length, casesEscalated: escalated.length, alerts: await evaluateAlerts(deps, workspaceId, now) }
}
