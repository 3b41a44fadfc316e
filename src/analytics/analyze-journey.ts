import type { JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { analysisScope, filtersOnlyPeriod, previousPeriod, type AnalysisFilter, type Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { getConformance, type Conformance } from './get-conformance.ts'
import { getDrivers, type Driver } from './get-drivers.ts'
import { getFlow } from './get-flow.ts'
import { findRedPoints, type RedPoint } from './get-red-points.ts'
import { getTouchpointKpis, stepEventCounts, type FeedbackKpi, type TouchpointKpi, type TouchpointReport } from './get-touchpoint-kpis.ts'
import { getTrackingPlan } from './get-tracking-plan.ts'
import { ALL_PARTS, withMaterializedScope } from './materialized-scope.ts'
import { stepName, type NamedScope } from './scope-names.ts'

/** The stable `waymark analyze --format json` contract (documented in the README). */
export type Analysis = {
  summary: { events: number; customers: number; from: string | null; to: string | null }
  touchpoints: Array<
    Pick<TouchpointKpi, 'stage' | 'step' | 'events' | 'customers' | 'reach' | 'repeatRate' | 'contactRepeatRate' | 'exitRate' | 'medianHoursToNext'> & {
      feedback: Omit<FeedbackKpi, 'csatPercent'> | null
    }
  >
  flow: { dfg: Array<[string, string, number]>; start: Record<string, number>; end: Record<string, number> }
  variants: Array<{ path: string[]; customers: number }>
  conformance: Conformance
  blindSpots: { darkTouchpoints: Array<{ stage: string; step: string }>; unmappedEvents: Array<{ event: string; channel: string; count: number }> }
  redPoints: RedPoint[]
  drivers: Driver[]
}

/** The variants the journey map's analysis keeps: the most frequent (the server asks for these; the CLI for all). */
export const MAP_VARIANTS = 500

/** The contract plus what the web UI reads besides: the touchpoint report of the scope and of the previous period (for trends). */
export type FullAnalysis = Analysis & { report: TouchpointReport; previousReport: TouchpointReport | undefined }

/**
 * Process-mining mode: without a designed journey, every event name is a step
 * of a single stage, matched by name, in order of first appearance.
 */
export async function rawEventJourney(events: EventStore, workspaceId: string): Promise<JourneyDocument> {
  const names = await events.query<{ event: string }>(
    "SELECT event FROM events WHERE workspace_id = {ws:String} AND event != '' GROUP BY event ORDER BY min(ts), event",
    { ws: workspaceId },
  )
  return {
    format: 'waymark.journey/v1',
    name: 'Events',
    stages: [{ key: 'events', name: 'Events', steps: names.map(({ event }) => ({ key: event, name: event, match: [{ event }] })) }],
  }
}

/** Where the scope's paths most often end: process-mining mode takes it as the goal, so ending there is not an exit. */
async function mostCommonEnd(events: EventStore, scope: NamedScope): Promise<string | undefined> {
  const [end] = await events.query<{ step: number }>(
    `SELECT path[-1] AS step FROM (${customerPathsSql(scope)}) GROUP BY step ORDER BY count() DESC, {scope_steps:Array(String)}[step] LIMIT 1`,
    scope.params,
  )
  return end ? stepName(scope, end.step) : undefined
}

/**
 * Every analysis of a journey over one scope, run in the engine; the previous
 * period (same length) feeds the trends. Without a journey, the events' names
 * are the steps and the goal is where the scope's paths most often end, read
 * from the same materialised paths as everything else.
 */
export async function analyzeJourney(
  events: EventStore,
  workspaceId: string,
  journey: JourneyDocument | undefined,
  filter: AnalysisFilter = {},
  opts: { variantLimit?: number } = {},
): Promise<FullAnalysis> {
  const mapped = journey ?? (await rawEventJourney(events, workspaceId))
  const before = previousPeriod(filter)
  // Filtered by nothing but the period, the scope's events are the tracking plan's: its unmapped events come from the same pass.
  const parts = filtersOnlyPeriod(filter) ? [...ALL_PARTS, 'unmapped' as const] : ALL_PARTS
  return withMaterializedScope(events, analysisScope(workspaceId, mapped, filter), parts, async (scope) => {
    const goal = journey ? undefined : await mostCommonEnd(events, scope)
    const doc = goal ? { ...mapped, goal } : mapped
    // The previous period only feeds the touchpoint trends, which materialise what they read of it themselves.
    const previous = before ? analysisScope(workspaceId, doc, before) : undefined
    return analyzeScopes(events, workspaceId, doc, journey !== undefined, filter, scope, previous, opts)
  })
}

async function analyzeScopes(
  events: EventStore,
  workspaceId: string,
  doc: JourneyDocument,
  designed: boolean,
  filter: AnalysisFilter,
  scope: Scope,
  previous: Scope | undefined,
  opts: { variantLimit?: number },
): Promise<FullAnalysis> {
  // What grouping the events by customer used is not needed any more: hand it back before the measures run.
  await events.releaseMemory()
  const reported = getTouchpointKpis(events, scope, doc)
  const [[summary], report, previousReport, flow, conformance, plan, drivers] = await Promise.all([
    // One row per customer with a path or an answer; an answer that is no path event counts as an event of its own.
    events.query<{ events: string; customers: string; from: string | null; to: string | null }>(
      `SELECT sum(length(counted)) AS events, count() AS customers, if(events = 0, NULL, min(arrayMin(counted))) AS from, if(events = 0, NULL, max(arrayMax(counted))) AS to
       FROM (SELECT arrayConcat(times, arrayMap(a -> a.ts, arrayFilter(a -> NOT a.on_path, answers))) AS counted FROM (${customerPathsSql(scope, ['times', 'answers'])}))`,
      scope.params,
    ),
    reported,
    previous ? getTouchpointKpis(events, previous, doc) : undefined,
    getFlow(events, scope, opts),
    getConformance(events, scope, doc.stages.map((s) => s.key)),
    // Each step's events are its touchpoint's: the plan counts only what no step maps.
    reported.then((r) => getTrackingPlan(events, workspaceId, doc, filter, { customers: false, inScope: { scope, stepEvents: stepEventCounts(r) } })),
    getDrivers(events, scope, designed ? doc : undefined),
  ])
  return {
    summary: { events: Number(summary?.events ?? 0), customers: Number(summary?.customers ?? 0), from: summary?.from ?? null, to: summary?.to ?? null },
    touchpoints: report.touchpoints.map((t) => {
      const main = [...t.feedback].sort((a, b) => b.n - a.n)[0]
      return {
        stage: t.stage,
        step: t.step,
        events: t.events,
        customers: t.customers,
        reach: t.reach,
        repeatRate: t.repeatRate,
        contactRepeatRate: t.contactRepeatRate,
        exitRate: t.exitRate,
        medianHoursToNext: t.medianHoursToNext,
        feedback: main ? { kind: main.kind, mean: main.mean, n: main.n, nps: main.nps } : null,
      }
    }),
    flow: { dfg: flow.dfg, start: flow.start, end: flow.end },
    variants: flow.variants.map((v) => ({ path: v.path, customers: v.customers })),
    conformance,
    blindSpots: {
      darkTouchpoints: designed ? plan.darkTouchpoints : [],
      unmappedEvents: plan.unmappedEvents.map((u) => ({ event: u.event, channel: u.channel, count: u.count })),
    },
    redPoints: findRedPoints(report, { previous: previousReport }),
    drivers,
    report,
    previousReport,
  }
}
