import { analysisScope, type AnalysisFilter } from '../analytics/analysis-scope.ts'
import { analyzeJourney } from '../analytics/analyze-journey.ts'
import { getStepVolumes } from '../analytics/get-step-volumes.ts'
import { getTouchpointKpis } from '../analytics/get-touchpoint-kpis.ts'
import { ALERT_WINDOWS, conditionOf, nextState, windowsToEvaluate, type AlertState, type Observation } from '../domain/alerts/alert-rule.ts'
import { AppError, notFound } from '../domain/errors.ts'
import type { WorkspaceId } from '../domain/ids.ts'
import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { AlertRuleInput, AlertRuleRecord } from '../storage/metadata/alert-rule-repository.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'
import { deliverWebhook, deliveryText, type DeliveryOptions, type Notice } from './webhooks.ts'

export type CheckDeps = { repos: Repositories; events: EventStore; delivery?: DeliveryOptions; baseUrl?: string }

/** New red points are looked for over this many days up to the window's end. */
export const RED_POINT_LOOKBACK_DAYS = 28

const segmentFilter = (s: AlertRuleRecord['segment']): AnalysisFilter => (!s ? {} : s.trait === 'value tier' ? { valueTiers: [s.value] } : { traits: { [s.trait]: [s.value] } })
const redPointKey = (r: { step: string; segment: { trait: string; value: string } | null }) => `${r.step}${r.segment ? ` (${r.segment.trait} ${r.segment.value})` : ''}`

async function redPointsAt(deps: CheckDeps, workspaceId: string, doc: JourneyDocument, segment: AlertRuleRecord['segment'], end: Date) {
  const from = new Date(end.getTime() - RED_POINT_LOOKBACK_DAYS * ALERT_WINDOWS.day)
  const a = await analyzeJourney(deps.events, workspaceId, doc, { from, to: end, ...segmentFilter(segment) })
  return { keys: a.redPoints.map(redPointKey), customers: a.summary.customers }
}

/** The value of a rule's KPI over one window, in the engine, and whether it breaks the rule. */
async function observe(deps: CheckDeps, rule: AlertRuleRecord, doc: JourneyDocument, w: { start: Date; end: Date }): Promise<Observation & { detail: string }> {
  if (rule.kind === 'new_red_point') {
    const { keys, customers } = await redPointsAt(deps, rule.workspaceId, doc, rule.segment, w.end)
    const fresh = keys.filter((k) => !rule.knownRedPoints.includes(k))
    return { value: fresh.length, sample: customers, conditionMet: conditionOf('new_red_point', fresh.length, rule.threshold), detail: fresh.length ? `new: ${fresh.join(', ')}` : 'no new red point' }
  }
  if (rule.kind === 'volume_drop') {
    const size = ALERT_WINDOWS[rule.window]
    const volumes = await getStepVolumes(deps.events, rule.workspaceId, doc, rule.step!, w.end, size, rule.baselineWindows + 1)
    const value = volumes[volumes.length - 1]!
    const before = volumes.slice(0, -1)
    const baseline = before.reduce((s, v) => s + v, 0) / Math.max(1, before.length)
    return { value, sample: Math.round(baseline), conditionMet: conditionOf('volume_drop', value, rule.threshold, baseline), detail: `baseline ${baseline.toFixed(1)} customers per window (${before.length} windows)` }
  }
  const report = await getTouchpointKpis(deps.events, analysisScope(rule.workspaceId, doc, { from: w.start, to: w.end, ...segmentFilter(rule.segment) }), doc)
  const t = report.touchpoints.find((x) => x.step === rule.step)
  if (!t) return { value: null, sample: 0, conditionMet: null, detail: 'no such step' }
  if (t.customers === 0) return { value: null, sample: 0, conditionMet: null, detail: 'no customers at the step in this window' }
  if (rule.kind === 'score_below') {
    const f = rule.scoreKind ? t.feedback.find((x) => x.kind === rule.scoreKind) : [...t.feedback].sort((a, b) => b.n - a.n)[0]
    if (!f) return { value: null, sample: 0, conditionMet: null, detail: 'no answers' }
    return { value: f.mean, sample: f.n, conditionMet: conditionOf('score_below', f.mean, rule.threshold), detail: `${f.kind} mean of ${f.n} answers` }
  }
  const value = rule.kind === 'exit_rate_above' ? t.exitRate : t.contactRepeatRate
  return { value, sample: t.customers, conditionMet: conditionOf(rule.kind, value, rule.threshold), detail: `${t.customers} customers` }
}

const KIND_WORDS: Record<AlertRuleRecord['kind'], string> = {
  score_below: 'score below',
  exit_rate_above: 'exit rate above',
  repeat_rate_above: 'repeat contacts above',
  volume_drop: 'volume drop of more than',
  new_red_point: 'new red point',
}
const shown = (rule: AlertRuleRecord, x: number | null) =>
  x === null ? '—' : rule.kind === 'exit_rate_above' || rule.kind === 'repeat_rate_above' || rule.kind === 'volume_drop' ? `${(x * 100).toFixed(1)} %` : rule.kind === 'new_red_point' ? String(x) : x.toFixed(2)

