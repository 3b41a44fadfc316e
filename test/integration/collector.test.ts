import http from 'node:http'
import { gzipSync } from 'node:zlib'
import { Analytics } from '@segment/analytics-node'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { expectProblem, startTestApp } from '../support/app.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let baseUrl: string
let writeKey: string
let otherKey: string
let wsId: string

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { authorization: basic(writeKey), 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload) })

async function count(sql: string, params: Record<string, unknown> = {}) {
  const [row] = await rt.events.query<{ n: string }>(sql, { ws: wsId, ...params })
  return Number(row!.n)
}

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  const { workspace } = await createUserInWorkspace(rt.repos, { email: 'o@example.com', password: 'password-1', workspace: 'shop' })
  await createUserInWorkspace(rt.repos, { email: 'p@example.com', password: 'password-1', workspace: 'other' })
  wsId = workspace.id
  writeKey = (await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'write', name: 'site' })).secret
  otherKey = (await rt.repos.apiKeys.create({ workspaceId: (await rt.repos.workspaces.find('other'))!.id, kind: 'write', name: 'x' })).secret
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => close())

/** A loopback proxy that forwards every request but answers the first one with 503, as a flaky network would. */
function flakyProxy(target: string): Promise<{ url: string; requests: () => number; close(): void }> {
  let requests = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      requests++
      const upstream = await fetch(target + req.url, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) })
      const body = Buffer.from(await upstream.arrayBuffer())
      if (requests === 1) {
        res.writeHead(503).end('lost on the way back')
        return
      }
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(body)
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      resolve({ url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => server.close() })
    }),
  )
}

