import { LOW_SCORE, normalizedScoreSql } from '../domain/feedback-scale.ts'
import { goalStep, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { withMaterializedScope, type ScopePart } from './materialized-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { channelName, segmentOf, stepName, stepNumber, VALUE_TIER, type NamedScope } from './scope-names.ts'
import { benjaminiHochberg, relativeRisk } from './statistics.ts'

/** p: one-sided, adjusted over every factor and outcome tested (Benjamini–Hochberg). */
export type Driver = { outcome: string; factor: string; lift: number; ci: [number, number]; p: number; support: number; outcomeRate: number; baselineRate: number }

export const DRIVER_RULES = {
  /** Customers with a factor, and without it, that a comparison needs. */
  minSupport: 30,
  /** The strongest factors kept per outcome. */
  maxPerOutcome: 10,
  /** False discovery rate over every factor and outcome tested. */
  fdr: 0.05,
  /** A wait is slow above this quantile of the same transition's waits (and above its median, which ties can make equal). */
  slowQuantile: 0.75,
} as const

/** Factor kinds by the number the engine groups them under; 0 and 5 are populations (who could have had a factor). */
export const KIND = { stage: 0, experienced: 1, repeated: 2, via: 3, segment: 4, transition: 5, slow: 6 } as const
/** Outcome numbers: 0 not reaching the goal, 1 NPS detractor, 1 + n a low score at step n. */
export const GOAL = 0
export const NPS = 1
/** "Before everything": traits and value tiers hold for the whole journey. Times are milliseconds since 1970. */
const ALWAYS = -(2 ** 53)

/** Each pair of consecutive steps of a path as one number, <from (16 bits), to (16 bits)>. */
const transitions = (path: string) => `arrayMap((a, b) -> bitOr(bitShiftLeft(toUInt32(a), 16), toUInt32(b)), arrayPopBack(${path}), arrayPopFront(${path}))`

type Row = { outcome: number; kind: number; id: number; stage: number; n: string; bad: string }

/**
 * What predicts a bad outcome: not reaching the journey's goal, being an NPS
 * detractor, or answering low at a touchpoint (the bottom of its scale: CSAT
 * 1–2, CES 1–2, rating 1–2; one outcome per touchpoint with enough answers).
 * Factors: having experienced a step, having repeated it, the channels used in
 * a stage, customer traits (segments) and value tiers, and slow waits — a
 * transition between two consecutive steps that took longer than 3 in 4 of
 * that transition's waits. Each is reported with its relative risk (lift), a
 * 95 % confidence interval and support; only factors whose interval lies
 * above 1 and whose p-value, adjusted over every factor and outcome tested
 * (Benjamini–Hochberg, FDR 5 %), is at most 0.05 are kept. A factor is compared within the customers who could have
 * had it: a step's or channel's within those who reached its stage, a slow wait
 * within those who made that transition.
 *
 * Never the outcome itself, and never what happens after it: for a feedback
 * outcome only what a customer did before their (first) answer counts; for
 * "not reaching the goal", steps of the goal's stage or later are left out, and
 * so are value tiers (value comes from reaching the goal).
 * Counted in the engine; Node only computes the ratios.
 */
export async function getDrivers(events: EventStore, scope: Scope, doc: JourneyDocument | undefined): Promise<Driver[]> {
  return withMaterializedScope(events, scope, DRIVER_PARTS, (s) => driversOf(events, s, doc))
}

/** What drivers read of a scope (what withMaterializedScope writes once for them). */
export const DRIVER_PARTS: readonly ScopePart[] = ['times', 'stages', 'channels', 'value', 'segments', 'answers']

/** What a scope's drivers are read from (see driverInputs). */
export type DriverInputs = {
  goal: string | undefined
  /** 1-based stage of the goal (0 without one). */
  goalStage: number
  /** Transitions (<from, to> numbers) frequent enough to have a slow cut. */
  transitions: number[]
  /**
   * The paths with what factorsSql reads, for the customers `where` holds; `value` adds each customer's value,
   * `outcomes` their feedback outcomes: per outcome (NPS, or a touchpoint's score), their first answer as a tuple
   * (outcome, cutoff: when, in ms, bad: whether that answer was bad), ordered by outcome.
   */
  paths: (where?: string, opts?: { value?: boolean; outcomes?: boolean }) => string
  params: Record<string, unknown>
}

/**
 * The one definition of the factors' and outcomes' inputs, shared by the drivers
 * and by the customers behind a driver: the paths with their transitions, waits,
 * slow cuts and first occurrences, the feedback outcomes with their cutoffs, and
 * the parameters both bind.
 */
export async function driverInputs(events: EventStore, scope: NamedScope, doc: JourneyDocument | undefined): Promise<DriverInputs> {
  const goal = doc && goalStep(doc)
  const goalStage = goal && doc ? doc.stages.findIndex((s) => s.steps.some((t) => t.key === goal)) + 1 : 0
  const thresholds = await slowThresholds(events, scope, customerPathsSql(scope, ['times']))
  // What the factors read of each path: its transitions, their waits and thresholds, first occurrences.
  const paths = (where = 'true', opts: { value?: boolean; outcomes?: boolean } = {}) => `
    SELECT customer, path, stages, channels, segments,${opts.value ? ' value,' : ''}${opts.outcomes ? ` ${FEEDBACK_OUTCOMES} AS outcomes,` : ''}
           arrayMap(t -> toInt64(toUnixTimestamp64Milli(t)), times) AS ms,
           ${transitions('path')} AS tr,
           -- each transition's slow cut (above its upper quartile and its median), looked up by hash; inf for one too rare to have any
           arrayMap(t -> transform(t, {tr_keys:Array(UInt32)}, {tr_cut:Array(Float64)}, inf), tr) AS tr_cut,
           arrayMap((c, w) -> w > c, tr_cut, arrayMap((x, y) -> y - x, arrayPopBack(ms), arrayPopFront(ms))) AS tr_is_slow,
           arrayPopFront(stages) AS tr_stage,
           arrayPopFront(ms) AS tr_at,
           arrayEnumerateUniq(path) AS nth_step,
           arrayEnumerateUniq(tr) AS nth_tr,
           -- the few slow transitions, filtered before they are numbered
           arrayFilter((t, s) -> s, tr, tr_is_slow) AS slow_tr,
           arrayFilter((g, s) -> s, tr_stage, tr_is_slow) AS slow_stage,
           arrayFilter((t, s) -> s, tr_at, tr_is_slow) AS slow_at,
           arrayEnumerateUniq(slow_tr) AS nth_slow,
           arrayEnumerateUniq(stages) AS nth_stage,
           arrayFilter((g, u) -> u = 1, stages, nth_stage) AS stage_firsts,
           arrayFilter((t, u) -> u = 1, ms, nth_stage) AS stage_first_at
    FROM (${customerPathsSql(scope, ['times', 'stages', 'channels', 'segments', ...(opts.value ? (['value'] as const) : []), ...(opts.outcomes ? (['answers'] as const) : [])])})
    WHERE notEmpty(path) AND ${where}`
  const params = {
    ...scope.params,
    goal: goal ? stepNumber(scope, goal) : 0,
    min_support: DRIVER_RULES.minSupport,
    low: LOW_SCORE,
    tr_keys: thresholds.map((t) => t.t),
    tr_cut: thresholds.map((t) => Math.max(t.median, t.slow)),
  }
  return { goal, goalStage, transitions: thresholds.map((t) => t.t), paths, params }
}

/**
 * A customer's feedback outcomes from their row's answers: each answer about NPS or a journey step as (outcome,
 * cutoff ms, bad: a detractor, or a low score), sorted, and the first of each outcome kept — their first answer.
 */
const FEEDBACK_OUTCOMES = `arrayFilter((o, u) -> u = 1,
    arraySort(arrayMap((a, score_kind, score) -> (toUInt16(if(score_kind = 'nps', ${NPS}, ${NPS} + indexOf({scope_steps:Array(String)}, a.touchpoint))),
                                                  toInt64(toUnixTimestamp64Milli(a.ts)),
                                                  toUInt8(ifNull(if(score_kind = 'nps', score <= 6, ${normalizedScoreSql()} <= {low:Float64}), 0))),
                       arrayFilter(a -> a.score_kind = 'nps' OR has({scope_steps:Array(String)}, a.touchpoint), answers) AS about,
                       arrayMap(a -> a.score_kind, about), arrayMap(a -> a.score, about))) AS answered,
    arrayEnumerateUniq(arrayMap(o -> o.1, answered)))`

async function driversOf(events: EventStore, scope: NamedScope, doc: JourneyDocument | undefined): Promise<Driver[]> {
  const { goal, goalStage, paths, params } = await driverInputs(events, scope, doc)
  const counted = (source: string) =>
    `SELECT bitShiftRight(k, 47) AS outcome, bitAnd(bitShiftRight(k, 44), 7) AS kind, bitAnd(k, 4294967295) AS id,
            bitAnd(bitShiftRight(k, 32), 4095) AS stage, n, bad
     FROM (${source} GROUP BY k HAVING n >= {min_support:UInt32})`
  // Not reaching the goal: every customer, every factor (nothing happens after "never"), so keys alone, no times.
  const goalRows = goal
    ? events.query<Row>(
        counted(`SELECT k, count() AS n, countIf(missed) AS bad
                 FROM (SELECT NOT has(path, {goal:UInt16}) AS missed, ${factorsSql({ timed: false })} AS factors FROM (${paths()}))
                 ARRAY JOIN factors AS k`),
        params,
      )
    : Promise.resolve([])
  // Feedback outcomes: only the customers who answered, each factor paired with each of their outcomes it came before.
  const feedbackRows = events.query<Row>(
    counted(`SELECT bitOr(bitShiftLeft(toUInt64(o.1), 47), f.1) AS k, count() AS n, countIf(o.3) AS bad
             FROM (SELECT ${factorsSql({ timed: true })} AS factors, outcomes FROM (${paths('notEmpty(outcomes)', { outcomes: true })}))
             ARRAY JOIN outcomes AS o
             ARRAY JOIN arrayFilter(x -> x.2 < o.2, factors) AS f`),
    params,
  )
  const rows = [...(await goalRows), ...(await feedbackRows)]

  const key = (outcome: number, kind: number, id: number, stage: number) => `${outcome}/${kind}/${id}/${stage}`
  const byKey = new Map(rows.map((r) => [key(Number(r.outcome), Number(r.kind), Number(r.id), Number(r.stage)), r]))
  const populationOf = (r: Row): Row | undefined => {
    const [outcome, kind, id, stage] = [Number(r.outcome), Number(r.kind), Number(r.id), Number(r.stage)]
    if (kind === KIND.slow) return byKey.get(key(outcome, KIND.transition, id, stage))
    return byKey.get(key(outcome, KIND.stage, 0, kind === KIND.segment ? 0 : stage))
  }
  const leavesOut = (r: Row): boolean => {
    if (Number(r.outcome) !== GOAL) return false
    if (Number(r.kind) === KIND.segment) return segmentOf(scope, r.id)?.trait === VALUE_TIER
    return Number(r.stage) >= goalStage
  }

  const tested: Driver[] = []
  for (const r of rows) {
    const kind = Number(r.kind)
    if (kind === KIND.stage || kind === KIND.transition || leavesOut(r)) continue
    const pop = populationOf(r)
    if (!pop) continue
    const [n, o] = [Number(r.n), Number(r.bad)]
    const [rest, restO] = [Number(pop.n) - n, Number(pop.bad) - o]
    if (n < DRIVER_RULES.minSupport || rest < DRIVER_RULES.minSupport || o === 0) continue
    const { rr, lo, hi, p } = relativeRisk(o, n, restO, rest)
    tested.push({ outcome: outcomeName(scope, Number(r.outcome), goal), factor: factorLabel(scope, r, doc), lift: rr, ci: [lo, hi], p, support: n, outcomeRate: o / n, baselineRate: restO / rest })
  }
  const adjusted = benjaminiHochberg(tested.map((d) => d.p))
  const drivers = tested.map((d, i) => ({ ...d, p: adjusted[i]! })).filter((d) => d.p <= DRIVER_RULES.fdr && d.ci[0] > 1)
  const strongest = (a: Driver, b: Driver) => b.ci[0] - a.ci[0] || a.outcome.localeCompare(b.outcome) || a.factor.localeCompare(b.factor)
  const kept = new Map<string, number>()
  return drivers.sort(strongest).filter((d) => {
    const n = kept.get(d.outcome) ?? 0
    kept.set(d.outcome, n + 1)
    return n < DRIVER_RULES.maxPerOutcome
  })
}

/** A factor as one number: kind (3 bits), stage (12 bits), id (32 bits: a step, channel, segment, or a transition's <from, to>). */
export const packedFactorSql = (kind: number | string, id: string, stage: string) =>
  `bitOr(bitOr(bitShiftLeft(toUInt64(${kind}), 44), bitShiftLeft(toUInt64(${stage}), 32)), toUInt64(${id}))`

/**
 * Each customer's factors, each once (its first occurrence): as packed keys (packedFactorSql), or, `timed`, as
 * (key, when) pairs in milliseconds, to leave out what came after an outcome. Reads the path columns as `p.` when joined, plain otherwise; needs the
 * transitions' slow cuts bound (tr_keys, tr_cut). Kinds 0 (a stage reached) and 5 (a transition made)
 * are populations: who could have had the factors of that stage or transition.
 */
export function factorsSql(opts: { timed: boolean }): string {
  const packed = packedFactorSql
  // A factor array from parallel arrays: keys, or (key, time) pairs when timed.
  const of = (lambda: string, key: string, arrays: string[], times: string) =>
    opts.timed ? `arrayMap((${lambda}, at) -> (${key}, at), ${arrays.join(', ')}, ${times})` : `arrayMap((${lambda}) -> ${key}, ${arrays.join(', ')})`
  const always = (key: string) => (opts.timed ? `(${key}, toInt64(${ALWAYS}))` : key)
  const firsts = (arr: string, u: number) => `arrayFilter((x, u) -> u = ${u}, ${arr}, nth_step)`
  const trFirsts = (arr: string) => `arrayFilter((x, c, u) -> isFinite(c) AND u = 1, ${arr}, tr_cut, nth_tr)`
  const slowFirsts = (arr: string) => `arrayFilter((x, u) -> u = 1, ${arr}, nth_slow)`
  // Stage g is reached at the first event of stage g or later: the earliest of the (few) stages' first events from g on.
  const stageReached = opts.timed
    ? `arrayMap(g -> (${packed(KIND.stage, '0', 'g')}, arrayMin(arrayFilter((s, t) -> s >= g, stage_firsts, stage_first_at))), range(1, arrayMax(arrayPushBack(stages, 0)) + 1))`
    : `arrayMap(g -> ${packed(KIND.stage, '0', 'g')}, range(1, arrayMax(arrayPushBack(stages, 0)) + 1))`
  return `arrayConcat(
             [${always(packed(KIND.stage, '0', '0'))}],
             ${stageReached},
             ${of('x, g', packed(KIND.experienced, 'x', 'g'), [firsts('path', 1), firsts('stages', 1)], firsts('ms', 1))},
             ${of('x, g', packed(KIND.repeated, 'x', 'g'), [firsts('path', 2), firsts('stages', 2)], firsts('ms', 2))},
             arrayFilter((f, u) -> u = 1, ${of('c, g', packed(KIND.via, 'c', 'g'), ['channels', 'stages'], 'ms')}, arrayEnumerateUniq(channels, stages)),
             arrayMap(s -> ${always(packed(KIND.segment, 's', '0'))}, segments),
             ${of('t, g', packed(KIND.transition, 't', 'g'), [trFirsts('tr'), trFirsts('tr_stage')], trFirsts('tr_at'))},
             ${of('t, g', packed(KIND.slow, 't', 'g'), [slowFirsts('slow_tr'), slowFirsts('slow_stage')], slowFirsts('slow_at'))}
           )`
}

/**
 * Per transition between two different consecutive steps (as a <from, to> number), the median and the
 * slow threshold of its waits in milliseconds; only transitions frequent enough for a slow group of the needed size.
 */
async function slowThresholds(events: EventStore, scope: NamedScope, paths: string) {
  const rows = await events.query<{ t: number; q: [number, number] }>(
    `SELECT t, quantilesExact(0.5, ${DRIVER_RULES.slowQuantile})(w) AS q
     FROM (SELECT ${transitions('path')} AS ts_,
                  arrayMap((x, y) -> toUnixTimestamp64Milli(y) - toUnixTimestamp64Milli(x), arrayPopBack(times), arrayPopFront(times)) AS ws_
           FROM (${paths}))
     ARRAY JOIN ts_ AS t, ws_ AS w
     WHERE bitShiftRight(t, 16) != bitAnd(t, 65535)
     GROUP BY t
     HAVING count() >= {min_transitions:UInt32}
     ORDER BY t`,
    { ...scope.params, min_transitions: Math.ceil(DRIVER_RULES.minSupport / (1 - DRIVER_RULES.slowQuantile)) },
  )
  return rows.map((r) => ({ t: Number(r.t), median: Number(r.q[0]), slow: Number(r.q[1]) }))
}

export function outcomeName(scope: NamedScope, outcome: number, goal: string | undefined): string {
  if (outcome === GOAL) return `not reaching ${goal}`
  if (outcome === NPS) return 'NPS detractor'
  return `low score at ${stepName(scope, outcome - NPS)}`
}

export function factorLabel(scope: NamedScope, r: Pick<Row, 'kind' | 'id' | 'stage'>, doc: JourneyDocument | undefined): string {
  const [kind, id, stage] = [Number(r.kind), Number(r.id), Number(r.stage)]
  if (kind === KIND.experienced) return `experienced ${stepName(scope, id)}`
  if (kind === KIND.repeated) return `repeated ${stepName(scope, id)}`
  if (kind === KIND.via) return `${(doc && doc.stages[stage - 1]?.key) ?? `stage ${stage}`} via ${channelName(scope, id)}`
  if (kind === KIND.slow) return `slow ${stepName(scope, Math.floor(id / 65536))} → ${stepName(scope, id % 65536)}`
  const segment = segmentOf(scope, id)
  return segment?.trait === VALUE_TIER ? `value tier ${segment.value}` : `trait ${segment?.trait}=${segment?.value}`
}
