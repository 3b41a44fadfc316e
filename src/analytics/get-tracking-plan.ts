import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { chTime } from '../storage/events/rows.ts'
import type { Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { stepName, type NamedScope } from './scope-names.ts'
import { stepMatcher } from './step-matcher.ts'

export type Period = { from?: Date; to?: Date }

export type TrackingPlan = {
  period: { from: string | null; to: string | null }
  touchpoints: Array<{ stage: string; step: string; channel: string | null; events: number; customers: number; dark: boolean }>
  darkTouchpoints: Array<{ stage: string; step: string }>
  unmappedEvents: Array<{ event: string; channel: string; count: number; customers: number }>
}

/**
 * The journey's mapping rules are its tracking plan. Per step: how many events
 * and customers it received (dark = none in the period); and the events that
 * map to no step. A feedback answer counts at the step its event name maps
 * to, if any, but is never unmapped: it is tied to a touchpoint by its own
 * `touchpoint` field. Aggregated in the engine;
 * `customers: false` leaves out the (costlier) distinct customer counts.
 * `scope`: the materialised scope of an analysis of the same period, filtered
 * by nothing else; when it holds the unmapped events (see ALL_PARTS), the
 * counts come from its rows instead of another pass over the events.
 */
export async function getTrackingPlan(
  events: EventStore,
  workspaceId: string,
  doc: JourneyDocument,
  period: Period = {},
  opts: { customers?: boolean; scope?: Scope } = {},
): Promise<TrackingPlan> {
  const keys = allSteps(doc).map(({ step }) => step.key)
  const { scope } = opts
  // Step numbers are the journey's positions, or the scope's (see ScopeNames).
  const rows =
    opts.customers === false && scope?.names && scope.tables?.parts.includes('unmapped')
      ? (await countedInScope(events, scope)).map((r) => ({ ...r, step: stepName(scope as NamedScope, r.step) }))
      : (await countedInEvents(events, workspaceId, doc, period, opts)).map((r) => ({ ...r, step: keys[Number(r.step) - 1] ?? '' }))
  const perStep = rows.filter((r) => r.step !== '')
  const unmapped = rows.filter((r) => r.step === '').slice(0, 1000)
  const byStep = new Map(perStep.map((r) => [r.step, { events: Number(r.events), customers: Number(r.customers) }]))
  const touchpoints = allSteps(doc).map(({ stage, step }) => {
    const s = byStep.get(step.key)
    return { stage: stage.key, step: step.key, channel: step.channel ?? null, events: s?.events ?? 0, customers: s?.customers ?? 0, dark: !s }
  })
  return {
    period: { from: period.from?.toISOString() ?? null, to: period.to?.toISOString() ?? null },
    touchpoints,
    darkTouchpoints: touchpoints.filter((t) => t.dark).map(({ stage, step }) => ({ stage, step })),
    unmappedEvents: unmapped.map((r) => ({ event: r.event, channel: r.channel, count: Number(r.events), customers: Number(r.customers) })),
  }
}

type Counted = { step: number; event: string; channel: string; events: string; customers: string }

/** One pass over the events: mapped events grouped by step, the others by event name and channel. */
function countedInEvents(events: EventStore, workspaceId: string, doc: JourneyDocument, period: Period, opts: { customers?: boolean }): Promise<Counted[]> {
  const matcher = stepMatcher(doc)
  const params = {
    ...matcher.params,
    ws: workspaceId,
    from: chTime(period.from ?? new Date('1900-01-01T00:00:00Z')),
    to: chTime(period.to ?? new Date('2299-12-31T00:00:00Z')),
  }
  // Feedback answers are events of their own name too (a step may map them), but never unmapped: they are tied to touchpoints.
  // Steps as numbers, and the event's name and channel only where it maps to none: a few short keys to group by.
  const mapped = `
    SELECT ${matcher.index} AS step, if(step = 0, event, '') AS e, if(step = 0, channel, '') AS c, customer_id
    FROM events FINAL
    WHERE workspace_id = {ws:String} AND event != '' AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)} AND (step != 0 OR score_kind = '')`
  return events.query<Counted>(
    `SELECT step, e AS event, c AS channel, count() AS events, ${opts.customers === false ? '0' : 'uniqExact(customer_id)'} AS customers
     FROM (${mapped})
     GROUP BY step, e, c
     ORDER BY events DESC, event, channel`,
    params,
  )
}

/** The same counts (without customers) from the scope's rows: each step's path events, and the unmapped events they hold. */
function countedInScope(events: EventStore, scope: Scope): Promise<Counted[]> {
  const rows = customerPathsSql(scope, ['unmapped'])
  return events.query<Counted>(
    `SELECT step, event, channel, count() AS events, 0 AS customers
     FROM (SELECT step, '' AS event, '' AS channel FROM (${rows}) ARRAY JOIN path AS step
           UNION ALL
           SELECT 0, u.event, u.channel FROM (${rows}) ARRAY JOIN unmapped AS u)
     GROUP BY step, event, channel
     ORDER BY events DESC, event, channel`,
    scope.params,
  )
}
