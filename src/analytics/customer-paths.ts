import type { Scope } from './analysis-scope.ts'
import { latestTraitSql } from './latest-traits.ts'
import { VALUE_TIERS } from './scope-names.ts'
import { identityLinksSql } from './stitched-events.ts'

/** What a query needs of each path besides `customer` and `path` (fewer columns, less work when computed inline). */
export type PathColumn = 'times' | 'stages' | 'channels' | 'value' | 'segments'

/**
 * Every customer's path: their events that are journey steps (feedback answers
 * included, as occurrences of their event name) ordered by time, then
 * arrival/file sequence — the order process-mining tools use — as step
 * numbers (see ScopeNames: cheaper to sort, group and compare than names).
 * Columns: customer, path Array(UInt16), and as asked: times
 * Array(DateTime64), stages Array(UInt32) (1-based journey stage of each step;
 * 0 without a journey), channels Array(UInt16) (channel numbers), value (the
 * customer's revenue in scope, or their potential — the mean revenue of paying
 * customers — when they have paid nothing yet), segments Array(UInt16) (the
 * customer's segment numbers: their traits' values, then their value tier;
 * see ScopeNames). Read from the scope's materialised table when it has one;
 * needs the scope's names bound (and segment names for segments).
 */
export function customerPathsSql(scope: Scope, columns: readonly PathColumn[] = []): string {
  const wants = (c: PathColumn) => columns.includes(c)
  const stored = wants('segments') && !wants('value') ? [...columns, 'value' as const] : columns
  const source = scope.tables ? scope.tables.paths : `(${pathsWithRevenueSql(scope, stored)})`
  const revenueOnly = scope.tables ? source : `(${pathsWithRevenueSql(scope, ['value'])})`
  // A customer without revenue yet is worth their potential: the mean revenue of paying customers.
  const valueOf = (from: string) => `if(revenue > 0, revenue, (SELECT avgIf(revenue, revenue > 0) FROM ${from}))`
  const selected = [
    'customer',
    'path',
    ...(['times', 'stages', 'channels'] as const).filter(wants),
    ...(wants('value') ? [`${valueOf(revenueOnly)} AS value`] : []),
    ...(wants('segments') ? [`arrayFilter(x -> x > 0, arrayPushBack(segments, ${valueTierSql(scope, revenueOnly)})) AS segments`] : []),
  ]
  return `SELECT ${selected.join(', ')} FROM ${source}`
}

/**
 * The customer's value tier as a segment number — the three numbers after the trait segments (high, mid, low) —
 * among paying customers only (0, no tier, for the others: their value is a potential, not a fact).
 */
function valueTierSql(scope: Scope, from: string): string {
  const segments = scope.names?.segments
  if (!segments) throw new Error("segments need the scope's segment names read first (withScopeNames)")
  const first = segments.length - 2 // VALUE_TIERS come last: high, mid, low
  const cuts = `(SELECT quantilesExactIf(0.2, 0.8)(revenue, revenue > 0) FROM ${from})`
  return `toUInt16(multiIf(revenue <= 0, 0, revenue > ${cuts}[2], ${first}, revenue < ${cuts}[1], ${first + 2}, ${first + 1}))`
}

/**
 * Each path event travels through the grouping by customer as one UInt128,
 * which the engine collects and sorts as a plain number — tuples, DateTime64
 * and strings take its generic, slower and larger path (measured at 10M
 * events: 1.2 s instead of 2.4 s, and no spill to disk). From the top bit:
 * milliseconds since 1900 (44 bits: DateTime64(3) ends in 2299), arrival
 * sequence (56 bits: microseconds since the epoch, for ties only), step
 * (16 bits), channel (12 bits). Sorting the numbers sorts by time, then arrival.
 */
const MS_OFFSET = 2 ** 43 // more than the milliseconds from 1900 to 1970
const MAX_SEQ = 2n ** 56n - 1n
const packed = (channel: string) =>
  `bitOr(bitOr(bitShiftLeft(toUInt128(toUInt64(toUnixTimestamp64Milli(ts) + ${MS_OFFSET})), 84), bitShiftLeft(toUInt128(least(seq, ${MAX_SEQ})), 28)), toUInt128(step * 4096 + ${channel}))`

