import type { WorkspaceId } from '../../domain/ids.ts'
import type { JourneyDocument } from '../../domain/journey/journey.ts'
import { trackingPlanCovers, type PlannedEvent } from '../../domain/journey/tracking-plan.ts'

export type WorkspacePlan = { strict: boolean; covers: (e: PlannedEvent) => boolean }

/** How long a compiled plan serves before it is read again; changes made in this process take effect at once. */
const PLAN_CACHE_MS = 5_000

/**
 * Workspaces' tracking plans (strictness and the journeys' mapping rules),
 * compiled and cached for ingestion, which consults them per request. The
 * workspace and journey repositories call `forget` when they change one.
 */
export function trackingPlanRepository(load: (workspaceId: WorkspaceId) => Promise<{ strict: boolean; journeys: JourneyDocument[] }>) {
  const cache = new Map<WorkspaceId, { plan: Promise<WorkspacePlan>; until: number }>()
  const forWorkspace = (workspaceId: WorkspaceId): Promise<WorkspacePlan> => {
    const hit = cache.get(workspaceId)
    if (hit && hit.until > Date.now()) return hit.plan
    const plan = load(workspaceId).then(({ strict, journeys }) => ({ strict, covers: trackingPlanCovers(journeys) }))
    cache.set(workspaceId, { plan, until: Date.now() + PLAN_CACHE_MS })
    plan.catch(() => cache.delete(workspaceId))
    return plan
  }
  return {
    forWorkspace,
    /** The plan's test for events when the workspace is strict; undefined when every event is simply stored. */
    async strictCheck(workspaceId: WorkspaceId): Promise<WorkspacePlan['covers'] | undefined> {
      const plan = await forWorkspace(workspaceId)
      return plan.strict ? plan.covers : undefined
    },
    forget(workspaceId: WorkspaceId): void {
      cache.delete(workspaceId)
    },
  }
}

export type TrackingPlanRepository = ReturnType<typeof trackingPlanRepository>
