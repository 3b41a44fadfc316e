import { describe, expect, it } from 'vitest'
import { conditionOf, nextState, windowsToEvaluate, type RuleState } from '../../src/domain/alerts/alert-rule.ts'

const HOUR = 3_600_000
const at = (h: number, min = 0) => new Date(Date.UTC(2026, 11, 1, h, min))
const rule = { pendingEvaluations: 2, minSample: 10, snoozedUntil: null }
const ok: RuleState = { state: 'ok', consecutive: 0, firingNotified: false }
const obs = (value: number | null, conditionMet: boolean | null, sample = 50) => ({ value, sample, conditionMet })

describe('alert windows', () => {
  it('are complete windows only, 5 minutes after their end; a new rule starts with the latest; missed ones are caught up', () => {
    expect(windowsToEvaluate('hour', null, at(10, 4))).toEqual([{ start: at(8), end: at(9) }])
    expect(windowsToEvaluate('hour', null, at(10, 6))).toEqual([{ start: at(9), end: at(10) }])
    expect(windowsToEvaluate('hour', at(10), at(10, 30))).toEqual([])
    expect(windowsToEvaluate('hour', at(7), at(10, 30)).map((w) => w.end.getTime())).toEqual([at(8), at(9), at(10)].map((d) => d.getTime()))
    expect(windowsToEvaluate('day', null, at(0, 6))).toEqual([{ start: new Date(at(0).getTime() - 24 * HOUR), end: at(0) }])
    expect(windowsToEvaluate('hour', new Date(at(10).getTime() - 100 * HOUR), at(10, 30))).toHaveLength(48)
  })
})

describe('alert states', () => {
  it('goes pending, fires once after the pending period, stays quiet while true, resolves', () => {
    const a = nextState(ok, obs(0.6, true), rule, at(1))
    expect(a).toMatchObject({ state: 'pending', consecutive: 1, notify: null })
    const b = nextState(a, obs(0.7, true), rule, at(2))
    expect(b).toMatchObject({ state: 'firing', firingNotified: true, notify: 'firing' })
    const c = nextState(b, obs(0.7, true), rule, at(3))
    expect(c).toMatchObject({ state: 'firing', notify: null })
    expect(nextState(c, obs(0.1, false), rule, at(4))).toMatchObject({ state: 'ok', consecutive: 0, firingNotified: false, notify: 'resolved' })
  })
  it('calls a small sample or a missing value no data (and starts a pending run over), keeps what it knew on an error', () => {
    const a = nextState(ok, obs(0.6, true), rule, at(1))
    const none = nextState(a, obs(0.9, true, 5), rule, at(2))
    expect(none).toMatchObject({ state: 'no_data', consecutive: 0, notify: null })
    expect(nextState(none, obs(0.6, true), rule, at(3))).toMatchObject({ state: 'pending' })
    const firing = { state: 'firing' as const, consecutive: 3, firingNotified: true }
    expect(nextState(firing, { ...obs(null, null), error: 'engine down' }, rule, at(3))).toEqual({ ...firing, state: 'error', notify: null })
    // No data does not resolve: only a window that shows the condition cleared does.
    const quiet = nextState(firing, obs(null, null), rule, at(3))
    expect(quiet).toMatchObject({ state: 'no_data', firingNotified: true, notify: null })
    expect(nextState(quiet, obs(0.1, false), rule, at(4)).notify).toBe('resolved')
  })
  it('does not notify while snoozed, and notifies when the snooze ends if it still fires', () => {
    const snoozed = { ...rule, pendingEvaluations: 1, snoozedUntil: at(5) }
    const a = nextState(ok, obs(0.9, true), snoozed, at(2))
    expect(a).toMatchObject({ state: 'firing', notify: null, firingNotified: false })
    expect(nextState(a, obs(0.9, true), snoozed, at(6))).toMatchObject({ state: 'firing', notify: 'firing' })
  })
  it('reads each kind of condition the right way round', () => {
    expect(conditionOf('score_below', 2.9, 3)).toBe(true)
    expect(conditionOf('exit_rate_above', 0.2, 0.3)).toBe(false)
    expect(conditionOf('volume_drop', 60, 0.3, 100)).toBe(true)
    expect(conditionOf('volume_drop', 80, 0.3, 100)).toBe(false)
    expect(conditionOf('volume_drop', 0, 0.3, 0)).toBeNull()
    expect(conditionOf('new_red_point', 1, 0)).toBe(true)
  })
})