describe('Segment collector', () => {
  it('stores what @segment/analytics-node sends exactly once, even when a batch is retried', async () => {
    const proxy = await flakyProxy(baseUrl)
    const analytics = new Analytics({ writeKey, host: proxy.url, flushAt: 50, flushInterval: 50, maxRetries: 3 })
    const errors: unknown[] = []
    analytics.on('error', (e) => errors.push(e))
    analytics.identify({ anonymousId: 'anon-1', userId: 'user-1', traits: { plan: 'fibre', tier: 'gold' } })
    for (let i = 0; i < 20; i++) analytics.track({ userId: 'user-1', event: 'Plan Compared', properties: { i, plan: 'fibre' } })
    analytics.page({ anonymousId: 'anon-1', name: 'Home', properties: { path: '/' } })
    analytics.screen({ userId: 'user-1', name: 'Bills' })
    analytics.track({ userId: 'user-1', event: 'Survey Answered', properties: { kind: 'nps', score: 9, comment: 'Quick install', touchpoint: 'install' } })
    await analytics.closeAndFlush({ timeout: 10_000 })
    proxy.close()
    expect(errors).toEqual([])
    expect(proxy.requests()).toBeGreaterThanOrEqual(2) // the retry happened
    expect(await count("SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND event = 'Plan Compared'")).toBe(20)
    expect(await count('SELECT count() AS n FROM events WHERE workspace_id = {ws:String}')).toBe(23)
    expect(await count("SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND event = 'page_viewed' AND channel = 'web' AND properties['path'] = '/'")).toBe(1)
    expect(await count("SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND event = 'screen_viewed' AND channel = 'app'")).toBe(1)
    expect(await count("SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND score_kind = 'nps' AND score = 9 AND touchpoint = 'install'")).toBe(1)
    expect(await count("SELECT count() AS n FROM identities WHERE workspace_id = {ws:String} AND anonymous_id = 'anon-1' AND user_id = 'user-1'")).toBeGreaterThanOrEqual(1)
    expect(await count("SELECT count() AS n FROM customers WHERE workspace_id = {ws:String} AND customer_id = 'user-1' AND traits['tier'] = 'gold'")).toBe(1)
  })

  it('stitches anonymous events to the customer identified later', async () => {
    const stats = (await app.inject({ url: '/api/workspaces/shop/stats', headers: { authorization: `Bearer ${(await rt.repos.apiKeys.create({ workspaceId: wsId as never, kind: 'read', name: 'r' })).secret}` } })).json()
    // anon-1's page view belongs to user-1: one customer, not two.
    expect(stats.customers).toBe(1)
  })

  it('accepts the browser SDK: text/plain body, writeKey in the body, one-letter routes, gzip, CORS', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/t',
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
      payload: JSON.stringify({ writeKey, anonymousId: 'b-1', event: 'Clicked', messageId: 'm-browser-1' }),
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example')
    const gz = await post('/v1/b', gzipSync(JSON.stringify({ batch: [{ type: 'track', anonymousId: 'b-1', event: 'Zipped', messageId: 'm-gz-1' }] })), { 'content-encoding': 'gzip' })
    expect(gz.json()).toMatchObject({ success: true, stored: 1 })
    const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/batch', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/)
  })

  it('corrects the sender clock with sentAt and merges batch context', async () => {
    const now = Date.now()
    const res = await post('/v1/batch', {
      sentAt: new Date(now - 3_600_000).toISOString(), // the device clock is an hour behind
      context: { channel: 'store', library: { name: 'pos' } },
      batch: [{ type: 'track', userId: 'skew', event: 'Visited Store', messageId: 'm-skew', timestamp: new Date(now - 3_600_000 - 60_000).toISOString() }],
    })
    expect(res.statusCode).toBe(200)
    const [row] = await rt.events.query<{ ts: string; channel: string }>("SELECT toString(ts) AS ts, channel FROM events WHERE event_id = 'm-skew'")
    expect(Math.abs(new Date(`${row!.ts}Z`.replace(' ', 'T')).getTime() - (now - 60_000))).toBeLessThan(5_000)
    expect(row!.channel).toBe('store')
  })

  it('partial batches: valid events stored, invalid ones quarantined with their reason', async () => {
    const res = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'u2', event: 'Ok', messageId: 'm-ok' },
        { type: 'track', event: 'No ids' },
        { type: 'track', userId: 'u2', event: 'Survey Answered', properties: { kind: 'nps', score: 11 } },
        { type: 'teleport', userId: 'u2' },
        'not an object',
      ],
    })
    expect(res.json()).toMatchObject({ success: true, stored: 1, quarantined: 4 })
    const q = (await app.inject({ url: '/api/workspaces/shop/quarantine', headers: { authorization: basic(writeKey) } })).statusCode
    expect(q).toBe(403) // write keys cannot read
    const reasons = (await rt.events.query<{ reason: string }>('SELECT reason FROM quarantine WHERE workspace_id = {ws:String}', { ws: wsId })).map((r) => r.reason)
    expect(reasons).toEqual(
      expect.arrayContaining(['userId or anonymousId is required', 'score 11 is outside the nps scale (whole numbers 0–10)', expect.stringMatching(/^type "teleport"/), 'message is not a JSON object']),
    )
  })

  it('rejects bad bodies with problem+json and keeps them in quarantine', async () => {
    const before = await count('SELECT count() AS n FROM quarantine WHERE workspace_id = {ws:String}')
    expect(expectProblem(await post('/v1/batch', '{"batch": [', {}), 400).detail).toMatch(/^Body is not valid JSON.*kept in quarantine/)
    expectProblem(await post('/v1/batch', { batch: 'nope' }), 400)
    expectProblem(await post('/v1/track', { event: 'x' }), 400)
    const huge = await post('/v1/batch', { batch: [{ type: 'track', userId: 'u', event: 'big', properties: { blob: 'x'.repeat(600 * 1024) } }] })
    expect(expectProblem(huge, 413).detail).toMatch(/limit is 500 KB/)
    const bigEvent = await post('/v1/batch', { batch: [{ type: 'track', userId: 'u', event: 'big', properties: { blob: 'x'.repeat(40 * 1024) } }, { type: 'track', userId: 'u', event: 'small' }] })
    expect(bigEvent.json()).toMatchObject({ stored: 1, quarantined: 1 })
    expect(await count('SELECT count() AS n FROM quarantine WHERE workspace_id = {ws:String}')).toBe(before + 5)
  })

  it('write keys only reach their own workspace; unknown keys get 401', async () => {
    expectProblem(await post('/v1/track', { userId: 'x', event: 'y' }, { authorization: basic('wmk_w_unknown') }), 401)
    expectProblem(await app.inject({ method: 'POST', url: '/v1/track', headers: { 'content-type': 'application/json' }, payload: { userId: 'x', event: 'y' } }), 401)
    const res = await post('/v1/track', { userId: 'x', event: 'Other WS', messageId: 'm-other' }, { authorization: basic(otherKey) })
    expect(res.statusCode).toBe(200)
    expect(await count("SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND event = 'Other WS'")).toBe(0)
  })

  it('feedback endpoint validates scores against their scale', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/workspaces/shop/feedback', headers: { authorization: `Bearer ${writeKey}` }, payload: { customerId: 'u3', kind: 'ces', score: 6, touchpoint: 'support_call' } })
    expect(ok.json()).toEqual({ stored: 1 })
    const bad = await app.inject({ method: 'POST', url: '/api/workspaces/shop/feedback', headers: { authorization: `Bearer ${writeKey}` }, payload: { customerId: 'u3', kind: 'csat', score: 0 } })
    expect(expectProblem(bad, 400).detail).toMatch(/outside the csat scale/)
  })
})