/** The paths with each customer's revenue in scope (what withMaterializedScope stores): customer, path, the columns asked, revenue. */
export function pathsWithRevenueSql(scope: Scope, columns: readonly PathColumn[]): string {
  const wants = (c: PathColumn) => columns.includes(c)
  if (!scope.names || (wants('channels') && !scope.names.channels)) throw new Error('paths need the scope\'s names bound first (withScopeNames)')
  const traits = wants('segments') ? segmentTraits(scope) : 0
  const decoded = [
    'arrayMap(x -> toUInt16(bitShiftRight(x, 12) % 65536), events) AS path',
    ...(wants('times') ? [`arrayMap(x -> fromUnixTimestamp64Milli(toInt64(bitShiftRight(x, 84)) - ${MS_OFFSET}, 'UTC'), events) AS times`] : []),
    ...(wants('stages') ? [`arrayMap(x -> ${scope.stepStages ? `${scope.stepStages}[toUInt32(bitShiftRight(x, 12) % 65536)]` : 'toUInt32(0)'}, events) AS stages`] : []),
    ...(wants('channels') ? ['arrayMap(x -> toUInt16(x % 4096), events) AS channels'] : []),
    ...(wants('value') ? ['revenue'] : []),
    ...(wants('segments') ? [traits > 0 ? 'segments' : "CAST([], 'Array(UInt16)') AS segments"] : []),
  ]
  // Grouped by the id each event was sent with, then stitched: the identity links are looked up once per id
  // rather than once per event, and a customer's ids merge as plain numbers (groupArrayArray), sorted once.
  return `
    SELECT customer, ${decoded.join(', ')}
    FROM (
      SELECT if(link.user_id != '', link.user_id, sent.customer_id) AS customer, arraySort(groupArrayArray(sent.events)) AS events, sum(sent.revenue) AS revenue
      FROM (
        SELECT customer_id, groupArray(${packed(wants('channels') ? 'indexOf({scope_channels:Array(String)}, channel)' : '0')}) AS events, sum(ifNull(revenue, 0)) AS revenue
        FROM (${scope.stepEvents})
        GROUP BY customer_id
      ) AS sent
      ANY LEFT JOIN (${identityLinksSql}) AS link ON link.anonymous_id = sent.customer_id
      GROUP BY customer
    ) AS g${traits > 0 ? `
    ANY LEFT JOIN (${traitSegmentsSql(traits)}) AS seg ON seg.customer_id = g.customer` : ''}
    WHERE ${scope.customerFilter}`
}

/**
 * Each customer's trait segments: the numbers of their latest (trait, value) pairs among the scope's
 * segments. One grouping by customer with the latest value of each segment trait (`seg_traits`), rather
 * than every (customer, trait) pair grouped and then regrouped: 2× faster at 1M customers.
 */
function traitSegmentsSql(traits: number): string {
  const latest = Array.from({ length: traits }, (_, i) => {
    const key = `{seg_traits:Array(String)}[${i + 1}]`
    return `toUInt16(indexOf(arrayZip({seg_keys:Array(String)}, {seg_values:Array(String)}), (${key}, ${latestTraitSql(key)})))`
  })
  return `
    SELECT customer_id, arrayFilter(n -> n > 0, [${latest.join(', ')}]) AS segments
    FROM customers
    WHERE workspace_id = {ws:String}
    GROUP BY customer_id`
}

/** How many traits make the scope's segments (the value tiers, the last three, are not traits). */
const segmentTraits = (scope: Scope) => new Set(scope.names?.segments?.slice(0, -VALUE_TIERS.length).map((s) => s.trait)).size

/** The scope's feedback answers: customer, ts, touchpoint, score_kind, score, on_path (its event is also a step of the customer's path). */
export function customerFeedbackSql(scope: Scope): string {
  if (scope.tables?.feedback) return `SELECT customer, ts, touchpoint, score_kind, score, on_path FROM ${scope.tables.feedback}`
  return `SELECT customer, ts, touchpoint, score_kind, score, name != '' AS on_path FROM (${scope.feedbackSql})`
}
