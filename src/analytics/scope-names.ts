import { AppError } from '../domain/errors.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'

/** Paths carry steps and channels as numbers (cheaper to sort, group and compare); these are the names they stand for. */
export type ScopeNames = {
  /** Step n is steps[n - 1]: the journey's step keys, or the workspace's event names without a journey. */
  steps: string[]
  /** Channel n is channels[n - 1]; 0 is a channel first seen after the names were read. Read only for analyses of channels. */
  channels?: string[]
}

/** A scope whose names have been read: what path queries need. */
export type NamedScope = Scope & { names: ScopeNames }

/** What a path event packs for its step and channel (see customer-paths.ts). */
export const MAX_STEPS = 2 ** 16 - 1
export const MAX_CHANNELS = 2 ** 12 - 1

const CHANNEL_NAMES = `(SELECT CAST(arraySort(groupUniqArray(channel)), 'Array(String)') FROM events WHERE workspace_id = {ws:String})`

/**
 * Reads the names once, at the start of an analysis, and binds them as the
 * parameters `scope_steps` and `scope_channels`, so that every query of the
 * analysis numbers and names steps alike even while events arrive. Channel
 * names are read when asked for (or already read).
 */
export async function withScopeNames(events: EventStore, scope: Scope, opts: { channels?: boolean } = {}): Promise<NamedScope> {
  if (scope.names && (scope.names.channels || !opts.channels)) return scope as NamedScope
  const [names] = await events.query<{ steps: string[]; channels: string[] | null }>(
    `SELECT ${scope.names ? '{scope_steps:Array(String)}' : scope.stepNames} AS steps, ${opts.channels ? CHANNEL_NAMES : 'NULL'} AS channels`,
    scope.params,
  )
  const { steps } = names!
  const channels = names!.channels ?? undefined
  if (steps.length > MAX_STEPS) {
    throw new AppError('validation_failed', `Paths tell at most ${MAX_STEPS} distinct steps apart and this workspace has ${steps.length} event names: analyse it with a journey that maps them`)
  }
  if (channels && channels.length > MAX_CHANNELS) {
    throw new AppError('validation_failed', `Paths tell at most ${MAX_CHANNELS} channels apart and this workspace has ${channels.length}: send fewer distinct channel names`)
  }
  return { ...scope, names: { steps, ...(channels ? { channels } : {}) }, params: { ...scope.params, scope_steps: steps, ...(channels ? { scope_channels: channels } : {}) } }
}

/** The number paths use for a step name (0, matching nothing, when the scope has no such step). */
export const stepNumber = (scope: NamedScope, name: string): number => scope.names.steps.indexOf(name) + 1

/** The name of step number n, or `none` for 0. */
export const stepName = (scope: NamedScope, n: number | string, none = ''): string => scope.names.steps[Number(n) - 1] ?? none

/** The name of channel number n ('' for 0). */
export const channelName = (scope: NamedScope, n: number | string): string => scope.names.channels?.[Number(n) - 1] ?? ''
