import { AppError } from '../domain/errors.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'

/** Paths carry steps and channels as numbers (cheaper to sort, group and compare); these are the names they stand for. */
export type ScopeNames = {
  /** Step n is steps[n - 1]: the journey's step keys, or the workspace's event names without a journey. */
  steps: string[]
  /** Channel n is channels[n - 1]; 0 is a channel first seen after the names were read. Read only for analyses of channels. */
  channels?: string[]
  /**
   * Segment n is segments[n - 1]: first every (trait, value) of the workspace's traits with at most
   * SEGMENT_RULES.maxValues distinct values, then the value tiers (see VALUE_TIERS). Read only for analyses of segments.
   */
  segments?: Segment[]
}

/** A group of customers: those whose latest `trait` is `value`, or a value tier (trait VALUE_TIER). */
export type Segment = { trait: string; value: string }

export const SEGMENT_RULES = {
  /** Traits with more distinct values than this (ids, emails, free text) do not make segments. */
  maxValues: 12,
  /**
   * Customers are counted per combination of their segments, so the traits taken are those with the fewest values
   * while their combinations (each value, or none) stay within this many.
   */
  maxCombinations: 2000,
} as const

/** The segments of the traits with the fewest values whose combinations stay within SEGMENT_RULES.maxCombinations. */
function boundedSegments(segments: Segment[]): Segment[] {
  const values = new Map<string, number>()
  for (const s of segments) values.set(s.trait, (values.get(s.trait) ?? 0) + 1)
  const taken = new Set<string>()
  let combinations = 1
  for (const [trait, n] of [...values].sort(([a, x], [b, y]) => x - y || a.localeCompare(b))) {
    if (combinations * (n + 1) > SEGMENT_RULES.maxCombinations) break
    combinations *= n + 1
    taken.add(trait)
  }
  return segments.filter((s) => taken.has(s.trait))
}
/** Paying customers by their revenue within the scope: high above the 80th percentile, low below the 20th, mid between. */
export const VALUE_TIER = 'value tier'
export const VALUE_TIERS = ['high', 'mid', 'low'] as const

/** A scope whose names have been read: what path queries need. */
export type NamedScope = Scope & { names: ScopeNames }

/** What a path event packs for its step and channel (see customer-paths.ts). */
export const MAX_STEPS = 2 ** 16 - 1
export const MAX_CHANNELS = 2 ** 12 - 1

/** DISTINCT reads a LowCardinality column's dictionaries rather than hashing every value: at 10M events ⅓ of the time. */
const CHANNEL_NAMES = `(SELECT CAST(arraySort(groupArray(channel)), 'Array(String)') FROM (SELECT DISTINCT channel FROM events WHERE workspace_id = {ws:String}))`
/**
 * The traits that make segments, with their values, as (keys, values) arrays in a stable order. Values
 * ever observed count (cheaper than each customer's latest, by 20× at 1M customers): a value nobody
 * has any more is a segment without customers, which no test reads.
 */
const SEGMENT_NAMES = `(
  SELECT (groupArray(k), groupArray(v))
  FROM (SELECT k, v
        FROM (SELECT k, arraySort(groupUniqArray(${SEGMENT_RULES.maxValues + 1})(v)) AS vs
              FROM customers ARRAY JOIN mapKeys(traits) AS k, mapValues(traits) AS v
              WHERE workspace_id = {ws:String}
              GROUP BY k HAVING length(vs) BETWEEN 2 AND ${SEGMENT_RULES.maxValues})
        ARRAY JOIN vs AS v ORDER BY k, v))`

/**
 * Reads the names once, at the start of an analysis, and binds them as the
 * parameters `scope_steps` and `scope_channels`, so that every query of the
 * analysis numbers and names steps alike even while events arrive. Channel
 * names are read when asked for (or already read).
 */
export async function withScopeNames(events: EventStore, scope: Scope, opts: { channels?: boolean; segments?: boolean } = {}): Promise<NamedScope> {
  const has = scope.names
  if (has && (has.channels || !opts.channels) && (has.segments || !opts.segments)) return scope as NamedScope
  const channelsSql = has?.channels ? '{scope_channels:Array(String)}' : opts.channels ? CHANNEL_NAMES : 'NULL'
  const segmentsSql = has?.segments ? '({seg_keys:Array(String)}, {seg_values:Array(String)})' : opts.segments ? SEGMENT_NAMES : 'NULL'
  const [names] = await events.query<{ steps: string[]; channels: string[] | null; segments: [string[], string[]] | null }>(
    `SELECT ${has ? '{scope_steps:Array(String)}' : scope.stepNames} AS steps, ${channelsSql} AS channels, ${segmentsSql} AS segments`,
    scope.params,
  )
  const { steps } = names!
  const channels = names!.channels ?? undefined
  const traitSegments = names!.segments ? boundedSegments(names!.segments[0].map((trait, i) => ({ trait, value: names!.segments![1][i]! }))) : undefined
  if (steps.length > MAX_STEPS) {
    throw new AppError('validation_failed', `Paths tell at most ${MAX_STEPS} distinct steps apart and this workspace has ${steps.length} event names: analyse it with a journey that maps them`)
  }
  if (channels && channels.length > MAX_CHANNELS) {
    throw new AppError('validation_failed', `Paths tell at most ${MAX_CHANNELS} channels apart and this workspace has ${channels.length}: send fewer distinct channel names`)
  }
  const segments = traitSegments ? [...traitSegments, ...VALUE_TIERS.map((value) => ({ trait: VALUE_TIER, value }))] : undefined
  return {
    ...scope,
    names: { steps, ...(channels ? { channels } : {}), ...(segments ? { segments } : {}) },
    params: {
      ...scope.params,
      scope_steps: steps,
      ...(channels ? { scope_channels: channels } : {}),
      ...(traitSegments
        ? { seg_keys: traitSegments.map((s) => s.trait), seg_values: traitSegments.map((s) => s.value), seg_traits: [...new Set(traitSegments.map((s) => s.trait))] }
        : {}),
    },
  }
}

/** What an analysis can be filtered and broken down by in a workspace: its channels, and its traits with few values. */
export async function workspaceDimensions(events: EventStore, workspaceId: string): Promise<{ channels: string[]; traits: Array<{ trait: string; values: string[] }> }> {
  const [row] = await events.query<{ channels: string[]; segments: [string[], string[]] }>(`SELECT ${CHANNEL_NAMES} AS channels, ${SEGMENT_NAMES} AS segments`, { ws: workspaceId })
  const traits = new Map<string, string[]>()
  row!.segments[0].forEach((trait, i) => traits.set(trait, [...(traits.get(trait) ?? []), row!.segments[1][i]!]))
  return { channels: row!.channels.filter(Boolean), traits: [...traits].map(([trait, values]) => ({ trait, values })) }
}

/** The segment number n names (undefined for 0 or unknown). */
export const segmentOf = (scope: NamedScope, n: number | string): Segment | undefined => scope.names.segments?.[Number(n) - 1]

/** The number paths use for a step name (0, matching nothing, when the scope has no such step). */
export const stepNumber = (scope: NamedScope, name: string): number => scope.names.steps.indexOf(name) + 1

/** The name of step number n, or `none` for 0. */
export const stepName = (scope: NamedScope, n: number | string, none = ''): string => scope.names.steps[Number(n) - 1] ?? none

/** The name of channel number n ('' for 0). */
export const channelName = (scope: NamedScope, n: number | string): string => scope.names.channels?.[Number(n) - 1] ?? ''
