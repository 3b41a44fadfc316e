import { AppError } from '../domain/errors.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { DEVIATION_KINDS, moveDeviationsSql, packedDeviationSql, type DeviationKind } from './get-conformance.ts'
import type { CustomerRow } from './list-customers.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { withScopeNames, type NamedScope } from './scope-names.ts'

/** A deviation as the conformance names it: kind, from and to stage keys, and for a channel switch its channels. */
export type DeviationAsked = { kind: DeviationKind; from: string; to: string; fromChannel?: string; toChannel?: string }

/**
 * The customers who made a deviation from the designed stage order at least
 * once — as many as the conformance counts for it, by the same definition
 * (moveDeviationsSql) — most valuable first, with how often they made it and
 * when last.
 */
export async function listDeviationCustomers(
  events: EventStore,
  scope: Scope,
  stageKeys: string[],
  deviation: DeviationAsked,
  limit = 100,
): Promise<{ total: number; customers: CustomerRow[] }> {
  // Named first, so a deviation that cannot be is refused before the paths are computed.
  const named = await withScopeNames(events, scope, { channels: true })
  const made = { ...stagesOf(stageKeys, deviation), ...channelsOf(named, deviation) }
  return withMaterializedScope(events, named, ['times', 'stages', 'channels', 'value'], async (s) => {
    const rows = await events.query<{ customer: string; value: number; n: string; last_seen: string; total: string }>(
      `SELECT customer, value, length(made) AS n, arrayMax(made) AS last_seen, count() OVER () AS total
       FROM (SELECT customer, value,
                    arrayFilter((t, m) -> m = ${packedDeviationSql('{deviation_kind:UInt8}', '{from_stage:UInt32}', '{to_stage:UInt32}', '{from_channel:UInt16}', '{to_channel:UInt16}')},
                      arrayPopFront(times), ${moveDeviationsSql}) AS made
             FROM (${customerPathsSql(s, ['times', 'stages', 'channels', 'value'])}))
       WHERE notEmpty(made)
       ORDER BY value DESC, customer
       LIMIT {limit:UInt32}`,
      { ...s.params, ...made, limit },
    )
    return {
      total: Number(rows[0]?.total ?? 0),
      customers: rows.map((r) => ({ customer: r.customer, value: Number(r.value ?? 0), occurrences: Number(r.n), lastSeen: r.last_seen })),
    }
  })
}

const invalid = (message: string, field: string, why: string) => new AppError('validation_failed', message, [{ path: `querystring.${field}`, message: why }])

/** The deviation's kind and stages as the paths number them; a deviation that cannot be (a "skip" to the next stage) is refused. */
function stagesOf(stageKeys: string[], d: DeviationAsked) {
  const stage = (field: 'from' | 'to') => {
    const n = stageKeys.indexOf(d[field]) + 1
    if (n === 0) throw invalid(`"${d[field]}" is no stage of this journey`, `${field}Stage`, 'unknown stage')
    return n
  }
  const [kind, from, to] = [DEVIATION_KINDS.indexOf(d.kind) + 1, stage('from'), stage('to')]
  const possible = kind === 1 ? to > from + 1 : kind === 2 ? to < from : to === from
  if (!possible) throw invalid(`No ${d.kind} goes from ${d.from} to ${d.to}`, 'toStage', `impossible for a ${d.kind}`)
  return { deviation_kind: kind, from_stage: from, to_stage: to }
}

/** The channel numbers of a channel switch (0 and 0 for the other kinds, as moveDeviationsSql numbers them). */
function channelsOf(scope: NamedScope, d: DeviationAsked) {
  const fields = ['fromChannel', 'toChannel'] as const
  if (d.kind !== 'channel switch mid-stage') {
    const given = fields.find((f) => d[f] !== undefined)
    if (given) throw invalid('Only a channel switch has channels', given, `not for a ${d.kind}`)
    return { from_channel: 0, to_channel: 0 }
  }
  const [from, to] = fields.map((field) => {
    const name = d[field]
    if (name === undefined) throw invalid(`A channel switch needs ${fields.join(' and ')}`, field, 'required')
    const n = (scope.names.channels ?? []).indexOf(name) + 1
    if (n === 0) throw invalid(`"${name}" is no channel of this workspace`, field, 'unknown channel')
    return n
  })
  if (from === to) throw invalid('A channel switch goes from one channel to another', 'toChannel', 'same as fromChannel')
  return { from_channel: from, to_channel: to }
}
