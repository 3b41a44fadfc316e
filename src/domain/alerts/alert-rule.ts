/**
 * Alert rules watch one KPI of a journey's touchpoint (overall or for one
 * segment) over complete windows: score below a value, exit or repeat rate
 * above a value, volume dropping against a baseline, or a new red point.
 */
export const ALERT_KINDS = ['score_below', 'exit_rate_above', 'repeat_rate_above', 'volume_drop', 'new_red_point'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

export const ALERT_STATES = ['ok', 'pending', 'firing', 'no_data', 'error'] as const
export type AlertState = (typeof ALERT_STATES)[number]

export const ALERT_WINDOWS = { hour: 3_600_000, day: 86_400_000 } as const
export type AlertWindow = keyof typeof ALERT_WINDOWS

/** A window is complete this long after its end (late events land first). */
export const WINDOW_GRACE_MS = 5 * 60_000
/** Windows caught up at most per evaluation (a server that was down does not replay a year). */
export const MAX_CATCH_UP = 48

/** The complete windows to evaluate now: after `last` (exclusive) up to the latest complete one; only the latest for a new rule. */
export function windowsToEvaluate(window: AlertWindow, last: Date | null, now: Date): Array<{ start: Date; end: Date }> {
  const size = ALERT_WINDOWS[window]
  const latestEnd = Math.floor((now.getTime() - WINDOW_GRACE_MS) / size) * size
  const firstEnd = last ? last.getTime() + size : latestEnd
  const out: Array<{ start: Date; end: Date }> = []
  for (let end = Math.max(firstEnd, latestEnd - (MAX_CATCH_UP - 1) * size); end <= latestEnd; end += size) out.push({ start: new Date(end - size), end: new Date(end) })
  return out
}

export type RuleState = { state: AlertState; consecutive: number; firingNotified: boolean }
export type Observation = { value: number | null; sample: number; conditionMet: boolean | null; error?: string }

/**
 * One evaluation of a rule's state machine. Not enough sample (or no value) is
 * "no data" and breaks a pending run; a condition that holds for
 * `pendingEvaluations` windows in a row fires; a firing rule notifies once (not
 * again while the condition stays true, nor while snoozed — it notifies when
 * the snooze ends if it still fires) and sends "resolved" when it clears. An
 * error keeps what was known and says so.
 */
export function nextState(
  prev: RuleState,
  obs: Observation,
  rule: { pendingEvaluations: number; minSample: number; snoozedUntil: Date | null },
  now: Date,
): RuleState & { notify: 'firing' | 'resolved' | null } {
  if (obs.error) return { ...prev, state: 'error', notify: null }
  if (obs.value === null || obs.conditionMet === null || obs.sample < rule.minSample) return { ...prev, state: 'no_data', consecutive: 0, notify: null }
  const snoozed = rule.snoozedUntil !== null && rule.snoozedUntil.getTime() > now.getTime()
  if (obs.conditionMet) {
    const consecutive = prev.consecutive + 1
    if (consecutive < Math.max(1, rule.pendingEvaluations)) return { state: 'pending', consecutive, firingNotified: prev.firingNotified, notify: null }
    const notify = !prev.firingNotified && !snoozed ? 'firing' : null
    return { state: 'firing', consecutive, firingNotified: prev.firingNotified || notify === 'firing', notify }
  }
  return { state: 'ok', consecutive: 0, firingNotified: false, notify: prev.firingNotified ? 'resolved' : null }
}

/** Whether a value breaks the rule: above, below, or a drop of more than the threshold (a share) against the baseline. */
export function conditionOf(kind: AlertKind, value: number, threshold: number, baseline?: number | null): boolean | null {
  switch (kind) {
    case 'score_below':
      return value < threshold
    case 'exit_rate_above':
    case 'repeat_rate_above':
      return value > threshold
    case 'volume_drop':
      return baseline ? value < baseline * (1 - threshold) : null
    case 'new_red_point':
      return value > 0
  }
}
