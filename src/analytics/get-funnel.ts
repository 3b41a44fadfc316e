import { AppError } from '../domain/errors.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { funnelParts, funnelProgressSql, type FunnelOptions } from './funnel-progress.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { stepName, type NamedScope } from './scope-names.ts'

export type { FunnelBreakdown, FunnelOptions, FunnelOrder } from './funnel-progress.ts'

export type FunnelStep = { step: string; customers: number; conversion: number; conversionFromPrevious: number; medianHoursFromPrevious: number | null }
export type Funnel = {
  steps: FunnelStep[]
  /** Per breakdown group (at most 20, largest first): customers and median hours from the previous step, per funnel step. */
  breakdown: Array<{ value: string; customers: number[]; medianHoursFromPrevious: Array<number | null> }>
  /** For those who stopped after step k: what they did next instead. */
  dropOffNext: Array<{ after: string; next: Array<{ name: string; customers: number }> }>
}

/** Breakdown groups shown, the largest first. */
const MAX_GROUPS = 20

/**
 * A funnel over customers' own paths, in the engine: each customer reaches the
 * deepest step done within the conversion window (from their first step 1),
 * in the chosen order (see funnelProgressSql). Per step: customers, conversion
 * from the start and from the previous step, median hours from the previous
 * step; the same per breakdown group; and the top next events of those who
 * dropped out after each step.
 */
export async function getFunnel(events: EventStore, scope: Scope, opts: FunnelOptions): Promise<Funnel> {
  // Checked before the scope is materialised: a bad request costs nothing.
  if (opts.steps.length < 2) throw new AppError('validation_failed', 'A funnel needs at least two steps')
  return withMaterializedScope(events, scope, funnelParts(opts.breakdown), (s) => funnelOf(events, s, opts))
}

async function funnelOf(events: EventStore, scope: NamedScope, opts: FunnelOptions): Promise<Funnel> {
  const k = opts.steps.length
  const progress = funnelProgressSql(scope, opts)
  const levels = Array.from({ length: k }, (_, i) => i)
  const counts = levels.map((i) => `countIf(reached${i}) AS c${i}`).join(', ')
  const medians = levels
    .slice(1)
    .map((i) => `quantileExactIf(0.5)((toUnixTimestamp64Milli(times[x${i}]) - toUnixTimestamp64Milli(times[x${i - 1}])) / 3600000, reached${i}) AS m${i}`)
    .join(', ')
  const grouped = opts.breakdown ? funnelProgressSql(scope, opts, { group: true }) : undefined
  const [[totals], breakdown, dropOff] = await Promise.all([
    events.query<Record<string, number | string | null>>(`SELECT ${counts}, ${medians} FROM (${progress.sql})`, progress.params),
    grouped
      ? events.query<Record<string, number | string | null>>(
          `SELECT grp AS value, ${counts}, ${medians} FROM (${grouped.sql}) WHERE reached0 GROUP BY value ORDER BY c0 DESC, value LIMIT ${MAX_GROUPS}`,
          grouped.params,
        )
      : Promise.resolve([]),
    events.query<{ depth: number; next: number; customers: string }>(
      `SELECT depth, next, count() AS customers FROM (${progress.sql})
       WHERE depth BETWEEN 1 AND ${k - 1}
       GROUP BY depth, next
       ORDER BY depth, customers DESC, if(next = 0, '(left)', {scope_steps:Array(String)}[next])
       LIMIT 5 BY depth`,
      progress.params,
    ),
  ])
  const c = (row: Record<string, unknown> | undefined, i: number) => Number(row?.[`c${i}`] ?? 0)
  /** Median hours from step i - 1 to step i: null for the first step or without customers. */
  const m = (row: Record<string, unknown> | undefined, i: number) => (i === 0 || row?.[`m${i}`] === null || row?.[`m${i}`] === undefined || !c(row, i) ? null : Number(row[`m${i}`]))
  return {
    steps: opts.steps.map((step, i) => ({
      step,
      customers: c(totals, i),
      conversion: c(totals, 0) ? c(totals, i) / c(totals, 0) : 0,
      conversionFromPrevious: i === 0 ? 1 : c(totals, i - 1) ? c(totals, i) / c(totals, i - 1) : 0,
      medianHoursFromPrevious: m(totals, i),
    })),
    breakdown: breakdown.map((r) => ({ value: String(r.value), customers: levels.map((i) => c(r, i)), medianHoursFromPrevious: levels.map((i) => m(r, i)) })),
    dropOffNext: opts.steps.slice(0, -1).map((step, i) => ({
      after: step,
      next: dropOff.filter((d) => Number(d.depth) === i + 1).map((d) => ({ name: stepName(scope, d.next, '(left)'), customers: Number(d.customers) })),
    })),
  }
}
