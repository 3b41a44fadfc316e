import type { OutcomeMeasure } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerFeedbackSql, customerPathsSql } from './customer-paths.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { stepNumber, type NamedScope } from './scope-names.ts'

/**
 * For one desired outcome: the customers it applies to (`eligible`), those for whom it is met, and
 * those not counted yet (`pending`: a time limit that had not run out when the scope's data ends).
 */
export type OutcomeShare = { eligible: number; met: number; pending: number; share: number | null }

const ms = (column: string) => `toUnixTimestamp64Milli(${column})`

/** The path conditions of a path measure: who it applies to and when it is met (`null` for score measures, read from feedback). */
export function pathConditions(m: OutcomeMeasure, i: number, scope: NamedScope, params: Record<string, unknown>): { eligible: string; met: string; pending: string } | null {
  const step = (name: string, key: string) => {
    params[name] = stepNumber(scope, key)
    return `{${name}:UInt16}`
  }
  switch (m.kind) {
    case 'reach':
      return { eligible: 'true', met: `has(path, ${step(`o${i}_step`, m.step)})`, pending: 'false' }
    case 'avoid':
      return { eligible: 'true', met: `NOT has(path, ${step(`o${i}_step`, m.step)})`, pending: 'false' }
    case 'within': {
      const from = step(`o${i}_from`, m.from)
      const to = step(`o${i}_to`, m.to)
      params[`o${i}_ms`] = Math.round(m.hours * 3_600_000)
      // From the customer's first `from`: a `to` at or after it, within the limit.
      const start = `${ms(`times[indexOf(path, ${from})]`)}`
      const met = `arrayExists((s, t) -> s = ${to} AND ${ms('t')} >= ${start} AND ${ms('t')} - ${start} <= {o${i}_ms:Int64}, path, times)`
      return { eligible: `has(path, ${from})`, met, pending: `NOT ${met} AND ${start} + {o${i}_ms:Int64} > outcome_end` }
    }
    case 'score':
      return null
  }
}

/** When the scope's data ends (ms): its last event, or earlier the period's end — what `pending` measures against. */
export function dataEndSql(paths: string, params: Record<string, unknown>, end: Date | undefined): string {
  const lastEvent = `(SELECT max(arrayMax(arrayMap(t -> ${ms('t')}, times))) FROM (${paths}))`
  if (end) params.outcome_end_ms = end.getTime()
  return end ? `least({outcome_end_ms:Int64}, ${lastEvent})` : lastEvent
}

/**
 * The share of the scope's customers for whom each desired outcome is met, computed in the engine from
 * each customer's own path (and, for scores, their feedback answers):
 * - reach: customers whose path has the step, of all the scope's customers;
 * - avoid: customers whose path never has it, of all;
 * - within: of the customers who reached `from`, those who reached `to` at or after their first `from`
 *   within the limit; a customer whose limit had not run out when the data ends (the scope's last event,
 *   or the period's end if earlier) and who has not reached `to` yet is pending, counted in neither;
 * - score: of the customers who answered that kind of feedback about the step, those whose latest
 *   answer is at least `min`.
 */
export async function getOutcomeShares(events: EventStore, scope: Scope, measures: OutcomeMeasure[], end?: Date): Promise<OutcomeShare[]> {
  if (!measures.length) return []
  const parts = measures.some((m) => m.kind === 'score') ? (['times', 'feedback'] as const) : (['times'] as const)
  return withMaterializedScope(events, scope, parts, (s) => sharesOf(events, s, measures, end))
}

async function sharesOf(events: EventStore, scope: NamedScope, measures: OutcomeMeasure[], end: Date | undefined): Promise<OutcomeShare[]> {
  const params: Record<string, unknown> = { ...scope.params }
  const conditions = measures.map((m, i) => pathConditions(m, i, scope, params))
  const paths = customerPathsSql(scope, ['times'])
  const columns = conditions.flatMap((c, i) =>
    c ? [`countIf(${c.eligible} AND NOT (${c.pending})) AS e${i}`, `countIf(${c.eligible} AND ${c.met}) AS m${i}`, `countIf(${c.eligible} AND ${c.pending}) AS p${i}`] : [],
  )
  const endSql = dataEndSql(paths, params, end)
  const scores = measures.flatMap((m, i) => (m.kind === 'score' ? [{ i, m }] : []))
  const [pathRows, scoreRows] = await Promise.all([
    columns.length
      ? events.query<Record<string, string>>(`SELECT ${columns.join(', ')} FROM (SELECT *, ${endSql} AS outcome_end FROM (${paths}))`, params)
      : Promise.resolve([]),
    scores.length
      ? events.query<{ m: number; eligible: string; met: string }>(
          `SELECT m, count() AS eligible, countIf(latest >= {score_min:Array(Float64)}[m]) AS met
           FROM (
             SELECT customer, m, argMax(score, ts) AS latest
             FROM (${customerFeedbackSql(scope)})
             ARRAY JOIN arrayFilter(i -> {score_steps:Array(String)}[i] = touchpoint AND {score_kinds:Array(String)}[i] = score_kind, arrayEnumerate({score_steps:Array(String)})) AS m
             GROUP BY customer, m
           )
           GROUP BY m`,
          {
            ...params,
            score_steps: scores.map(({ m }) => (m.kind === 'score' ? m.step : '')),
            score_kinds: scores.map(({ m }) => (m.kind === 'score' ? m.scoreKind : '')),
            score_min: scores.map(({ m }) => (m.kind === 'score' ? m.min : 0)),
          },
        )
      : Promise.resolve([]),
  ])
  const row = pathRows[0] ?? {}
  const shareOf = (eligible: number, met: number, pending = 0): OutcomeShare => ({ eligible, met, pending, share: eligible ? met / eligible : null })
  return measures.map((m, i) => {
    if (m.kind !== 'score') return shareOf(Number(row[`e${i}`] ?? 0), Number(row[`m${i}`] ?? 0), Number(row[`p${i}`] ?? 0))
    const n = scores.findIndex((s) => s.i === i) + 1
    const r = scoreRows.find((x) => Number(x.m) === n)
    return shareOf(Number(r?.eligible ?? 0), Number(r?.met ?? 0))
  })
}
