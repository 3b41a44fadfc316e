import { AppError } from '../domain/errors.ts'
import { customerPathsSql, type PathColumn } from './customer-paths.ts'
import { latestTraitSql } from './latest-traits.ts'
import type { ScopePart } from './materialized-scope.ts'
import { stepNumber, VALUE_TIER, type NamedScope } from './scope-names.ts'

export type FunnelOrder = 'ordered' | 'strict' | 'any'
/**
 * What a funnel's customers are grouped by: the channel of their first funnel step, their latest value of a
 * trait, or their value tier (paying customers by revenue in scope, see VALUE_TIERS).
 */
export type FunnelBreakdown = 'channel' | 'valueTier' | { trait: string }
export type FunnelOptions = {
  /** Step keys (journey mode) or event names, in funnel order. */
  steps: string[]
  windowHours: number
  /** ordered: later steps after earlier ones, other events in between allowed; strict: no other event in between; any: all within the window, in any order. */
  order: FunnelOrder
  breakdown?: FunnelBreakdown
}

/** A breakdown as the API writes it: `channel`, `valueTier` or `trait:<name>`. */
export function parseFunnelBreakdown(text: string | undefined): FunnelBreakdown | undefined {
  if (!text) return undefined
  if (text === 'channel' || text === 'valueTier') return text
  if (text.startsWith('trait:') && text.length > 'trait:'.length) return { trait: text.slice('trait:'.length) }
  throw new AppError('validation_failed', 'Break a funnel down by channel, valueTier or trait:<name>', [{ path: 'querystring.breakdown', message: 'unknown breakdown' }])
}

/** The scope parts a funnel reads (for withMaterializedScope): a value tier needs each customer's revenue and segments. */
export const funnelParts = (breakdown: FunnelBreakdown | undefined): ScopePart[] => ['times', 'channels', ...(breakdown === 'valueTier' ? (['value', 'segments'] as const) : [])]

/**
 * Each customer's progress through a funnel, one row per customer of the scope:
 * `x0…x{k-1}`, the path index (1-based, 0 when not reached) of each funnel step,
 * greedily the earliest match within the conversion window from step 1, in the
 * chosen order; `reached0…`, whether the customer got that far; `depth`, how many
 * funnel steps they reached; `next`, the step number they did right after their
 * deepest funnel step (0: nothing, they left); and as asked `value` (see
 * customerPathsSql) and `grp`, their breakdown group ('' when they have none:
 * no such trait, or no revenue for a value tier). Columns `path` and `times` too.
 */
export function funnelProgressSql(scope: NamedScope, opts: FunnelOptions, want: { value?: boolean; group?: boolean } = {}): { sql: string; params: Record<string, unknown> } {
  const k = opts.steps.length
  const params: Record<string, unknown> = { ...scope.params, window: Math.round(opts.windowHours * 3600) }
  opts.steps.forEach((s, i) => (params[`f${i}`] = stepNumber(scope, s)))
  const secs = (t: string) => `toUnixTimestamp64Milli(${t}) / 1000`
  const idx: string[] = []
  for (let i = 0; i < k; i++) {
    const prev = `x${i - 1}`
    const cond =
      i === 0 || opts.order === 'any'
        ? `path[j] = {f${i}:UInt16}`
        : opts.order === 'strict'
          ? `j = ${prev} + 1 AND path[j] = {f${i}:UInt16}`
          : `j > ${prev} AND path[j] = {f${i}:UInt16}`
    const gap = `${secs('times[j]')} - ${secs('times[x0]')}`
    const within = i === 0 ? '' : opts.order === 'any' ? ` AND abs(${gap}) <= {window:UInt32}` : ` AND ${gap} <= {window:UInt32}`
    idx.push(`if(${i === 0 ? '1' : `${prev} != 0`}, arrayFirstIndex(j -> ${cond}${within}, arrayEnumerate(path)), 0) AS x${i}`)
  }
  const levels = Array.from({ length: k }, (_, i) => `x${i}`)
  const reached = levels.map((_, i) => `(${levels.slice(0, i + 1).map((x) => `${x} != 0`).join(' AND ')}) AS reached${i}`)
  const depth = `${levels.map((_, i) => `reached${i}`).join(' + ')} AS depth`
  const next = `if(depth > 0, [${levels.join(', ')}][depth], 0) AS at, if(at > 0 AND at < length(path), path[at + 1], 0) AS next`

  const breakdown = want.group ? opts.breakdown : undefined
  const columns: PathColumn[] = ['times', 'channels', ...(want.value || breakdown === 'valueTier' ? (['value'] as const) : []), ...(breakdown === 'valueTier' ? (['segments'] as const) : [])]
  let source = `(${customerPathsSql(scope, columns)})`
  let group: string[] = []
  if (breakdown === 'channel') {
    group = ['{scope_channels:Array(String)}[channels[x0]] AS grp']
  } else if (breakdown === 'valueTier') {
    // A value tier is one of the last segment numbers (see ScopeNames): each segment's tier name, '' for trait segments.
    params.segment_tier = scope.names.segments!.map((s) => (s.trait === VALUE_TIER ? s.value : ''))
    group = ["arrayFirst(t -> t != '', arrayMap(s -> {segment_tier:Array(String)}[s], segments)) AS grp"]
  } else if (breakdown) {
    params.breakdown_trait = breakdown.trait
    source = `${source} AS p ANY LEFT JOIN (
      SELECT customer_id, ${latestTraitSql('{breakdown_trait:String}')} AS trait_value FROM customers WHERE workspace_id = {ws:String} GROUP BY customer_id
    ) AS t ON t.customer_id = p.customer`
    group = ['trait_value AS grp']
  }
  const sql = `
    SELECT customer, path, times${want.value ? ', value' : ''}, ${idx.join(', ')}, ${reached.join(', ')}, ${depth}, ${next}${group.map((g) => `, ${g}`).join('')}
    FROM ${source}`
  return { sql, params }
}
