import { AppError } from '../domain/errors.ts'
import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { DRIVER_PARTS, driverInputs, factorLabel, factorsSql, GOAL, KIND, NPS, outcomeName, packedFactorSql } from './get-drivers.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import type { NamedScope } from './scope-names.ts'

export type DriverCustomer = { customer: string; value: number; hadOutcome: boolean }
/** `total` is the driver's support, `withOutcome` its outcome rate × support. */
export type DriverCustomers = { total: number; withOutcome: number; customers: DriverCustomer[] }

type Factor = { kind: number; id: number; stage: number }

/**
 * The customers behind a driver: who had the factor, counted exactly as the
 * driver counts them (for a feedback outcome, among those who gave that
 * feedback, the factor before their first answer), and whether they had the
 * outcome; most valuable first. Outcome and factor are named as the drivers
 * name them (e.g. "NPS detractor", "repeated support_call").
 */
export async function listDriverCustomers(
  events: EventStore,
  scope: Scope,
  doc: JourneyDocument,
  named: { outcome: string; factor: string },
  limit = 100,
): Promise<DriverCustomers> {
  return withMaterializedScope(events, scope, DRIVER_PARTS, async (s) => {
    const inputs = await driverInputs(events, s, doc)
    const outcome = outcomeNamed(s, inputs.goal, named.outcome)
    if (outcome === undefined) throw new AppError('not_found', `This journey has no outcome "${named.outcome}"`)
    const factor = factorNamed(s, doc, inputs.transitions, named.factor)
    if (!factor) throw new AppError('not_found', `This journey has no factor "${named.factor}"`)
    const key = packedFactorSql('{factor_kind:UInt8}', '{factor_id:UInt32}', '{factor_stage:UInt16}')
    const behind =
      outcome === GOAL
        ? `SELECT customer, value, NOT has(path, {goal:UInt16}) AS had
           FROM (${inputs.paths('true', { value: true })})
           WHERE has(${factorsSql({ timed: false })}, ${key})`
        : `SELECT customer, value, o.3 = 1 AS had
           FROM (SELECT customer, value, ${factorsSql({ timed: true })} AS factors, arrayFirst(x -> x.1 = {outcome:UInt16}, outcomes) AS o
                 FROM (${inputs.paths('has(arrayMap(x -> x.1, outcomes), {outcome:UInt16})', { value: true, outcomes: true })}))
           WHERE arrayExists(f -> f.1 = ${key} AND f.2 < o.2, factors)`
    const rows = await events.query<{ customer: string; value: number; had: number; total: string; with_outcome: string }>(
      `SELECT customer, value, had, count() OVER () AS total, countIf(had) OVER () AS with_outcome
       FROM (${behind})
       ORDER BY value DESC, customer
       LIMIT {limit:UInt32}`,
      { ...inputs.params, outcome, factor_kind: factor.kind, factor_id: factor.id, factor_stage: factor.stage, limit },
    )
    return {
      total: Number(rows[0]?.total ?? 0),
      withOutcome: Number(rows[0]?.with_outcome ?? 0),
      customers: rows.map((r) => ({ customer: r.customer, value: Number(r.value), hadOutcome: Boolean(Number(r.had)) })),
    }
  })
}

/** The outcome number a driver's outcome name stands for (see outcomeName). */
function outcomeNamed(scope: NamedScope, goal: string | undefined, name: string): number | undefined {
  const outcomes = [...(goal ? [GOAL] : []), NPS, ...scope.names.steps.map((_, i) => NPS + i + 1)]
  return outcomes.find((o) => outcomeName(scope, o, goal) === name)
}

/** The factor a driver's factor label stands for: every factor the scope can have, named by factorLabel, until one matches. */
function factorNamed(scope: NamedScope, doc: JourneyDocument, transitions: number[], label: string): Factor | undefined {
  const steps = allSteps(doc)
  // A step's stage is its journey stage; a transition's, its destination's (as the paths number them).
  const stageOf = (step: number) => doc.stages.indexOf(steps[step - 1]!.stage) + 1
  const candidates: Factor[] = [
    ...steps.flatMap((_, i) => [KIND.experienced, KIND.repeated].map((kind) => ({ kind, id: i + 1, stage: stageOf(i + 1) }))),
    ...(scope.names.channels ?? []).flatMap((_, c) => doc.stages.map((_, g) => ({ kind: KIND.via, id: c + 1, stage: g + 1 }))),
    ...(scope.names.segments ?? []).map((_, i) => ({ kind: KIND.segment, id: i + 1, stage: 0 })),
    ...transitions.map((t) => ({ kind: KIND.slow, id: t, stage: stageOf(t % 65536) })),
  ]
  return candidates.find((f) => factorLabel(scope, f, doc) === label)
}
