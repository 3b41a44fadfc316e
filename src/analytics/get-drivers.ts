import { goalStep, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { customerFeedbackSql, customerPathsSql } from './customer-paths.ts'
import { channelName, stepName, stepNumber, type NamedScope } from './scope-names.ts'
import { relativeRisk } from './statistics.ts'

export type Driver = { outcome: string; factor: string; lift: number; ci: [number, number]; support: number; outcomeRate: number; baselineRate: number }

type Tally = { n: string; o_goal: string; n_nps: string; o_nps: string }
type Outcome = { name: string; n: keyof Tally; o: keyof Tally; isOutcome: (kind: string, stage: number) => boolean }

export const DRIVER_RULES = { minSupport: 30, maxFactors: 25 } as const
/** Factor kinds by the number the engine groups them under (0: the population of a stage). */
const FACTOR_KINDS = ['', 'experienced', 'repeated', 'via', 'trait'] as const

/**
 * What predicts a bad outcome — not reaching the journey's goal, or being an
 * NPS detractor — among journey factors: having experienced a step, having
 * repeated it, the channels used in a stage, and customer traits. Each factor
 * is reported with its relative risk (lift), a 95 % confidence interval and
 * support (customers with the factor); only factors whose interval lies above 1
 * are kept. A step's factor is compared within the customers who reached that
 * step's stage, so early drop-outs do not drown later problems. Factors that are
 * the outcome itself are left out: the goal step and every step of the goal's
 * stage or later, for "not reaching the goal".
 * Counted in the engine; Node only computes the ratios.
 */
export async function getDrivers(events: EventStore, scope: Scope, doc: JourneyDocument | undefined): Promise<Driver[]> {
  return withMaterializedScope(events, scope, ['stages', 'channels', 'feedback'], (s) => driversOf(events, s, doc))
}

async function driversOf(events: EventStore, scope: NamedScope, doc: JourneyDocument | undefined): Promise<Driver[]> {
  const goal = doc && goalStep(doc)
  const goalStage = goal && doc ? doc.stages.findIndex((s) => s.steps.some((t) => t.key === goal)) + 1 : 0
  const params = { ...scope.params, goal: goal ? stepNumber(scope, goal) : 0, min_support: DRIVER_RULES.minSupport }
  // One row per customer with both outcomes: missed the goal; answered NPS, and as a detractor.
  const customers = `
    SELECT p.path AS path, p.stages AS stages, p.channels AS channels, arrayMax(arrayPushBack(p.stages, 0)) AS reached,
           {goal:UInt16} != 0 AND NOT has(p.path, {goal:UInt16}) AS missed, f.answered AS answered, f.detractor AS detractor, t.traits AS traits
    FROM (${customerPathsSql(scope, ['stages', 'channels'])}) AS p
    LEFT JOIN (SELECT customer, max(score_kind = 'nps' AND score <= 6) AS detractor, max(score_kind = 'nps') AS answered
               FROM (${customerFeedbackSql(scope)}) GROUP BY customer) AS f ON f.customer = p.customer
    LEFT JOIN (SELECT customer_id, groupArray(concat(k, '=', v)) AS traits
               FROM (SELECT customer_id, k, argMax(v, ts) AS v FROM customers ARRAY JOIN mapKeys(traits) AS k, mapValues(traits) AS v
                     WHERE workspace_id = {ws:String} GROUP BY customer_id, k)
               GROUP BY customer_id) AS t ON t.customer_id = p.customer`
  const tally = 'count() AS n, countIf(missed) AS o_goal, countIf(answered) AS n_nps, countIf(answered AND detractor) AS o_nps'
  // Factors as (kind, step or channel number, trait, stage), each counted once per customer (first occurrences:
  // arrayEnumerateUniq = 1); kinds are numbers too (FACTOR_KINDS), cheaper to group than words. Kind 0 rows count who
  // could have had a factor of stage g: the customers whose path reached stage g (g = 0: everyone).
  const rows = await events.query<Tally & { kind: number; id: number; trait: string; stage: number }>(
    `SELECT f.1 AS kind, f.2 AS id, f.3 AS trait, f.4 AS stage, ${tally}
     FROM (${customers})
     ARRAY JOIN arrayConcat(
       arrayMap(g -> (toUInt8(0), toUInt16(0), '', toUInt32(g)), range(0, reached + 1)),
       arrayMap((x, g) -> (toUInt8(1), x, '', g), arrayFilter((x, u) -> u = 1, path, arrayEnumerateUniq(path)), arrayFilter((g, u) -> u = 1, stages, arrayEnumerateUniq(path))),
       arrayMap((x, g) -> (toUInt8(2), x, '', g), arrayFilter((x, u) -> u = 2, path, arrayEnumerateUniq(path)), arrayFilter((g, u) -> u = 2, stages, arrayEnumerateUniq(path))),
       arrayMap((c, g) -> (toUInt8(3), c, '', g), arrayFilter((c, u) -> u = 1, channels, arrayEnumerateUniq(channels, stages)), arrayFilter((g, u) -> u = 1, stages, arrayEnumerateUniq(channels, stages))),
       arrayMap(t -> (toUInt8(4), toUInt16(0), t, toUInt32(0)), traits)
     ) AS f
     GROUP BY kind, id, trait, stage
     HAVING n >= {min_support:UInt32}`,
    params,
  )
  const populations = rows.filter((r) => Number(r.kind) === 0)
  const factors = rows
    .filter((r) => Number(r.kind) !== 0)
    .map((r) => {
      const kind = FACTOR_KINDS[Number(r.kind)]!
      return { ...r, kind, name: kind === 'trait' ? r.trait : kind === 'via' ? channelName(scope, r.id) : stepName(scope, r.id) }
    })
  const population = new Map(populations.map((r) => [Number(r.stage), r]))
  const outcomes: Outcome[] = [
    ...(goal ? [{ name: `not reaching ${goal}`, n: 'n' as const, o: 'o_goal' as const, isOutcome: (kind: string, stage: number) => kind !== 'via' && kind !== 'trait' && stage >= goalStage }] : []),
    { name: 'NPS detractor', n: 'n_nps', o: 'o_nps', isOutcome: () => false },
  ]
  const drivers: Driver[] = []
  for (const outcome of outcomes) {
    for (const r of factors) {
      const pop = population.get(Number(r.stage))
      if (!pop || outcome.isOutcome(r.kind, Number(r.stage))) continue
      const n = Number(r[outcome.n])
      const o = Number(r[outcome.o])
      const rest = Number(pop[outcome.n]) - n
      const restO = Number(pop[outcome.o]) - o
      if (n < DRIVER_RULES.minSupport || rest < DRIVER_RULES.minSupport || o === 0) continue
      const { rr, lo, hi } = relativeRisk(o, n, restO, rest)
      if (!(lo > 1)) continue
      drivers.push({ outcome: outcome.name, factor: factorLabel(r, doc), lift: rr, ci: [lo, hi], support: n, outcomeRate: o / n, baselineRate: restO / rest })
    }
  }
  return drivers.sort((a, b) => b.ci[0] - a.ci[0] || a.outcome.localeCompare(b.outcome) || a.factor.localeCompare(b.factor)).slice(0, DRIVER_RULES.maxFactors)
}

function factorLabel(f: { kind: string; name: string; stage: number }, doc: JourneyDocument | undefined): string {
  if (f.kind !== 'via') return `${f.kind} ${f.name}`
  return `${(doc && doc.stages[Number(f.stage) - 1]?.key) ?? `stage ${f.stage}`} via ${f.name}`
}
