import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import { chTime } from '../storage/events/rows.ts'
import { latestTraitSql } from './latest-traits.ts'
import type { ScopePart } from './materialized-scope.ts'
import type { ScopeNames } from './scope-names.ts'
import { stepMatcher } from './step-matcher.ts'
import { stitchedCustomerSql } from './customer-paths.ts'
import { stitchedEvents } from './stitched-events.ts'

/** What an analysis looks at: a period, and segments by channel, event property or customer trait. */
export type AnalysisFilter = {
  from?: Date
  to?: Date
  channel?: string[]
  /** Event properties that must match, e.g. {plan: ['fibre']}. */
  properties?: Record<string, string[]>
  /** Customer traits (latest value) that must match, e.g. {tier: ['gold']}. */
  traits?: Record<string, string[]>
  /** Only paying customers of these value tiers, by their revenue in the rest of the scope (see VALUE_TIERS). */
  valueTiers?: string[]
}

/** Whether the filter keeps every event of its period (no channel, property, trait or value tier chosen). */
export function filtersOnlyPeriod(filter: AnalysisFilter): boolean {
  const none = (record: Record<string, string[]> | undefined) => Object.keys(record ?? {}).length === 0
  return !filter.channel?.length && !filter.valueTiers?.length && none(filter.properties) && none(filter.traits)
}

/** The period of equal length just before the filter's, for trends; undefined without both ends. */
export function previousPeriod(filter: AnalysisFilter): AnalysisFilter | undefined {
  if (!filter.from || !filter.to) return undefined
  return { ...filter, from: new Date(2 * filter.from.getTime() - filter.to.getTime()), to: filter.from }
}

export type Scope = {
  /** Subquery of the workspace's journey events with columns customer, ts, seq, name, stage, channel, score, score_kind, touchpoint, revenue. */
  sql: string
  /**
   * The scope's events before stitching, with the step as a number — what each customer's path, answers and
   * unmapped events are gathered from: customer_id (as sent), ts, seq, step (UInt16, step number, see ScopeNames;
   * 0 for none), channel, revenue, event, score, score_kind, touchpoint. Needs the names bound (withScopeNames).
   */
  scopeEvents: string
  /** The same for the path events alone (step != 0). */
  stepEvents: string
  /** Condition on the stitched `customer` (segments by trait), or 'true'. */
  customerFilter: string
  /** SQL reading the step names when there is no journey: the workspace's event names (see withScopeNames). */
  stepNames: string
  /** The step and channel names: a journey's step keys from the start, the rest once read for an analysis (withScopeNames). */
  names?: ScopeNames
  /** SQL Array(UInt32): each step's 1-based journey stage; undefined without a journey (stage 0). */
  stepStages?: string
  params: Record<string, unknown>
  /** The scope's customer paths (with what else each customer's row holds), written once to a table for an analysis that reads them many times (see withMaterializedScope). */
  tables?: { paths: string; parts: readonly ScopePart[] }
}

/**
 * The events an analysis runs on, as one subquery: stitched to customers,
 * filtered, and named either by journey step (mapping rules applied at query
 * time; events that map to no step are left out) or by raw event name
 * (process-mining mode, no journey). A feedback answer is both: feedback
 * about the touchpoint it names (`touchpoint`, `is_feedback`) and, when it
 * has an event name of its own, something the customer did — an occurrence
 * of its event on its channel, mapped to steps by the same rules as any event.
 * Every event id counts once (read FINAL), even before background merges.
 */
