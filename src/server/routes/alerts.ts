import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ALERT_KINDS, ALERT_STATES } from '../../domain/alerts/alert-rule.ts'
import { notFound } from '../../domain/errors.ts'
import { createAlertRule } from '../../services/alerts.ts'
import { deliverWebhook, deliveryText } from '../../services/webhooks.ts'
import type { AlertEvaluation } from '../../storage/metadata/alert-evaluation-repository.ts'
import type { AlertRuleRecord } from '../../storage/metadata/alert-rule-repository.ts'
import type { WebhookRecord } from '../../storage/metadata/webhook-repository.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { patchBody, wsParams } from '../schemas.ts'

const idParams = wsParams.extend({ id: z.string() })
const segment = z.object({ trait: z.string().min(1), value: z.string().min(1) })

const ruleInput = z.object({
  journeyId: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ALERT_KINDS).describe('score_below, exit_rate_above, repeat_rate_above (contact repeats), volume_drop, new_red_point'),
  step: z.string().nullable().default(null).describe('The touchpoint (not for new_red_point)'),
  segment: segment.nullable().default(null).describe('Overall (null) or one segment: a trait value, or {"trait": "value tier", "value": "high"}'),
  scoreKind: z.string().nullable().default(null).describe('score_below: nps, csat, ces or rating (default: the most answered)'),
  threshold: z.number().describe('A score, a rate (0–1), a drop as a share of the baseline (0.3 = 30 % fewer), or 0 for new red points'),
  window: z.enum(['hour', 'day']).default('day'),
  baselineWindows: z.number().int().min(1).max(60).default(7).describe('volume_drop: the windows before the last one that make the baseline'),
  pendingEvaluations: z.number().int().min(1).max(100).default(1).describe('The condition must hold this many windows in a row before it fires'),
  minSample: z.number().int().min(0).max(1_000_000).default(30).describe('Fewer customers or answers in a window is "no data"'),
  webhookId: z.string().nullable().default(null),
  enabled: z.boolean().default(true),
})

const ruleSchema = ruleInput.extend({
  id: z.string(),
  state: z.enum(ALERT_STATES),
  stateSince: z.string(),
  lastWindowEnd: z.string().nullable(),
  lastValue: z.number().nullable(),
  snoozedUntil: z.string().nullable(),
  knownRedPoints: z.array(z.string()).describe('new_red_point: the red points known when the rule was made'),
  createdAt: z.string(),
})
const toRule = (r: AlertRuleRecord) => ({
  id: r.id,
  journeyId: r.journeyId,
  name: r.name,
  kind: r.kind,
  step: r.step,
  segment: r.segment,
  scoreKind: r.scoreKind,
  threshold: r.threshold,
  window: r.window,
  baselineWindows: r.baselineWindows,
  pendingEvaluations: r.pendingEvaluations,
  minSample: r.minSample,
  webhookId: r.webhookId,
  enabled: r.enabled,
  state: r.state,
  stateSince: r.stateSince.toISOString(),
  lastWindowEnd: r.lastWindowEnd?.toISOString() ?? null,
  lastValue: r.lastValue,
  snoozedUntil: r.snoozedUntil?.toISOString() ?? null,
  knownRedPoints: r.knownRedPoints,
  createdAt: r.createdAt.toISOString(),
})

const evaluationSchema = z.object({
  windowStart: z.string(),
  windowEnd: z.string(),
  evaluatedAt: z.string(),
  value: z.number().nullable().describe('The value that decided it'),
  sample: z.number().int(),
  conditionMet: z.boolean().nullable(),
  state: z.enum(ALERT_STATES),
  detail: z.string(),
  notification: z.enum(['firing', 'resolved']).nullable(),
  delivery: z.string().nullable(),
})
const toEvaluation = (e: AlertEvaluation) => ({
  windowStart: e.windowStart.toISOString(),
  windowEnd: e.windowEnd.toISOString(),
  evaluatedAt: e.evaluatedAt.toISOString(),
  value: e.value,
  sample: e.sample,
  conditionMet: e.conditionMet,
  state: e.state,
  detail: e.detail,
  notification: e.notification,
  delivery: e.delivery,
})

const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().describe('Whole for owners; for others only its origin (a webhook URL is a secret: whoever has it can post)'),
  format: z.enum(['json', 'slack']),
  createdAt: z.string(),
})
/** A webhook as the caller may see it: owners the whole URL, everyone else its origin only. */
const toWebhook = (w: WebhookRecord, whole = true) => ({ id: w.id, name: w.name, url: whole ? w.url : `${new URL(w.url).origin}/…`, format: w.format, createdAt: w.createdAt.toISOString() })
const isOwner = (req: FastifyRequest) => req.principal?.kind === 'user' && req.principal.role === 'owner'

