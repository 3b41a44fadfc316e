import { CONTACT_CHANNELS, REPEAT_WINDOW_SECONDS } from '../domain/failure-demand.ts'
import { LOW_SCORE } from '../domain/feedback-scale.ts'
import { goalStep, type JourneyDocument } from '../domain/journey/journey.ts'
import { customerPathsSql } from './customer-paths.ts'
import { stepNumber, type NamedScope } from './scope-names.ts'

/** Hours between consecutive events of a path; -1 after the last (times are ascending, so real gaps are ≥ 0). */
const NEXT_HOURS = `arrayPushBack(arrayMap((a, b) -> (toUnixTimestamp64Milli(b) - toUnixTimestamp64Milli(a)) / 3600000, arrayPopBack(times), arrayPopFront(times)), -1.)`
/** The wait after each event when the next one is in the same stage, as log1p(hours); -1 where there is none. */
const WAIT_OR_NONE = `arrayMap((h, same) -> if(same AND h >= 0, log1p(h), -1.), ${NEXT_HOURS}, arrayPushBack(arrayMap((a, b) -> a = b, arrayPopBack(stages), arrayPopFront(stages)), 0))`

/**
 * The building blocks of the touchpoint measures, shared by the KPIs and the
 * drill-down to the customers behind them:
 * - `perCustomerStep`: one row per customer and step (number) they reached — n
 *   occurrences, their times, repeated within 7 days, repeated on a contact
 *   channel (failure demand: the repeat itself was a call, chat, visit, …,
 *   whatever channel the step was designed for), exited (the path ends
 *   there without the goal), converted (later reached the next stage), gaps
 *   (hours to the next event after each occurrence) and in-stage waits
 *   (log1p hours, when the next event is in the same stage);
 * - `waits`: every customer's in-stage waits, for the journey-wide threshold of "slow".
 * Computed with array functions on each customer's path: the occurrences of a
 * step are gathered by sorting the path's arrays by (step, position) and
 * splitting them where the step changes, so no (customer, step) hash grouping
 * and no per-element copies of the path are needed.
 */
export function stepOccurrences(scope: NamedScope, doc: JourneyDocument, opts: { segments?: boolean } = {}) {
  const goal = goalStep(doc) ?? null
  if (!scope.names.channels) throw new Error("step occurrences need the scope's channel names read first (withScopeNames)")
  const contactChannels = CONTACT_CHANNELS.map((c) => scope.names.channels!.indexOf(c) + 1).filter((n) => n > 0)
  const params = { ...scope.params, goal: goal ? stepNumber(scope, goal) : 0, repeat_window: REPEAT_WINDOW_SECONDS, low: LOW_SCORE, contact_channels: contactChannels }
  // The customer's segments as one number (bit n - 1 for segment n; there are fewer than 64, see SEGMENT_RULES), cheap to group by.
  const mask = opts.segments ? ', arraySum(arrayMap(s -> bitShiftLeft(toUInt64(1), s - 1), segments)) AS segment_mask' : ''
  const paths = customerPathsSql(scope, ['times', 'stages', 'channels', 'value', ...(opts.segments ? (['segments'] as const) : [])])
  const byStep = (arr: string) => `arraySplit((x, s) -> s, arraySort((x, k) -> k, ${arr}, by_step), starts)`
  const perCustomerStep = `
    SELECT customer, value${mask ? ', segment_mask' : ''}, step, stage, n, ts, repeated, contact_repeated, exited, converted, gaps, waits
    FROM (
      SELECT customer, value${mask},
             arrayEnumerate(path) AS pos,
             arrayEnumerateDense(path) AS dense,
             arrayEnumerateUniq(path) AS nth,
             -- sort key: step (numbered by first appearance), then position
             arrayMap((d, p) -> d * 65536 + p, dense, pos) AS by_step,
             arraySort(dense) AS sorted_dense,
             arrayMap((d, prev) -> d != prev, sorted_dense, arrayPushFront(arrayPopBack(sorted_dense), 0)) AS starts,
             -- the last position of each stage, to tell whether a customer went on to the next stage
             mapFromArrays(arrayFilter((g, u) -> u = 1, arrayReverse(stages), arrayEnumerateUniq(arrayReverse(stages))),
                           arrayFilter((p, u) -> u = 1, arrayReverse(pos), arrayEnumerateUniq(arrayReverse(stages)))) AS last_of_stage,
             dense[-1] AS last_step,
             NOT has(path, {goal:UInt16}) AS goal_missed,
             -- per step, in order of first appearance (as arrayDistinct and arrayEnumerateDense number them)
             arrayDistinct(path) AS s_step,
             arrayFilter((g, u) -> u = 1, stages, nth) AS s_stage,
             arrayFilter((p, u) -> u = 1, pos, nth) AS s_first,
             arrayMap(x -> length(x), arraySplit((x, s) -> s, sorted_dense, starts)) AS s_n,
             ${byStep('times')} AS s_times,
             arrayMap(t -> arrayExists((a, b) -> dateDiff('second', a, b) <= {repeat_window:UInt32}, arrayPopBack(t), arrayPopFront(t)), s_times) AS s_repeated,
             arrayMap((t, c) -> arrayExists((a, b, cb) -> dateDiff('second', a, b) <= {repeat_window:UInt32} AND has({contact_channels:Array(UInt16)}, cb),
                                             arrayPopBack(t), arrayPopFront(t), arrayPopFront(c)),
                      s_times, ${byStep('channels')}) AS s_contact_repeated,
             arrayMap(d -> d = last_step AND goal_missed, arrayEnumerate(s_step)) AS s_exited,
             arrayMap((p, g) -> last_of_stage[g + 1] > p, s_first, s_stage) AS s_converted,
             arrayMap(h -> arrayFilter(x -> x >= 0, h), ${byStep(NEXT_HOURS)}) AS s_gaps,
             arrayMap(w -> arrayFilter(x -> x >= 0, w), ${byStep(WAIT_OR_NONE)}) AS s_waits
      FROM (${paths})
    )
    ARRAY JOIN s_step AS step, s_stage AS stage, s_n AS n, s_times AS ts, s_repeated AS repeated, s_contact_repeated AS contact_repeated, s_exited AS exited,
               s_converted AS converted, s_gaps AS gaps, s_waits AS waits`
  const waits = `SELECT arrayFilter(x -> x >= 0, ${WAIT_OR_NONE}) AS waits FROM (${paths})`
  return { goal, params, paths, perCustomerStep, waits }
}