export function analysisScope(workspaceId: string, doc: JourneyDocument | undefined, filter: AnalysisFilter = {}): Scope {
  const params: Record<string, unknown> = { ws: workspaceId }
  const where: string[] = []
  if (filter.from) {
    params.from = chTime(filter.from)
    where.push('ts >= {from:DateTime64(3)}')
  }
  if (filter.to) {
    params.to = chTime(filter.to)
    where.push('ts < {to:DateTime64(3)}')
  }
  if (filter.channel?.length) {
    params.channels = filter.channel
    where.push('channel IN {channels:Array(String)}')
  }
  Object.entries(filter.properties ?? {}).forEach(([key, values], i) => {
    params[`pk${i}`] = key
    params[`pv${i}`] = values
    where.push(`properties[{pk${i}:String}] IN {pv${i}:Array(String)}`)
  })
  const traitFilters = Object.entries(filter.traits ?? {})
  let customerFilter = 'true'
  if (traitFilters.length) {
    const conds = traitFilters.map(([key, values], i) => {
      params[`tk${i}`] = key
      params[`tv${i}`] = values
      return `has({tv${i}:Array(String)}, ${latestTraitSql(`{tk${i}:String}`)})`
    })
    customerFilter = `customer IN (
      SELECT customer_id FROM customers WHERE workspace_id = {ws:String} GROUP BY customer_id HAVING ${conds.join(' AND ')})`
  }

  const matcher = doc ? stepMatcher(doc) : undefined
  Object.assign(params, matcher?.params ?? {})
  const stageOf = doc ? stageIndexSql(doc, params) : '0'
  const name = matcher ? matcher.sql : 'event'
  const filtered = where.length ? `AND ${where.join(' AND ')}` : ''
  // A journey's step names are its keys; without one they are the workspace's event names, read when an analysis starts.
  const steps = doc ? allSteps(doc).map(({ step }) => step.key) : undefined
  if (steps) params.scope_steps = steps
  const stepNames = `(SELECT CAST(arraySort(groupArray(event)), 'Array(String)') FROM (SELECT DISTINCT event FROM events WHERE workspace_id = {ws:String} AND event != ''))`
  const numbered = (kept: string) => `
    SELECT customer_id, ts, seq, toUInt16(${matcher ? matcher.index : "transform(CAST(event, 'String'), {scope_steps:Array(String)}, arrayEnumerate({scope_steps:Array(String)}), 0)"}) AS step,
           channel, revenue, event, score, score_kind, touchpoint
    FROM events FINAL
    WHERE workspace_id = {ws:String} AND ${kept} ${filtered}`
  // Feedback answers without an event name of their own are answers only.
  const scopeEvents = numbered("(event != '' OR score_kind != '')")
  const stepEvents = `SELECT customer_id, ts, seq, step, channel, revenue FROM (${numbered("event != ''")}) WHERE step != 0`
  if (filter.valueTiers?.length) {
    params.value_tiers = filter.valueTiers
    customerFilter = `${customerFilter} AND ${valueTierFilterSql(stepEvents, customerFilter)}`
  }
  const sql = `
    SELECT customer, ts, seq, name, ${stageOf} AS stage, channel, score, score_kind, touchpoint, revenue, score_kind != '' AS is_feedback
    FROM (
      SELECT customer, ts, seq, ${name} AS name, channel, score, score_kind, touchpoint, revenue, event, properties
      FROM (${stitchedEvents('e.ts, e.seq, e.event, e.channel, e.properties, e.score, e.score_kind, e.touchpoint, e.revenue')})
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    )
    WHERE (name != '' OR is_feedback) AND ${customerFilter}`
  return {
    sql,
    scopeEvents,
    stepEvents,
    customerFilter,
    stepNames,
    ...(steps ? { names: { steps }, stepStages: '{stage_index:Array(UInt32)}' } : {}),
    params,
  }
}

/**
 * A condition on `customer`: a paying customer of one of the `value_tiers`, by their revenue in the scope (the
 * revenue of their step events, stitched, among the customers `customers` keeps) — the tiers analyses report
 * (valueTierSql): high above the 80th percentile of paying customers, low below the 20th, mid between.
 * It groups the scope's events by customer twice (revenues, then their cuts): a tier filter costs about
 * two more passes over the events.
 */
function valueTierFilterSql(stepEvents: string, customers: string): string {
  const revenues = `
    SELECT customer, sum(revenue) AS revenue
    FROM (SELECT ${stitchedCustomerSql('customer_id')} AS customer, ifNull(revenue, 0) AS revenue FROM (${stepEvents}))
    WHERE ${customers}
    GROUP BY customer`
  const cuts = `(SELECT quantilesExactIf(0.2, 0.8)(revenue, revenue > 0) FROM (${revenues}))`
  return `customer IN (
      SELECT customer FROM (${revenues})
      WHERE revenue > 0 AND multiIf(revenue > ${cuts}[2], 'high', revenue < ${cuts}[1], 'low', 'mid') IN {value_tiers:Array(String)})`
}

/** 1-based position of a step's stage in the journey (0 for none), as a transform over step keys (`scope_steps`). */
function stageIndexSql(doc: JourneyDocument, params: Record<string, unknown>): string {
  params.stage_index = allSteps(doc).map(({ stage }) => doc.stages.indexOf(stage) + 1)
  return 'transform(name, {scope_steps:Array(String)}, {stage_index:Array(UInt32)}, 0)'
}
