import { AppError } from '../domain/errors.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { funnelParts, funnelProgressSql, type FunnelOptions } from './funnel-progress.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { stepName, stepNumber, type NamedScope } from './scope-names.ts'

/** Which of a funnel's customers: those who reached step `at` (1-based), or those who stopped there (dropped out after it). */
export type FunnelCustomersQuery = {
  at: number
  outcome: 'reached' | 'dropped'
  /** Only the drop-outs whose next step was this one ('(left)': who did nothing more). */
  next?: string
  /** Only this breakdown group ('' for the customers without one). */
  group?: string
  limit: number
}
export type FunnelCustomer = { customer: string; value: number; stepsReached: number; next: string | null }

/** What a funnel's drop-outs did next when they did nothing more (as in Funnel.dropOffNext). */
const LEFT = '(left)'

/**
 * The customers behind a funnel figure — who reached a step, who dropped out
 * after it (and did a given step next), optionally in one breakdown group —
 * most valuable first, with the total. The same per-customer progress as the
 * funnel itself (funnelProgressSql), so the list adds up to its numbers.
 */
export async function listFunnelCustomers(events: EventStore, scope: Scope, opts: FunnelOptions, who: FunnelCustomersQuery): Promise<{ total: number; customers: FunnelCustomer[] }> {
  const k = opts.steps.length
  if (k < 2) throw new AppError('validation_failed', 'A funnel needs at least two steps')
  if (who.at > k || (who.outcome === 'dropped' && who.at === k)) {
    throw new AppError('validation_failed', `Customers drop out after steps 1–${k - 1} and reach steps 1–${k} of this funnel`, [{ path: 'querystring.at', message: 'out of range' }])
  }
  if (who.next !== undefined && who.outcome !== 'dropped') throw new AppError('validation_failed', 'Only drop-outs have a next step', [{ path: 'querystring.next', message: 'needs outcome=dropped' }])
  if (who.group !== undefined && !opts.breakdown) throw new AppError('validation_failed', 'A group needs its breakdown', [{ path: 'querystring.group', message: 'needs breakdown' }])
  return withMaterializedScope(events, scope, [...funnelParts(opts.breakdown), 'value'], (s) => customersOf(events, s, opts, who))
}

async function customersOf(events: EventStore, scope: NamedScope, opts: FunnelOptions, who: FunnelCustomersQuery) {
  const progress = funnelProgressSql(scope, opts, { value: true, group: who.group !== undefined })
  const where = [who.outcome === 'dropped' ? 'depth = {at:UInt32}' : 'depth >= {at:UInt32}']
  const params: Record<string, unknown> = { ...progress.params, at: who.at, limit: who.limit }
  if (who.next !== undefined) {
    const next = who.next === LEFT ? 0 : stepNumber(scope, who.next)
    if (who.next !== LEFT && next === 0) throw new AppError('validation_failed', `"${who.next}" is no step of this journey`, [{ path: 'querystring.next', message: 'unknown step' }])
    params.next = next
    where.push('next = {next:UInt16}')
  }
  if (who.group !== undefined) {
    params.group = who.group
    where.push('grp = {group:String}')
  }
  const rows = await events.query<{ customer: string; value: number; depth: number; next: number; total: string }>(
    `SELECT customer, value, depth, next, count() OVER () AS total FROM (${progress.sql})
     WHERE ${where.join(' AND ')}
     ORDER BY value DESC, customer LIMIT {limit:UInt32}`,
    params,
  )
  return {
    total: Number(rows[0]?.total ?? 0),
    customers: rows.map((r) => ({
      customer: r.customer,
      value: Number(r.value ?? 0),
      stepsReached: Number(r.depth),
      next: Number(r.depth) === opts.steps.length ? null : stepName(scope, r.next, LEFT),
    })),
  }
}