function noticeOf(rule: AlertRuleRecord, doc: JourneyDocument, kind: 'firing' | 'resolved', value: number | null, w: { start: Date; end: Date }, detail: string, baseUrl?: string): Notice {
  const step = rule.step ? (allSteps(doc).find((s) => s.step.key === rule.step)?.step.name ?? rule.step) : doc.name
  const who = rule.segment ? ` for ${rule.segment.trait} ${rule.segment.value}` : ''
  const condition = rule.kind === 'new_red_point' ? 'a new red point' : `${KIND_WORDS[rule.kind]} ${shown(rule, rule.threshold)}`
  const measured = rule.kind === 'volume_drop' ? `${value} customers (${detail})` : rule.kind === 'new_red_point' ? detail : shown(rule, value)
  const period = `${w.start.toISOString().slice(0, 16)}–${w.end.toISOString().slice(11, 16)} UTC`
  return {
    kind: `alert.${kind}`,
    title: kind === 'firing' ? `Firing: ${rule.name}` : `Resolved: ${rule.name}`,
    text: kind === 'firing' ? `${step}${who}: ${condition} — measured ${measured} (${period}).` : `${step}${who}: back to normal — measured ${measured} (${period}).`,
    link: baseUrl ? `${baseUrl}/w/${rule.workspaceId}/alerts` : undefined,
    data: { ruleId: rule.id, rule: rule.name, ruleKind: rule.kind, step: rule.step, segment: rule.segment, threshold: rule.threshold, value, windowStart: w.start.toISOString(), windowEnd: w.end.toISOString() },
  }
}

export type EvaluationSummary = { ruleId: string; name: string; windowEnd: string; state: AlertState; value: number | null; notification: string | null }

/**
 * Evaluates every enabled rule of a workspace on the complete windows it has
 * not evaluated yet (the latest one for a new rule), records each evaluation
 * with its value, moves the rule's state and sends the notifications. A window
 * another server evaluated already is skipped (one evaluation per rule and
 * window). Errors are recorded in the rule's state, never thrown.
 */
export async function evaluateAlerts(deps: CheckDeps, workspaceId: WorkspaceId, now = new Date()): Promise<EvaluationSummary[]> {
  const out: EvaluationSummary[] = []
  for (const rule0 of (await deps.repos.alertRules.list(workspaceId)).filter((r) => r.enabled)) {
    let rule = rule0
    const journey = await deps.repos.journeys.get(workspaceId, rule.journeyId)
    for (const w of windowsToEvaluate(rule.window, rule.lastWindowEnd, now)) {
      let obs: Observation & { detail: string }
      try {
        obs = journey ? await observe(deps, rule, journey.document, w) : { value: null, sample: 0, conditionMet: null, detail: '', error: 'the journey was deleted' }
      } catch (err) {
        obs = { value: null, sample: 0, conditionMet: null, detail: '', error: err instanceof Error ? err.message.split('\n')[0]! : String(err) }
      }
      const next = nextState(rule, obs, rule, now)
      const evaluation = await deps.repos.alertEvaluations.claim({
        ruleId: rule.id,
        windowStart: w.start,
        windowEnd: w.end,
        value: obs.value,
        sample: obs.sample,
        conditionMet: obs.conditionMet,
        state: next.state,
        detail: obs.error ? `error: ${obs.error}` : obs.detail,
        notification: next.notify,
      })
      if (!evaluation) continue
      rule = (await deps.repos.alertRules.update(workspaceId, rule.id, {
        state: next.state,
        stateSince: next.state !== rule.state ? now : rule.stateSince,
        consecutive: next.consecutive,
        firingNotified: next.firingNotified,
        lastWindowEnd: w.end,
        lastValue: obs.value,
      }))!
      if (next.notify && rule.webhookId && journey) {
        const hook = await deps.repos.webhooks.get(workspaceId, rule.webhookId)
        if (hook) {
          const d = await deliverWebhook(hook.url, hook.format, noticeOf(rule, journey.document, next.notify, obs.value, w, obs.detail, deps.baseUrl), deps.delivery)
          await deps.repos.alertEvaluations.setDelivery(evaluation, deliveryText(d))
        }
      }
      out.push({ ruleId: rule.id, name: rule.name, windowEnd: w.end.toISOString(), state: next.state, value: obs.value, notification: next.notify })
    }
  }
  return out
}

/** A new rule: its step must exist; a new-red-point rule starts from the red points found now (they are known, not new). */
export async function createAlertRule(deps: CheckDeps, workspaceId: WorkspaceId, input: AlertRuleInput): Promise<AlertRuleRecord> {
  const journey = await deps.repos.journeys.get(workspaceId, input.journeyId)
  if (!journey) throw notFound('Journey')
  if (input.kind !== 'new_red_point' && !allSteps(journey.document).some((s) => s.step.key === input.step)) {
    throw new AppError('validation_failed', `A ${input.kind} rule needs one of the journey's steps`, [{ path: 'body.step', message: 'unknown step' }])
  }
  if (input.webhookId && !(await deps.repos.webhooks.get(workspaceId, input.webhookId))) throw notFound('Webhook')
  const knownRedPoints = input.kind === 'new_red_point' ? (await redPointsAt(deps, workspaceId, journey.document, input.segment, new Date())).keys : []
  return deps.repos.alertRules.create(workspaceId, { ...input, step: input.kind === 'new_red_point' ? null : input.step, knownRedPoints })
}
