import type { Scope } from './analysis-scope.ts'
import type { NamedScope } from './scope-names.ts'
import { identityLinksSql } from './stitched-events.ts'
import { segmentTraits, traitSegmentsSql } from './trait-segments.ts'

/**
 * What a query needs of each customer besides `customer` and `path` (fewer columns, less work when computed
 * inline): columns of the path, and the customer's feedback `answers` and `unmapped` events (no step maps them).
 */
export type PathColumn = 'times' | 'stages' | 'channels' | 'value' | 'segments' | 'answers' | 'unmapped'

/** A feedback answer as a customer's row holds it; `on_path`: its event is also a step of the customer's path. */
const ANSWER_TYPE = "Tuple(ts DateTime64(3, 'UTC'), touchpoint String, score_kind String, score Nullable(Float32), on_path UInt8)"
/** An event no step maps, as a customer's row holds it. */
const UNMAPPED_TYPE = 'Tuple(event String, channel String)'

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
 * see ScopeNames), answers (their feedback answers in scope, ANSWER_TYPE),
 * unmapped (their events no step maps, UNMAPPED_TYPE). One row per customer
 * with a path; with `answers`, also per customer who only answered (an empty
 * path, worth 0 and of no segment: answers alone make no customer of the
 * journey's); with `unmapped`, per customer with anything at all. Read from
 * the scope's materialised table when it has one; needs the scope's names
 * bound (and segment names for segments).
 */
export function customerPathsSql(scope: Scope, columns: readonly PathColumn[] = []): string {
  const wants = (c: PathColumn) => columns.includes(c)
  const stored = storedColumns(columns)
  const source = scope.tables ? scope.tables.paths : `(${pathsWithRevenueSql(scope, stored)})`
  const onPath = (sql: string, none: string) => (wants('answers') ? `if(notEmpty(path), ${sql}, ${none})` : sql)
  const selected = [
    'customer',
    'path',
    ...(['times', 'stages', 'channels'] as const).filter(wants),
    ...(wants('value') ? [`${onPath(valueSql(revenueSource(scope)), '0')} AS value`] : []),
    ...(wants('segments') ? [`${onPath(segmentsSql(scope, revenueSource(scope)), "CAST([], 'Array(UInt16)')")} AS segments`] : []),
    ...(['answers', 'unmapped'] as const).filter(wants),
  ]
  // Rows without a path are there only for their answers or unmapped events.
  const held: readonly PathColumn[] = scope.tables ? scope.tables.parts : stored
  const rows = wants('unmapped') || !held.some((p) => p === 'answers' || p === 'unmapped') ? '' : wants('answers') ? ' WHERE notEmpty(path) OR notEmpty(answers)' : ' WHERE notEmpty(path)'
  return `SELECT ${selected.join(', ')} FROM ${source}${rows}`
}

/** Where the scope's revenues per customer are read from, for the statistics of all of them (the mean, the tiers' cuts). */
const revenueSource = (scope: Scope) => (scope.tables ? scope.tables.paths : `(${pathsWithRevenueSql(scope, ['value'])})`)

/** A customer's value from their `revenue`: without revenue yet, they are worth their potential, the mean revenue of paying customers. */
const valueSql = (revenues: string) => `if(revenue > 0, revenue, (SELECT avgIf(revenue, revenue > 0) FROM ${revenues}))`

/** A customer's segments from their trait `segments` and `revenue`: the trait segments, then the value tier (if any). */
const segmentsSql = (scope: Scope, revenues: string) => `arrayFilter(x -> x > 0, arrayPushBack(segments, ${valueTierSql(scope, revenues)}))`

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

/**
 * The paths with each customer's revenue in scope (what withMaterializedScope stores): customer, path, the columns
 * asked, revenue. One pass over the scope's events gathers, per customer, the path events and as asked the answers
 * and the unmapped events. `traitSegments`: a table of the scope's trait segments (see withTraitSegments), else
 * they are computed here.
 */
/** The columns to store for those asked, each once: segments hold the value tier, which comes from the revenue that `value` stores. */
export const storedColumns = <C extends PathColumn>(columns: readonly C[]): Array<C | 'value'> => [...new Set<C | 'value'>(columns.includes('segments' as C) ? [...columns, 'value'] : columns)]

export function pathsWithRevenueSql(scope: Scope, columns: readonly PathColumn[], opts: { traitSegments?: string } = {}): string {
  const wants = (c: PathColumn) => columns.includes(c)
  if (!scope.names || (wants('channels') && !scope.names.channels)) throw new Error('paths need the scope\'s names bound first (withScopeNames)')
  const named = scope as NamedScope
  const traits = wants('segments') ? segmentTraits(named) : 0
  // Step and channel are decoded from each number's low 32 bits (toUInt32 keeps them; UInt32 arithmetic: at 10M events ~0.5 s less than
  // decoding each from the UInt128), stages from the steps.
  const decoded = [
    'arrayMap(x -> toUInt16(bitAnd(bitShiftRight(x, 12), 65535)), arrayMap(x -> toUInt32(x), events) AS low) AS path',
    ...(wants('times') ? [`arrayMap(x -> fromUnixTimestamp64Milli(toInt64(bitShiftRight(x, 84)) - ${MS_OFFSET}, 'UTC'), events) AS times`] : []),
    ...(wants('stages') ? [`arrayMap(s -> ${scope.stepStages ? `${scope.stepStages}[s]` : 'toUInt32(0)'}, path) AS stages`] : []),
    ...(wants('channels') ? ['arrayMap(x -> toUInt16(bitAnd(x, 4095)), low) AS channels'] : []),
    ...(wants('value') ? ['revenue'] : []),
    ...(wants('segments') ? [traits > 0 ? 'segments' : "CAST([], 'Array(UInt16)') AS segments"] : []),
    ...(['answers', 'unmapped'] as const).filter(wants),
  ]
  // What each customer's row gathers of the scope's events besides its path's (step != 0). Typed once gathered: a cast
  // before the grouping would turn every event's low-cardinality names into strings (at 10M events, ~0.25 s).
  const gathered = [
    ...(wants('answers') ? [{ name: 'answers', when: "score_kind != ''", value: '(ts, touchpoint, score_kind, score, step != 0)', type: ANSWER_TYPE }] : []),
    ...(wants('unmapped') ? [{ name: 'unmapped', when: "step = 0 AND score_kind = ''", value: '(event, channel)', type: UNMAPPED_TYPE }] : []),
  ]
  const onPath = (aggregate: string, arg: string) => (gathered.length ? `${aggregate}If(${arg}, step != 0)` : `${aggregate}(${arg})`)
  // A hash lookup of the channel's number (indexOf compares it with every name: measured at 10M events, ~1 s more).
  const pack = packed(wants('channels') ? 'transform(channel, {scope_channels:Array(String)}, arrayEnumerate({scope_channels:Array(String)}), 0)' : '0')
  // One grouping, by the customer each event belongs to (stitched as it is read: no join, no regrouping of ids).
  return `
    SELECT customer, ${decoded.join(', ')}
    FROM (
      SELECT ${stitchedCustomerSql('customer_id')} AS customer, arraySort(${onPath('groupArray', pack)}) AS events, ${onPath('sum', 'ifNull(revenue, 0)')} AS revenue${gathered.map((g) => `, CAST(groupArrayIf(${g.value}, ${g.when}) AS Array(${g.type})) AS ${g.name}`).join('')}
      FROM (${gathered.length ? scope.scopeEvents : scope.stepEvents})${gathered.length && !wants('unmapped') ? `
      WHERE ${['step != 0', ...gathered.map((g) => g.when)].join(' OR ')}` : ''}
      GROUP BY customer
    ) AS g${traits > 0 ? `
    ANY LEFT JOIN ${opts.traitSegments ?? `(${traitSegmentsSql(named)})`} AS seg ON seg.customer_id = g.customer` : ''}
    WHERE ${scope.customerFilter}`
}

/**
 * The customer an event sent with id `id` belongs to: the user its anonymous id was later linked to (identify or
 * alias, the latest link winning: identityLinksSql), else the id itself — retroactive stitching. The links are read
 * once per query as one sorted array of (anonymous id, user id) pairs, which `transform` looks each id up in: a hash
 * lookup per event rather than a join (measured at 10M events: one grouping by customer instead of a grouping by id,
 * a join and a regrouping, ~⅓ less work). Sorted, so the two halves taken from it pair up however often it is read.
 */
export const stitchedCustomerSql = (id: string) => {
  const links = `(SELECT arraySort(groupArray((anonymous_id, user_id))) FROM (${identityLinksSql}) WHERE user_id != '')`
  return `transform(${id}, arrayMap(l -> l.1, ${links}), arrayMap(l -> l.2, ${links}), ${id})`
}

/**
 * The scope's feedback answers, one row each: customer, ts, touchpoint, score_kind, score, on_path (its event is
 * also a step of the customer's path), has_path (the customer has a path), and as asked the customer's value and
 * segments as customerPathsSql gives them (0 and none for a customer who only answered).
 */
export function customerFeedbackSql(scope: Scope, columns: ReadonlyArray<'value' | 'segments'> = []): string {
  return `
    SELECT customer, a.ts AS ts, a.touchpoint AS touchpoint, a.score_kind AS score_kind, a.score AS score, a.on_path AS on_path,
           notEmpty(path) AS has_path${columns.map((c) => `, ${c}`).join('')}
    FROM (${customerPathsSql(scope, ['answers', ...columns])})
    ARRAY JOIN answers AS a`
}
