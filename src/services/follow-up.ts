import { analyzeJourney } from '../analytics/analyze-journey.ts'
import { findDetractorsAfterRepeat, type TriggerHit } from '../analytics/find-detractors-after-repeat.ts'
import { findExitsAtRedPoints } from '../analytics/find-exits-at-red-points.ts'
import { WATERMARK_MARGIN_MICROS } from '../domain/cases/trigger.ts'
import type { WorkspaceId } from '../domain/ids.ts'
import type { CaseRecord } from '../storage/metadata/case-repository.ts'
import type { TriggerRecord } from '../storage/metadata/trigger-repository.ts'
import type { CheckDeps } from './alerts.ts'
import { deliverWebhook, type Notice } from './webhooks.ts'

const HOUR = 3_600_000
/** Red-point steps per journey version, re-read at most hourly (a full analysis; triggers run every few seconds). */
const redStepsCache = new Map<string, { at: number; steps: Promise<string[]> }>()

async function redSteps(deps: CheckDeps, workspaceId: string, journeyId: string, now: number): Promise<string[]> {
  const journey = await deps.repos.journeys.get(workspaceId as WorkspaceId, journeyId)
  if (!journey) return []
  const key = `${journey.id}:${journey.version}`
  const hit = redStepsCache.get(key)
  if (hit && now - hit.at < HOUR) return hit.steps
  const steps = analyzeJourney(deps.events, workspaceId, journey.document).then((a) => [...new Set(a.redPoints.map((r) => r.step))])
  redStepsCache.set(key, { at: now, steps })
  steps.catch(() => redStepsCache.delete(key))
  return steps
}

const caseNotice = (kind: 'opened' | 'escalated', c: CaseRecord, baseUrl?: string): Notice => ({
  kind: `case.${kind}`,
  title: kind === 'opened' ? `New case: ${c.customerId}` : `Overdue case: ${c.customerId}`,
  text: kind === 'opened' ? `${c.reason}. Due ${c.dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : `${c.reason}. It was due ${c.dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC and is still open.`,
  link: baseUrl ? `${baseUrl}/w/${c.workspaceId}/cases/${c.id}` : undefined,
  data: { caseId: c.id, customer: c.customerId, eventId: c.eventId, step: c.step, dueAt: c.dueAt.toISOString(), triggerId: c.triggerId },
})

async function notify(deps: CheckDeps, t: Pick<TriggerRecord, 'webhookId' | 'workspaceId'> | undefined, n: Notice) {
  if (!t?.webhookId) return
  const hook = await deps.repos.webhooks.get(t.workspaceId, t.webhookId)
  if (hook) await deliverWebhook(hook.url, hook.format, n, deps.delivery)
}

/** The hits of one trigger among the events stored since its watermark (re-reading a short margin behind it). */
async function hitsOf(deps: CheckDeps, t: TriggerRecord, nowMicros: number): Promise<{ hits: TriggerHit[]; upto: number }> {
  const c = t.condition
  // Never before the trigger existed: what arrived earlier is history, not something to act on now.
  const after = Math.max(t.watermark - WATERMARK_MARGIN_MICROS, t.createdAt.getTime() * 1000)
  if (c.kind === 'detractor_after_repeat') {
    const upto = nowMicros
    return { upto, hits: await findDetractorsAfterRepeat(deps.events, t.workspaceId, { after, upto }, c) }
  }
  const upto = nowMicros - c.quietHours * HOUR * 1000
  const journey = await deps.repos.journeys.get(t.workspaceId, t.journeyId)
  if (!journey || upto <= t.watermark) return { upto: t.watermark, hits: [] }
  const steps = await redSteps(deps, t.workspaceId, t.journeyId, nowMicros / 1000)
  return { upto, hits: await findExitsAtRedPoints(deps.events, t.workspaceId, journey.document, steps, { after, upto }, c.minRevenue) }
}

/**
 * Every enabled trigger reads the events stored since its watermark (arrival
 * seq, through the events' seq index; never the whole history), opens one case
 * per triggering event (unique per trigger and event, so a re-read opens
 * nothing twice), notifies its webhook and moves the watermark on.
 */
export async function processTriggers(deps: CheckDeps, workspaceId: WorkspaceId, now = new Date()): Promise<CaseRecord[]> {
  const opened: CaseRecord[] = []
  for (const t of (await deps.repos.triggers.list(workspaceId)).filter((x) => x.enabled)) {
    const { hits, upto } = await hitsOf(deps, t, now.getTime() * 1000)
    for (const h of hits) {
      const c = await deps.repos.cases.open(workspaceId, {
        triggerId: t.id,
        journeyId: t.journeyId,
        customerId: h.customer,
        eventId: h.event_id,
        eventAt: new Date(`${h.ts.replace(' ', 'T')}Z`),
        reason: `${t.name}: ${h.detail}`,
        step: h.step || null,
        ownerId: t.ownerId,
        dueAt: new Date(now.getTime() + t.slaHours * HOUR),
        opportunityId: t.opportunityId,
      })
      if (!c) continue
      opened.push(c)
      await notify(deps, t, caseNotice('opened', c, deps.baseUrl))
    }
    await deps.repos.triggers.advance(t.id, upto)
  }
  return opened
}

/** Open cases past their due time are escalated once: marked and sent to their trigger's webhook. */
export async function escalateCases(deps: CheckDeps, workspaceId: WorkspaceId, now = new Date()): Promise<CaseRecord[]> {
  const overdue = await deps.repos.cases.escalateOverdue(workspaceId, now)
  for (const c of overdue) await notify(deps, c.triggerId ? await deps.repos.triggers.get(workspaceId, c.triggerId) : undefined, caseNotice('escalated', c, deps.baseUrl))
  return overdue
}
