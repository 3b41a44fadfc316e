import { LOW_SCORE } from '../domain/feedback-scale.ts'
import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'

export const REPEAT_WINDOW_SECONDS = 7 * 24 * 3600

/**
 * The building blocks of the touchpoint measures, shared by the KPIs and the
 * drill-down to the customers behind them:
 * - `occurrences`: one row per step occurrence in a customer's path, with
 *   whether it ended the path without the goal (exited), whether the customer
 *   later reached the next stage (converted), and the hours to the next step;
 * - `perCustomerStep`: one row per customer and step (repeated within 7 days,
 *   exited, converted, gaps and in-stage waits).
 */
export function stepOccurrences(scope: Scope, doc: JourneyDocument) {
  const goal = doc.goal && allSteps(doc).some(({ step }) => step.key === doc.goal) ? doc.goal : null
  const params = { ...scope.params, goal: goal ?? '', repeat_window: REPEAT_WINDOW_SECONDS, low: LOW_SCORE, last_stage: doc.stages.length }
  const paths = customerPathsSql(scope)
  const occurrences = `
    SELECT customer, value, i, path[i] AS step, stages[i] AS stage, times[i] AS t,
           i = length(path) AND NOT has(path, {goal:String}) AS exited,
           arrayExists((s, j) -> j > i AND s = stages[i] + 1, stages, arrayEnumerate(stages)) AS converted,
           i < length(path) AS has_next,
           if(has_next, (toUnixTimestamp64Milli(times[i + 1]) - toUnixTimestamp64Milli(times[i])) / 3600000, NULL) AS hours_to_next,
           if(has_next AND stages[i + 1] = stages[i], log1p(hours_to_next), NULL) AS wait
    FROM (${paths}) ARRAY JOIN arrayEnumerate(path) AS i`
  const perCustomerStep = `
    SELECT customer, step, any(stage) AS stage, any(value) AS value, count() AS n,
           arraySort(groupArray(t)) AS ts,
           arrayExists((a, b) -> dateDiff('second', a, b) <= {repeat_window:UInt32}, arrayPopBack(ts), arrayPopFront(ts)) AS repeated,
           max(exited) AS exited, max(converted) AS converted,
           groupArrayIf(hours_to_next, has_next) AS gaps,
           groupArrayIf(wait, wait IS NOT NULL) AS waits
    FROM (${occurrences})
    GROUP BY customer, step`
  return { goal, params, paths, occurrences, perCustomerStep }
}