/** Monitoring: alert rules, their states and history, and the webhooks notifications go to (owners manage those). */
export const alertRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    const read = guards.workspace('read')
    const write = guards.workspace('write')
    const manage = guards.workspace('manage')
    const tags = ['alerts']

    app.get('/api/workspaces/:ws/webhooks', { preHandler: read, schema: { tags, params: wsParams, response: { 200: z.array(webhookSchema) } } }, async (req) =>
      (await deps.repos.webhooks.list(workspaceOf(req).id)).map((w) => toWebhook(w, isOwner(req))),
    )
    app.post(
      '/api/workspaces/:ws/webhooks',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'A webhook for alert and case notifications (owners): JSON, or a Slack-compatible payload ({text, blocks}) for an incoming-webhook URL',
          params: wsParams,
          body: z.object({ name: z.string().trim().min(1).max(100), url: z.url({ protocol: /^https?$/ }), format: z.enum(['json', 'slack']).default('json') }),
          response: { 201: webhookSchema },
        },
      },
      async (req, reply) => reply.code(201).send(toWebhook(await deps.repos.webhooks.create(workspaceOf(req).id, req.body))),
    )
    app.post(
      '/api/workspaces/:ws/webhooks/:id/test',
      { preHandler: manage, schema: { tags, summary: 'Send a test notification', params: idParams, response: { 200: z.object({ ok: z.boolean(), result: z.string() }) } } },
      async (req) => {
        const hook = await deps.repos.webhooks.get(workspaceOf(req).id, req.params.id)
        if (!hook) throw notFound('Webhook')
        const d = await deliverWebhook(hook.url, hook.format, { kind: 'test', title: 'Waymark test notification', text: 'This webhook receives Waymark alerts and cases.', data: {} }, { attempts: 1 })
        return { ok: d.ok, result: deliveryText(d) }
      },
    )
    app.delete('/api/workspaces/:ws/webhooks/:id', { preHandler: manage, schema: { tags, params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
      if (!(await deps.repos.webhooks.remove(workspaceOf(req).id, req.params.id))) throw notFound('Webhook')
      return reply.code(204).send(null)
    })

    app.get('/api/workspaces/:ws/alert-rules', { preHandler: read, schema: { tags, params: wsParams, response: { 200: z.array(ruleSchema) } } }, async (req) =>
      (await deps.repos.alertRules.list(workspaceOf(req).id)).map(toRule),
    )
    app.post(
      '/api/workspaces/:ws/alert-rules',
      { preHandler: write, schema: { tags, summary: 'A rule on a touchpoint KPI, overall or per segment, evaluated on complete windows', params: wsParams, body: ruleInput, response: { 201: ruleSchema } } },
      async (req, reply) => reply.code(201).send(toRule(await createAlertRule(deps, workspaceOf(req).id, req.body))),
    )
    app.get('/api/workspaces/:ws/alert-rules/:id', { preHandler: read, schema: { tags, params: idParams, response: { 200: ruleSchema } } }, async (req) => {
      const r = await deps.repos.alertRules.get(workspaceOf(req).id, req.params.id)
      if (!r) throw notFound('Alert rule')
      return toRule(r)
    })
    app.patch(
      '/api/workspaces/:ws/alert-rules/:id',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Change a rule, enable or disable it, or snooze its notifications until a time (null ends the snooze)',
          params: idParams,
          body: patchBody(ruleInput.pick({ name: true, threshold: true, pendingEvaluations: true, minSample: true, webhookId: true, enabled: true })).extend({ snoozedUntil: z.coerce.date().nullable().optional() }),
          response: { 200: ruleSchema },
        },
      },
      async (req) => {
        const r = await deps.repos.alertRules.update(workspaceOf(req).id, req.params.id, req.body)
        if (!r) throw notFound('Alert rule')
        return toRule(r)
      },
    )
    app.delete('/api/workspaces/:ws/alert-rules/:id', { preHandler: write, schema: { tags, params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
      if (!(await deps.repos.alertRules.remove(workspaceOf(req).id, req.params.id))) throw notFound('Alert rule')
      return reply.code(204).send(null)
    })
    app.get(
      '/api/workspaces/:ws/alert-rules/:id/evaluations',
      { preHandler: read, schema: { tags, summary: 'Every evaluation of the rule, newest first, with the value that decided it', params: idParams, response: { 200: z.array(evaluationSchema) } } },
      async (req) => {
        const r = await deps.repos.alertRules.get(workspaceOf(req).id, req.params.id)
        if (!r) throw notFound('Alert rule')
        return (await deps.repos.alertEvaluations.list(r.id)).map(toEvaluation)
      },
    )
    app.get(
      '/api/workspaces/:ws/alerts',
      { preHandler: read, schema: { tags, summary: 'The alerts now: rules that are firing, pending, without data or in error', params: wsParams, response: { 200: z.array(ruleSchema) } } },
      async (req) => (await deps.repos.alertRules.list(workspaceOf(req).id)).filter((r) => r.enabled && r.state !== 'ok').map(toRule),
    )
  }
