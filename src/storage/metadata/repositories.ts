import { apiKeyRepository } from './api-key-repository.ts'
import { auditRepository } from './audit-repository.ts'
import { invitationRepository } from './invitation-repository.ts'
import { journeyRepository } from './journey-repository.ts'
import { personaRepository } from './persona-repository.ts'
import type { MetadataDb } from './metadata-store.ts'
import { DEFAULT_SESSION_POLICY, sessionRepository, type SessionPolicy } from './session-repository.ts'
import { trackingPlanRepository } from './tracking-plan-repository.ts'
import { userRepository } from './user-repository.ts'
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
  }
}
