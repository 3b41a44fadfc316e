import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkspaceId } from '../../src/domain/ids.ts'
import { ingestMessages } from '../../src/ingest/segment/ingest-messages.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { runChecks } from '../../src/services/checks.ts'
import { importJourney } from '../../src/services/journeys.ts'
import { expectProblem, signIn, startTestApp, type Session } from '../support/app.ts'
import { startWebhookReceiver } from '../support/webhook-receiver.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let owner: Session
let editor: Session
let wsId: WorkspaceId
let journeyId: string
const base = '/api/workspaces/watch'
const HOUR = 3_600_000
const headers = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })
const start = Math.floor(Date.now() / HOUR) * HOUR - 10 * HOUR
const hourStart = (h: number) => start + h * HOUR
/** Just after hour h's window is complete (past its 5-minute grace). */
const after = (h: number) => new Date(hourStart(h + 1) + 6 * 60_000)

/** Twenty customers in hour h visit the site; when healthy they also pay (the goal), otherwise they leave at the visit. */
async function ingestHour(h: number, healthy: boolean) {
  const messages = Array.from({ length: 20 }, (_, i) => {
    const t = hourStart(h) + 10 * 60_000 + i * 1000
    const c = `h${h}-c${i}`
    return [
      { type: 'track', userId: c, event: 'visited', messageId: `${c}-v`, timestamp: new Date(t).toISOString() },
      ...(healthy ? [{ type: 'track', userId: c, event: 'paid', messageId: `${c}-p`, timestamp: new Date(t + 60_000).toISOString() }] : []),
    ]
  }).flat()
  await rt.ingest.write(ingestMessages(messages, { workspaceId: wsId, receivedAt: new Date(), source: 'test' }).rows)
}

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  wsId = (await createUserInWorkspace(rt.repos, { email: 'own@example.com', password: 'password-own', workspace: 'watch' })).workspace.id
  await createUserInWorkspace(rt.repos, { email: 'ed@example.com', password: 'password-ed', workspace: 'watch', role: 'editor' })
  owner = await signIn(app, 'own@example.com', 'password-own')
  editor = await signIn(app, 'ed@example.com', 'password-ed')
  const doc = { format: 'waymark.journey/v1' as const, name: 'Shop', goal: 'pay', stages: [{ key: 'buy', name: 'Buy', steps: [{ key: 'visit', name: 'Visit', match: [{ event: 'visited' }] }, { key: 'pay', name: 'Pay', match: [{ event: 'paid' }] }] }] }
  journeyId = (await importJourney({ repos: rt.repos, workspaceId: wsId, userId: null }, doc)).journey.id
}, 120_000)
afterAll(() => close())

