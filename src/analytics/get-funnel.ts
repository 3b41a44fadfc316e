import { AppError } from '../domain/errors.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { channelName, stepName, stepNumber, type NamedScope } from './scope-names.ts'

export type FunnelOrder = 'ordered' | 'strict' | 'any'
export type FunnelOptions = {
  /** Step keys (journey mode) or event names, in funnel order. */
  steps: string[]
  windowHours: number
  /** ordered: later steps after earlier ones, other events in between allowed; strict: no other event in between; any: all within the window, in any order. */
  order: FunnelOrder
  /** Break down by the channel of the customer's first funnel step. */
  breakdown?: 'channel'
}

export type FunnelStep = { step: string; customers: number; conversion: number; conversionFromPrevious: number; medianHoursFromPrevious: number | null }
export type Funnel = {
  steps: FunnelStep[]
  breakdown: Array<{ value: string; customers: number[] }>
  /** For those who stopped after step k: what they did next instead. */
  dropOffNext: Array<{ after: string; next: Array<{ name: string; customers: number }> }>
}

/**
 * A funnel over customers' own paths, in the engine: each customer reaches the
 * deepest step done within the conversion window (from their first step 1),
 * in the chosen order. Per step: customers, conversion from the start and from
 * the previous step, median hours from the previous step; optional breakdown;
 * and the top next events of those who dropped out after each step.
 */
export async function getFunnel(events: EventStore, scope: Scope, opts: FunnelOptions): Promise<Funnel> {
  // Checked before the scope is materialised: a bad request costs nothing.
  if (opts.steps.length < 2) throw new AppError('validation_failed', 'A funnel needs at least two steps')
  return withMaterializedScope(events, scope, ['times', 'channels'], (s) => funnelOf(events, s, opts))
}

async function funnelOf(events: EventStore, scope: NamedScope, opts: FunnelOptions): Promise<Funnel> {
  const k = opts.steps.length
  const params: Record<string, unknown> = { ...scope.params, window: Math.round(opts.windowHours * 3600) }
  opts.steps.forEach((s, i) => (params[`f${i}`] = stepNumber(scope, s)))
  const secs = (t: string) => `toUnixTimestamp64Milli(${t}) / 1000`
  // Index (1-based) in the path of each funnel step reached, 0 when not reached; greedy earliest match.
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
  const perCustomer = `
    SELECT customer, path, times, channels, ${idx.join(', ')},
           ${levels.map((x, i) => (i === 0 ? `${x} != 0` : `${levels.slice(0, i + 1).map((y) => `${y} != 0`).join(' AND ')}`)).map((c, i) => `(${c}) AS reached${i}`).join(', ')}
    FROM (${customerPathsSql(scope, ['times', 'channels'])})`
  const counts = levels.map((_, i) => `countIf(reached${i}) AS c${i}`).join(', ')
  const medians = levels
    .slice(1)
    .map((x, i) => `quantileExactIf(0.5)((toUnixTimestamp64Milli(times[${x}]) - toUnixTimestamp64Milli(times[x${i}])) / 3600000, reached${i + 1}) AS m${i + 1}`)
    .join(', ')
  const [[totals], breakdown, dropOff] = await Promise.all([
    events.query<Record<string, number | string | null>>(`SELECT ${counts}${medians ? `, ${medians}` : ''} FROM (${perCustomer})`, params),
    opts.breakdown
      ? events.query<Record<string, string>>(
          `SELECT channels[x0] AS value, ${counts} FROM (${perCustomer}) WHERE reached0 GROUP BY value ORDER BY c0 DESC, {scope_channels:Array(String)}[value] LIMIT 20`,
          params,
        )
      : Promise.resolve([]),
    events.query<{ after: number; next: number; customers: string }>(
      `SELECT after, next, count() AS customers FROM (
         SELECT multiIf(${levels
           .slice(1)
           .map((_, i) => `reached${i} AND NOT reached${i + 1}, ${i}`)
           .join(', ')}, -1) AS after,
                [${levels.slice(0, k - 1).join(', ')}][after + 1] AS at,
                if(at > 0 AND at < length(path), path[at + 1], 0) AS next -- 0: left the journey
         FROM (${perCustomer})
       )
       WHERE after >= 0
       GROUP BY after, next
       ORDER BY after, customers DESC, if(next = 0, '(left)', {scope_steps:Array(String)}[next])
       LIMIT 5 BY after`,
      params,
    ),
  ])
  const c = (i: number) => Number(totals?.[`c${i}`] ?? 0)
  return {
    steps: opts.steps.map((step, i) => ({
      step,
      customers: c(i),
      conversion: c(0) ? c(i) / c(0) : 0,
      conversionFromPrevious: i === 0 ? 1 : c(i - 1) ? c(i) / c(i - 1) : 0,
      medianHoursFromPrevious: i === 0 || totals?.[`m${i}`] === null || totals?.[`m${i}`] === undefined || !c(i) ? null : Number(totals[`m${i}`]),
    })),
    breakdown: breakdown.map((r) => ({ value: channelName(scope, r.value!), customers: levels.map((_, i) => Number(r[`c${i}`])) })),
    dropOffNext: opts.steps.slice(0, -1).map((step, i) => ({
      after: step,
      next: dropOff.filter((d) => Number(d.after) === i).map((d) => ({ name: stepName(scope, d.next, '(left)'), customers: Number(d.customers) })),
    })),
  }
}
