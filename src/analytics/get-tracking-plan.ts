import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { chTime } from '../storage/events/rows.ts'
import type { Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
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
 * `inScope`: the materialised scope of an analysis of the same period,
 * filtered by nothing else, and each step's events in it as its touchpoint
 * measures counted them (its paths' events); when the scope holds the
 * unmapped events (see ALL_PARTS), the counts come from there instead of
 * another pass over the events (and without customers).
 */
export async function getTrackingPlan(
  events: EventStore,
  workspaceId: string,
  doc: JourneyDocument,
  period: Period = {},
  opts: { customers?: boolean; inScope?: { scope: Scope; stepEvents: ReadonlyMap<string, number> } } = {},
): Promise<TrackingPlan> {
  const keys = allSteps(doc).map(({ step }) => step.key)
  const { inScope } = opts
  const rows = inScope?.scope.tables?.parts.includes('unmapped')
    ? [
        ...[...inScope.stepEvents].filter(([, n]) => n > 0).map(([step, n]) => ({ step, event: '', channel: '', events: String(n), customers: '0' })),
        ...(await countedUnmapped(events, inScope.scope)).map((r) => ({ ...r, step: '' })),
      ]
    : // Step numbers are the journey's positions.
      (await countedInEvents(events, workspaceId, doc, period, opts)).map((r) => ({ ...r, step: keys[Number(r.step) - 1] ?? '' }))
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

/** Most events first; ties by name and channel (the order unmapped events are listed and capped in). */
const COUNTED_ORDER = 'events DESC, event, channel'

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
     ORDER BY ${COUNTED_ORDER}`,
    params,
  )
}

/** The unmapped events alone of the scope's rows (step 0), for when each step's events are known already. */
function countedUnmapped(events: EventStore, scope: Scope): Promise<Counted[]> {
  return events.query<Counted>(
    `SELECT 0 AS step, u.event AS event, u.channel AS channel, count() AS events, 0 AS customers
     FROM (${customerPathsSql(scope, ['unmapped'])}) ARRAY JOIN unmapped AS u
     GROUP BY event, channel
     ORDER BY ${COUNTED_ORDER}`,
    scope.params,
  )
}
