import { analysisScope, previousPeriod, type AnalysisFilter } from '../analytics/analysis-scope.ts'
import type { Driver } from '../analytics/get-drivers.ts'
import { getChannelUsage, type ChannelUsage } from '../analytics/get-channel-usage.ts'
import { getOutcomeShares, type OutcomeShare } from '../analytics/get-outcome-shares.ts'
import type { RedPoint } from '../analytics/get-red-points.ts'
import { withMaterializedScope } from '../analytics/materialized-scope.ts'
import { desiredOutcomesOf } from '../domain/journey/desired-outcomes.ts'
import type { OutcomeMeasure } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { StoredJourney } from '../storage/metadata/journey-repository.ts'
import type { WorkspaceAnalyses } from './analysis-admission.ts'
import type { CachedAnalysis } from './analysis-cache.ts'

export type BriefOutcome = {
  text: string
  measure: OutcomeMeasure | null
  now: OutcomeShare | null
  before: OutcomeShare | null
  /** Share now − share in the previous period, in share points; null without both. */
  trend: number | null
}

/** The five questions a CX team must answer about a journey, from measured data (the words come from the journey document). */
export type JourneyBrief = {
  customers: number
  previousPeriod: { from: string; to: string } | null
  outcomes: BriefOutcome[]
  channels: ChannelUsage[]
  touchpoints: Array<{ stage: string; step: string; customers: number; reach: number }>
  redPoints: RedPoint[]
  drivers: Driver[]
}

const TOP_DRIVERS = 5

/** Outcome shares and channel usage for one period, reading the scope's paths once. */
async function measured(events: EventStore, workspaceId: string, journey: StoredJourney, filter: AnalysisFilter, measures: OutcomeMeasure[]) {
  const scope = analysisScope(workspaceId, journey.document, filter)
  return withMaterializedScope(events, scope, ['times', 'channels', ...(measures.some((m) => m.kind === 'score') ? (['answers'] as const) : [])], async (s) => ({
    outcomes: await getOutcomeShares(events, s, measures, filter.to),
    channels: await getChannelUsage(events, s),
  }))
}

/**
 * The journey's brief: its desired outcomes with the share of customers for whom each is met and the
 * trend against the previous period of equal length; the channels and touchpoints its customers use;
 * where they fail (red points with value at risk, from the cached map analysis) and why (the strongest drivers).
 */
export async function journeyBrief(
  deps: { events: EventStore; analyses: CachedAnalysis; admission: WorkspaceAnalyses },
  workspaceId: string,
  journey: StoredJourney,
  filter: AnalysisFilter,
): Promise<JourneyBrief> {
  const outcomes = desiredOutcomesOf(journey.document)
  const measures = outcomes.flatMap((o) => (o.measure ? [o.measure] : []))
  const before = previousPeriod(filter)
  // The map's analysis from its cache (admitted there when it computes), then the brief's own measures under the memory budget.
  const analysis = await deps.analyses(workspaceId, journey, filter)
  const { now, then } = await deps.admission.run(workspaceId, async () => ({
    now: await measured(deps.events, workspaceId, journey, filter, measures),
    then: before && measures.length ? await measured(deps.events, workspaceId, journey, before, measures) : undefined,
  }))
  let n = 0
  return {
    customers: analysis.report.customers,
    previousPeriod: before ? { from: before.from!.toISOString(), to: before.to!.toISOString() } : null,
    outcomes: outcomes.map((o) => {
      if (!o.measure) return { text: o.text, measure: null, now: null, before: null, trend: null }
      const i = n++
      const share = now.outcomes[i]!
      const earlier = then?.outcomes[i] ?? null
      return { text: o.text, measure: o.measure, now: share, before: earlier, trend: share.share !== null && earlier?.share != null ? share.share - earlier.share : null }
    }),
    channels: now.channels,
    touchpoints: analysis.touchpoints.map((t) => ({ stage: t.stage, step: t.step, customers: t.customers, reach: t.reach })).sort((a, b) => b.reach - a.reach),
    redPoints: analysis.redPoints,
    drivers: [...analysis.drivers].sort((a, b) => b.lift - a.lift).slice(0, TOP_DRIVERS),
  }
}
