import { alertEvaluationRepository } from './alert-evaluation-repository.ts'
import { alertRuleRepository } from './alert-rule-repository.ts'
import { apiKeyRepository } from './api-key-repository.ts'
import { caseRepository } from './case-repository.ts'
import { experimentRepository } from './experiment-repository.ts'
import { auditRepository } from './audit-repository.ts'
import { invitationRepository } from './invitation-repository.ts'
import { journeyRepository } from './journey-repository.ts'
import { opportunityRepository } from './opportunity-repository.ts'
import { personaRepository } from './persona-repository.ts'
import { portfolioSettingsRepository } from './portfolio-settings-repository.ts'
import type { MetadataDb } from './metadata-store.ts'
import { solutionRepository } from './solution-repository.ts'
import { DEFAULT_SESSION_POLICY, sessionRepository, type SessionPolicy } from './session-repository.ts'
import { trackingPlanRepository } from './tracking-plan-repository.ts'
import { triggerRepository } from './trigger-repository.ts'
import { userRepository } from './user-repository.ts'
import { webhookRepository } from './webhook-repository.ts'
import { workspaceRepository } from './workspace-repository.ts'

export type Repositories = ReturnType<typeof repositories>

export function repositories(db: MetadataDb, opts: { sessions?: SessionPolicy } = {}) {
  const trackingPlans = trackingPlanRepository(async (workspaceId) => ({
    strict: (await workspaces.find(workspaceId))?.strictTrackingPlan ?? false,
    journeys: (await journeys.list(workspaceId)).map((j) => j.document),
  }))
  const workspaces = workspaceRepository(db, trackingPlans.forget)
  const journeys = journeyRepository(db, trackingPlans.forget)
  return {
    workspaces,
    users: userRepository(db),
    apiKeys: apiKeyRepository(db),
    sessions: sessionRepository(db, opts.sessions ?? DEFAULT_SESSION_POLICY),
    invitations: invitationRepository(db),
    audit: auditRepository(db),
    personas: personaRepository(db),
    journeys,
    trackingPlans,
    opportunities: opportunityRepository(db),
    solutions: solutionRepository(db),
    portfolioSettings: portfolioSettingsRepository(db),
    experiments: experimentRepository(db),
    webhooks: webhookRepository(db),
    alertRules: alertRuleRepository(db),
    alertEvaluations: alertEvaluationRepository(db),
    triggers: triggerRepository(db),
    cases: caseRepository(db),
  }
}