describe('an alert on newly ingested data', () => {
  it('fires once after its pending period, is delivered to a webhook (with retries), not again while true, and resolves', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 1 })
    // Only owners manage webhooks.
    expectProblem(await app.inject({ method: 'POST', url: `${base}/webhooks`, headers: headers(editor), payload: { name: 'ops', url: receiver.url } }), 403)
    const hook = (await app.inject({ method: 'POST', url: `${base}/webhooks`, headers: headers(owner), payload: { name: 'ops', url: receiver.url } })).json()
    // A webhook URL is a secret: owners read it whole, everyone else its origin only.
    const listed = (s: Session) => app.inject({ url: `${base}/webhooks`, headers: headers(s) }).then((r) => r.json()[0].url as string)
    expect(await listed(owner)).toBe(receiver.url)
    expect(await listed(editor)).toBe(`${new URL(receiver.url).origin}/…`)
    const created = await app.inject({
      method: 'POST',
      url: `${base}/alert-rules`,
      headers: headers(editor),
      payload: { journeyId, name: 'Visitors leave', kind: 'exit_rate_above', step: 'visit', threshold: 0.5, window: 'hour', pendingEvaluations: 2, minSample: 10, webhookId: hook.id },
    })
    expect(created.statusCode, created.body).toBe(201)
    const rule = created.json()
    const deps = { ...rt, delivery: { baseDelayMs: 20 } }
    const check = async (h: number) => (await runChecks(deps, wsId, after(h))).alerts

    await ingestHour(0, true)
    expect(await check(0)).toMatchObject([{ state: 'ok', value: 0, notification: null }])
    await ingestHour(1, false)
    expect(await check(1)).toMatchObject([{ state: 'pending', value: 1, notification: null }])
    expect(receiver.received).toHaveLength(0)
    await ingestHour(2, false)
    expect(await check(2)).toMatchObject([{ state: 'firing', value: 1, notification: 'firing' }])
    expect(receiver.received).toMatchObject([{ kind: 'alert.firing', title: 'Firing: Visitors leave', ruleId: rule.id, value: 1, threshold: 0.5 }])
    expect((receiver.received[0] as { text: string }).text).toMatch(/^Visit: exit rate above 50\.0 % — measured 100\.0 %/)
    expect(receiver.requests()).toBe(2) // the first attempt got a 500 and was retried
    // Still true: no second notification.
    await ingestHour(3, false)
    expect(await check(3)).toMatchObject([{ state: 'firing', notification: null }])
    expect(receiver.received).toHaveLength(1)
    // The same window again (a second server, or cron beside the server): nothing happens twice.
    expect(await check(3)).toEqual([])
    await ingestHour(4, true)
    expect(await check(4)).toMatchObject([{ state: 'ok', value: 0, notification: 'resolved' }])
    expect(receiver.received).toMatchObject([{ kind: 'alert.firing' }, { kind: 'alert.resolved', title: 'Resolved: Visitors leave' }])

    // Every evaluation is kept with the value that decided it.
    const history = (await app.inject({ url: `${base}/alert-rules/${rule.id}/evaluations`, headers: headers(editor) })).json()
    expect(history.map((e: { state: string; value: number }) => [e.state, e.value])).toEqual([
      ['ok', 0],
      ['firing', 1],
      ['firing', 1],
      ['pending', 1],
      ['ok', 0],
    ])
    expect(history[2]).toMatchObject({ notification: 'firing', delivery: 'delivered (2 attempts)' })
    expect((await app.inject({ url: `${base}/alerts`, headers: headers(editor) })).json()).toEqual([])
    await receiver.close()
  }, 120_000)

  it('stays silent while snoozed, says when there is no data, and notifies once the snooze ends', async () => {
    const receiver = await startWebhookReceiver()
    const hook = (await app.inject({ method: 'POST', url: `${base}/webhooks`, headers: headers(owner), payload: { name: 'slack', url: receiver.url, format: 'slack' } })).json()
    const rule = (
      await app.inject({
        method: 'POST',
        url: `${base}/alert-rules`,
        headers: headers(editor),
        payload: { journeyId, name: 'Visitors leave (slack)', kind: 'exit_rate_above', step: 'visit', threshold: 0.5, window: 'hour', pendingEvaluations: 1, minSample: 10, webhookId: hook.id },
      })
    ).json()
    await rt.repos.alertRules.update(wsId, rule.id, { lastWindowEnd: new Date(hourStart(5)) })
    await app.inject({ method: 'PATCH', url: `${base}/alert-rules/${rule.id}`, headers: headers(editor), payload: { snoozedUntil: new Date(hourStart(8)).toISOString() } })
    const deps = { ...rt, delivery: { baseDelayMs: 20 } }
    const mine = async (h: number) => (await runChecks(deps, wsId, after(h))).alerts.filter((a) => a.ruleId === rule.id)
    // Hour 5 has no events at all: no data.
    expect(await mine(5)).toMatchObject([{ state: 'no_data' }])
    await ingestHour(6, false)
    const six = await mine(6)
    expect(six).toMatchObject([{ state: 'firing', notification: null }])
    expect(receiver.received).toHaveLength(0)
    await ingestHour(7, false)
    expect(await mine(7)).toMatchObject([{ state: 'firing', notification: 'firing' }])
    // Slack-compatible: text and a section block.
    expect(receiver.received).toMatchObject([{ text: expect.stringMatching(/^\*Firing: Visitors leave \(slack\)\*\nVisit: exit rate above 50\.0 %/), blocks: [{ type: 'section' }] }])
    expect((await app.inject({ url: `${base}/alerts`, headers: headers(editor) })).json().map((r: { id: string }) => r.id)).toContain(rule.id)
    await receiver.close()
  }, 120_000)
})
