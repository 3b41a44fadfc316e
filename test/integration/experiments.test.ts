import { Analytics } from '@segment/analytics-node'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_JOURNEY } from '../../src/demo/generate-demo.ts'
import { seededRandom } from '../../src/demo/random.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { importJourney } from '../../src/services/journeys.ts'
import { expectProblem, signIn, startTestApp, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let editor: Session
let viewer: Session
let baseUrl: string
let writeKey: string
let journeyId: string
const base = '/api/workspaces/pilot'
const headers = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  const { workspace } = await createUserInWorkspace(rt.repos, { email: 'ed@example.com', password: 'password-ed', workspace: 'pilot', role: 'owner' })
  await createUserInWorkspace(rt.repos, { email: 'vi@example.com', password: 'password-vi', workspace: 'pilot', role: 'viewer' })
  journeyId = (await importJourney({ repos: rt.repos, workspaceId: workspace.id, userId: null }, DEMO_JOURNEY)).journey.id
  writeKey = (await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'write', name: 'site' })).secret
  editor = await signIn(app, 'ed@example.com', 'password-ed')
  viewer = await signIn(app, 'vi@example.com', 'password-vi')
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
}, 120_000)
afterAll(() => close())

describe('an experiment end to end', () => {
  it('plans from a power calculation, assigns stably, reads exposures and conversions sent through the collector, and gives a verdict', async () => {
    const plan = { metric: 'conversion', baseline: '0.2', mde: '0.1', alpha: '0.05', power: '0.8' }
    const power = (await app.inject({ url: `${base}/experiments/power?${new URLSearchParams(plan)}`, headers: headers(viewer) })).json()
    // power.prop.test(p1 = .2, p2 = .3, power = .8) gives n = 293.1 per group
    expect(power.plannedPerVariant).toBe(294)

    const body = {
      journeyId,
      step: 'compare_plans',
      name: 'Simpler plan table',
      hypothesis: 'A table with three plans instead of nine makes more visitors start an order',
      variants: [
        { key: 'control', name: 'Nine plans', weight: 1 },
        { key: 'three', name: 'Three plans', weight: 1 },
      ],
      primaryMetric: { kind: 'conversion', step: 'start_order', windowHours: 24 },
      guardrails: [{ kind: 'feedback', touchpoint: 'sales_chat', scoreKind: 'csat', windowHours: 48 }],
      mode: 'fixed',
      mde: 0.1,
      baseline: 0.2,
      status: 'running',
      startAt: new Date(Date.now() - 3_600_000).toISOString(),
    }
    expectProblem(await app.inject({ method: 'POST', url: `${base}/experiments`, headers: headers(viewer), payload: body }), 403)
    expect(expectProblem(await app.inject({ method: 'POST', url: `${base}/experiments`, headers: headers(editor), payload: { ...body, step: 'nowhere' } }), 400).detail).toMatch(/No step "nowhere"/)
    const created = await app.inject({ method: 'POST', url: `${base}/experiments`, headers: headers(editor), payload: body })
    expect(created.statusCode, created.body).toBe(201)
    const exp = created.json()
    expect(exp.plannedPerVariant).toBe(294)

    // Assignment: the same answer every time, with the exposure event to send.
    const assign = async (customer: string) => (await app.inject({ url: `${base}/experiments/${exp.id}/assignment?customer=${customer}`, headers: headers(viewer) })).json()
    const first = await assign('cust-1')
    expect(await assign('cust-1')).toEqual(first)
    expect(first.exposure).toEqual({ event: 'Experiment Viewed', properties: { experiment_id: exp.id, variation_id: first.variant } })

    // 700 customers see their variant; "three" converts at 40 %, the control at 20 % (seeded).
    const rnd = seededRandom(7)
    const analytics = new Analytics({ writeKey, host: baseUrl, flushAt: 200, flushInterval: 50, maxRetries: 3 })
    const expected = { control: { exposed: 0, converted: 0 }, three: { exposed: 0, converted: 0 } }
    const now = Date.now()
    for (let i = 0; i < 700; i++) {
      const customer = `visitor-${i}`
      const a = await assign(customer)
      const v = expected[a.variant as 'control' | 'three']
      v.exposed++
      analytics.track({ userId: customer, event: a.exposure.event, properties: a.exposure.properties, timestamp: new Date(now - 1_800_000) })
      if (rnd.chance(a.variant === 'three' ? 0.4 : 0.2)) {
        v.converted++
        analytics.track({ userId: customer, event: 'order_started', timestamp: new Date(now - 1_700_000) })
      }
    }
    // A conversion outside the window, and one before the exposure, count for nothing.
    analytics.track({ userId: 'visitor-0', event: 'order_started', timestamp: new Date(now - 7_200_000) })
    await analytics.closeAndFlush()

    const analysis = await app.inject({ url: `${base}/experiments/${exp.id}/analysis`, headers: headers(viewer) })
    expect(analysis.statusCode, analysis.body).toBe(200)
    const r = analysis.json()
    expect(r.exposed).toEqual([
      { variant: 'control', customers: expected.control.exposed },
      { variant: 'three', customers: expected.three.exposed },
    ])
    expect(r.primary.arms).toEqual([
      { variant: 'control', n: expected.control.exposed, value: expected.control.converted / expected.control.exposed },
      { variant: 'three', n: expected.three.exposed, value: expected.three.converted / expected.three.exposed },
    ])
    expect(r.srm.flagged).toBe(false)
    expect(r.reachedPlan).toBe(true)
    expect(r.verdict.kind).toBe('winner')
    expect(r.verdict.variant).toBe('three')
    expect(r.verdict.text).toMatch(/^Three plans wins: conversion to start_order within 24 h/)
    expect(r.primary.comparisons[0].ci[0]).toBeGreaterThan(0)
    expect(r.primary.series.length).toBeGreaterThan(0)
    // No CSAT answers: the guardrail has no data and is not breached.
    expect(r.guardrails[0]).toMatchObject({ breached: false })
  }, 120_000)
})
