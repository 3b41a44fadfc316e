import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { relativeRisk } from './statistics.ts'

export type Driver = { outcome: string; factor: string; lift: number; ci: [number, number]; support: number; outcomeRate: number; baselineRate: number }

export const DRIVER_RULES = { minSupport: 30, maxFactors: 25 } as const

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
  const goal = doc?.goal && doc && allSteps(doc).some(({ step }) => step.key === doc.goal) ? doc.goal : undefined
  const goalStage = goal && doc ? doc.stages.findIndex((s) => s.steps.some((t) => t.key === goal)) + 1 : 0
  const outcomes: Array<{ name: string; sql: string }> = [
    ...(goal ? [{ name: `not reaching ${goal}`, sql: 'NOT has(path, {goal:String})' }] : []),
    { name: 'NPS detractor', sql: 'detractor' },
  ]
  const params = { ...scope.params, goal: goal ?? '', goal_stage: goalStage, min_support: DRIVER_RULES.minSupport }
  const drivers: Driver[] = []
  for (const outcome of outcomes) {
    const customers = `
      SELECT p.customer AS customer, p.path AS path, p.stages AS stages, arrayMax(arrayPushBack(p.stages, 0)) AS reached,
             ${outcome.sql} AS outcome, p.channels AS channels, t.traits AS traits
      FROM (
        SELECT customer, path, stages, arrayMap(x -> x.5, sorted) AS channels
        FROM (${customerPathsSql(scope).replace('groupArray((ts, seq, name, stage))', 'groupArray((ts, seq, name, stage, channel))')})
      ) AS p
      LEFT JOIN (SELECT customer, max(score_kind = 'nps' AND score <= 6) AS detractor, max(score_kind = 'nps') AS answered
                 FROM (${scope.sql}) WHERE is_feedback GROUP BY customer) AS f ON f.customer = p.customer
      LEFT JOIN (SELECT customer_id, groupArray(concat(k, '=', v)) AS traits
                 FROM (SELECT customer_id, k, argMax(v, ts) AS v FROM customers ARRAY JOIN mapKeys(traits) AS k, mapValues(traits) AS v
                       WHERE workspace_id = {ws:String} GROUP BY customer_id, k)
                 GROUP BY customer_id) AS t ON t.customer_id = p.customer
      ${outcome.sql === 'detractor' ? 'WHERE f.answered' : ''}`
    const keep = outcome.sql === 'detractor' ? '1' : '({goal_stage:UInt32} = 0 OR x.2 < {goal_stage:UInt32})'
    const [factors, populations] = await Promise.all([
      events.query<{ factor: string; stage: number; n: string; o: string }>(
        `SELECT f.1 AS factor, f.2 AS stage, count() AS n, countIf(outcome) AS o
         FROM (${customers})
         ARRAY JOIN arrayDistinct(arrayConcat(
           arrayMap(x -> (concat('experienced ', x.1), x.2), arrayFilter(x -> ${keep}, arrayZip(path, stages))),
           arrayMap(x -> (concat('repeated ', x.1), x.2), arrayFilter(x -> countEqual(path, x.1) >= 2 AND ${keep}, arrayZip(path, stages))),
           arrayMap((c, g) -> (concat('stage ', toString(g), ' via ', c), g), channels, stages),
           arrayMap(t -> (concat('trait ', t), toUInt32(0)), traits)
         )) AS f
         GROUP BY factor, stage
         HAVING n >= {min_support:UInt32}`,
        params,
      ),
      // Who could have had a factor of stage g: the customers whose path reached stage g (g = 0: everyone).
      events.query<{ stage: number; n: string; o: string }>(
        `SELECT g AS stage, count() AS n, countIf(outcome) AS o FROM (${customers}) ARRAY JOIN range(0, reached + 1) AS g GROUP BY g`,
        params,
      ),
    ])
    const population = new Map(populations.map((r) => [Number(r.stage), { n: Number(r.n), o: Number(r.o) }]))
    for (const r of factors) {
      const pop = population.get(Number(r.stage))
      if (!pop) continue
      const n = Number(r.n)
      const o = Number(r.o)
      const rest = pop.n - n
      const restO = pop.o - o
      if (rest < DRIVER_RULES.minSupport || o === 0) continue
      const { rr, lo, hi } = relativeRisk(o, n, restO, rest)
      if (!(lo > 1)) continue
      drivers.push({ outcome: outcome.name, factor: readableFactor(r.factor, doc), lift: rr, ci: [lo, hi], support: n, outcomeRate: o / n, baselineRate: restO / rest })
    }
  }
  return drivers.sort((a, b) => b.ci[0] - a.ci[0]).slice(0, DRIVER_RULES.maxFactors)
}

function readableFactor(factor: string, doc: JourneyDocument | undefined): string {
  const m = /^stage (\d+) via (.*)$/.exec(factor)
  if (m && doc) return `${doc.stages[Number(m[1]) - 1]?.key ?? 'stage'} via ${m[2]}`
  return factor
}
