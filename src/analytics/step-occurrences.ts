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
 * The steps a customer went on from to the next stage: first occurrences of a step of stage g with an event of
 * stage g + 1 later in the path. With fewer than 63 stages, the stages after each position are a bitmask (the
 * last occurrence of each stage, summed from the end: at 10M events half the work of a map of each stage's last
 * position, which longer journeys still use).
 */
export function convertedSql(stages: number): string {
  if (stages < 63) {
    const later = `arrayPushBack(arrayPopFront(arrayReverse(arrayCumSum(arrayMap((g, u) -> if(u = 1, bitShiftLeft(toUInt64(1), g), toUInt64(0)), arrayReverse(stages) AS rev, arrayEnumerateUniq(rev))))), toUInt64(0))`
    return `arrayFilter((s, u, g, m) -> u = 1 AND bitTest(m, g + 1), path, nth, stages, ${later}) AS converted`
  }
  return `mapFromArrays(arrayFilter((g, u) -> u = 1, arrayReverse(stages), arrayEnumerateUniq(arrayReverse(stages)) AS last_uniq),
                         arrayFilter((p, u) -> u = 1, arrayReverse(arrayEnumerate(path)), last_uniq)) AS last_of_stage,
           arrayFilter((s, g, p) -> last_of_stage[g + 1] > p, reached, arrayFilter((g, u) -> u = 1, stages, nth), arrayFilter((p, u) -> u = 1, arrayEnumerate(path), nth)) AS converted`
}

/** What a customer did at the steps they reached, each a set of step numbers (see customerSteps). */
export const STEP_SETS = ['reached', 'repeated', 'contact_repeated', 'exited', 'converted', 'slow'] as const
export type StepSet = (typeof STEP_SETS)[number]

/**
 * The building blocks of the touchpoint measures, shared by the KPIs and the
 * drill-down to the customers behind them:
 * - `customerSteps`: one row per customer with their path, value, segments and,
 *   as sets of step numbers, the steps they reached, repeated within 7 days,
 *   repeated on a contact channel (failure demand: the repeat itself was a call,
 *   chat, visit, …, whatever channel the step was designed for), exited at (the
 *   path ends there without the goal), converted from (later reached the next
 *   stage), and — given a threshold — waited slowly after (an in-stage wait above it);
 * - `elements`: every path event with the hours to the next event (`gaps`, -1
 *   after the last) and the in-stage wait after it (`waits`, log1p hours, -1 for
 *   none; also what the journey-wide threshold of "slow" is read from).
 * Computed with array functions on each customer's path: repeats compare
 * neighbours once the path is sorted by (step, position), and every set is a
 * short array, so the measures group a few rows per customer rather than one per
 * (customer, step) or per event — and no lambda copies a path per element.
 */
export function stepOccurrences(scope: NamedScope, doc: JourneyDocument, opts: { segments?: boolean; slowThreshold?: number } = {}) {
  const goal = goalStep(doc) ?? null
  if (!scope.names.channels) throw new Error("step occurrences need the scope's channel names read first (withScopeNames)")
  const contactChannels = CONTACT_CHANNELS.map((c) => scope.names.channels!.indexOf(c) + 1).filter((n) => n > 0)
  const params = {
    ...scope.params,
    goal: goal ? stepNumber(scope, goal) : 0,
    repeat_window: REPEAT_WINDOW_SECONDS,
    low: LOW_SCORE,
    contact_channels: contactChannels,
    slow_threshold: opts.slowThreshold ?? 0,
  }
  // The customer's segments as one number (bit n - 1 for segment n; there are fewer than 64, see SEGMENT_RULES), cheap to group by.
  const mask = opts.segments ? ', arraySum(arrayMap(s -> bitShiftLeft(toUInt64(1), s - 1), segments)) AS segment_mask' : ''
  const paths = customerPathsSql(scope, ['times', 'stages', 'channels', 'value', ...(opts.segments ? (['segments'] as const) : [])])
  const slow = opts.slowThreshold === undefined ? "CAST([], 'Array(UInt16)')" : `arrayDistinct(arrayFilter((s, w) -> w > {slow_threshold:Float64}, path, ${WAIT_OR_NONE}))`
  // Sorted by (step, position): a step's occurrences are neighbours, in time order.
  const byStep = (arr: string) => `arraySort((x, k) -> k, ${arr}, by_step)`
  const customerSteps = `
    SELECT customer, value${mask}, path, times,
           arrayEnumerateUniq(path) AS nth,
           arrayFilter((s, u) -> u = 1, path, nth) AS reached,
           arrayMap((s, p) -> toUInt64(s) * 4294967296 + p, path, arrayEnumerate(path)) AS by_step,
           arraySort(path) AS step_sorted,
           -- each occurrence after the first of its step: within the repeat window of the previous one?
           ${byStep('times')} AS times_sorted,
           arrayPushFront(arrayMap((a, b, x, y) -> a = b AND dateDiff('second', x, y) <= {repeat_window:UInt32},
                                   arrayPopBack(step_sorted), arrayPopFront(step_sorted), arrayPopBack(times_sorted), arrayPopFront(times_sorted)), 0) AS again,
           arrayDistinct(arrayFilter((s, a) -> a, step_sorted, again)) AS repeated,
           arrayDistinct(arrayFilter((s, a, c) -> a AND has({contact_channels:Array(UInt16)}, c), step_sorted, again, ${byStep('channels')})) AS contact_repeated,
           if(has(path, {goal:UInt16}), CAST([], 'Array(UInt16)'), [path[-1]]) AS exited,
           ${convertedSql(doc.stages.length)},
           ${slow} AS slow
    FROM (${paths})`
  const elements = `SELECT path, ${NEXT_HOURS} AS gaps, ${WAIT_OR_NONE} AS waits FROM (${paths})`
  return { goal, params, paths, customerSteps, elements }
}
