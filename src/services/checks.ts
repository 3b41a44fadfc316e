import type { WorkspaceId } from '../domain/ids.ts'
import { evaluateAlerts, type CheckDeps, type EvaluationSummary } from './alerts.ts'

export type CheckSummary = { workspace: string; alerts: EvaluationSummary[] }

/** One pass of the scheduled work of a workspace: alert rules on their complete windows. */
export async function runChecks(deps: CheckDeps, workspaceId: WorkspaceId, now = new Date()): Promise<CheckSummary> {
  return { workspace: workspaceId, alerts: await evaluateAlerts(deps, workspaceId, now) }
}
