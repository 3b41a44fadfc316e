import http from 'node:http'
import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { expectProblem, signIn, startTestApp, userWithRole, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let owner: Session
let editor: Session
let journeyId: string
let writeKey: string
let otherWriteKey: string
let baseUrl: string
const withSession = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp({ IMPORT_MAX_MB: '1', RATE_LIMIT_COLLECTOR: '5', RATE_LIMIT_ANALYTICS: '40', TRUST_PROXY: 'true' }))
  await userWithRole(rt, 'alpha', 'owner', 'owner@example.com')
  await userWithRole(rt, 'alpha', 'editor', 'editor@example.com')
  await userWithRole(rt, 'alpha', 'viewer', 'victim@example.com')
  owner = await signIn(app, 'owner@example.com', 'correct horse battery')
  editor = await signIn(app, 'editor@example.com', 'correct horse battery')
  const ws = (await rt.repos.workspaces.find('alpha'))!
  writeKey = (await rt.repos.apiKeys.create({ workspaceId: ws.id, kind: 'write', name: 'site' })).secret
  otherWriteKey = (await rt.repos.apiKeys.create({ workspaceId: ws.id, kind: 'write', name: 'app' })).secret
  const steps = Array.from({ length: 25 }, (_, i) => ({ key: `s${i}`, name: `Step ${i}`, channel: 'web' }))
  const created = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/journeys', headers: withSession(owner), payload: { format: 'waymark.journey/v1', name: 'Long', stages: [{ key: 'all', name: 'All', steps }] } })
  journeyId = created.json().id
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
}, 120_000)
afterAll(async () => {
  app.server.closeAllConnections()
  await close()
})

describe('brute force', () => {
  it('throttles 200 wrong passwords before hashing them: 429 with Retry-After, and the server RSS stays flat', async () => {
    const rss = () => process.memoryUsage.rss()
    global.gc?.()
    const before = rss()
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 10)
    const started = Date.now()
    // Eight guesses in flight at any time, as a patient attacker would send them.
    const answers: Awaited<ReturnType<typeof app.inject>>[] = []
    let next = 0
    const guesser = async () => {
      while (next < 200) {
        const i = next++
        answers[i] = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.9', payload: { email: 'victim@example.com', password: `guess-${i}` } })
      }
    }
    await Promise.all(Array.from({ length: 8 }, guesser))
    clearInterval(sampler)
    const seconds = (Date.now() - started) / 1000
    const throttled = answers.filter((a) => a.statusCode === 429)
    const wrong = answers.filter((a) => a.statusCode === 401)
    console.log(`brute force: 200 guesses in ${seconds.toFixed(2)} s: ${wrong.length} hashed and refused, ${throttled.length} throttled; RSS ${(before / 2 ** 20).toFixed(0)} → peak ${(peak / 2 ** 20).toFixed(0)} MB`)
    expect(wrong.length).toBeLessThanOrEqual(5)
    expect(throttled.length).toBe(200 - wrong.length)
    for (const t of throttled) {
      expect(Number(t.headers['retry-after'])).toBeGreaterThanOrEqual(1)
      expect(expectProblem(t, 429).detail).toMatch(/Too many .*try again in/)
    }
    // Five hashes, two at a time (128 MiB each), instead of 200: the peak stays within what two cost.
    expect(peak - before).toBeLessThan(300 * 2 ** 20)
    expect(seconds).toBeLessThan(10)
    // The account itself now waits, from any address; other accounts and addresses are not affected.
    const elsewhere = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.1', payload: { email: 'victim@example.com', password: 'correct horse battery' } })
    expectProblem(elsewhere, 429)
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.1', payload: { email: 'editor@example.com', password: 'correct horse battery' } })).statusCode).toBe(200)
  }, 60_000)

  it('limits sign-in attempts per address with @fastify/rate-limit', async () => {
    const codes: number[] = []
    for (let i = 0; i < 22; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.77', payload: { email: `nobody-${i}@example.com`, password: '' } })
      codes.push(res.statusCode)
    }
    expect(codes.slice(0, 20).every((c) => c === 400)).toBe(true) // empty passwords: refused by validation, still counted
    expect(codes.slice(20)).toEqual([429, 429])
  })
})

describe('bounded inputs', () => {
  it('refuses a 21-step funnel with 400; 20 steps are fine', async () => {
    const steps = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`).join(',')
    const res = await app.inject({ url: `/api/workspaces/alpha/journeys/${journeyId}/funnel?steps=${steps(21)}`, headers: withSession(owner) })
    const problem = expectProblem(res, 400)
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'querystring.steps', message: 'at most 20 steps' })])
    // 20 steps pass the check: only the (bad) window is reported.
    const twenty = expectProblem(await app.inject({ url: `/api/workspaces/alpha/journeys/${journeyId}/funnel?steps=${steps(20)}&window=-1`, headers: withSession(owner) }), 400)
    expect(twenty.errors!.map((e) => e.path)).toEqual(['querystring.window'])
  })

  it('caps filter lists: values per filter and trait/property filters per request', async () => {
    const values = Array.from({ length: 101 }, (_, i) => `v${i}`).join(',')
    expectProblem(await app.inject({ url: `/api/workspaces/alpha/journeys/${journeyId}/touchpoints?channel=${values}`, headers: withSession(owner) }), 400)
    const many = Array.from({ length: 21 }, (_, i) => `trait.t${i}=x`).join('&')
    expect(expectProblem(await app.inject({ url: `/api/workspaces/alpha/journeys/${journeyId}/touchpoints?${many}`, headers: withSession(owner) }), 400).detail).toMatch(/At most 20/)
  })

  /** Sends only the request head and reads the answer: it must come without the body being sent. */
  const headOnly = (path: string, headers: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      const { port } = new URL(baseUrl)
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`)
        socket.write('customer_id,event\r\n') // a first few bytes, then nothing
      })
      let text = ''
      socket.on('data', (d) => {
        text += d.toString()
        if (text.includes('\r\n\r\n') && /}\s*$/.test(text)) {
          socket.destroy()
          resolve(text)
        }
      })
      socket.on('error', reject)
      setTimeout(() => reject(new Error(`no answer without the body; got ${JSON.stringify(text)}`)), 5000)
    })

  it('refuses an oversize upload with a write key before reading the body; write keys never import', async () => {
    const answer = await headOnly('/api/workspaces/alpha/imports?format=csv', {
      authorization: `Bearer ${writeKey}`,
      'content-type': 'text/csv',
      'content-length': String(5 * 1024 ** 3),
    })
    expect(answer).toMatch(/^HTTP\/1.1 403/)
    expect(answer).toMatch(/A write key can only send events/)
  })

  it('refuses an editor upload whose Content-Length exceeds the limit before reading it, and a chunked one past the limit while streaming', async () => {
    const cookie = withSession(editor)
    const answer = await headOnly('/api/workspaces/alpha/imports?format=csv', { ...cookie, 'content-type': 'text/csv', 'content-length': String(2 * 1024 ** 2) })
    expect(answer).toMatch(/^HTTP\/1.1 413/)
    expect(answer).toMatch(/larger than the import limit of 1 MB/)

    const line = 'c1,page_viewed,2024-05-01T10:00:00Z,web\n'
    const csv = `customer_id,event,timestamp,channel\n${line.repeat(Math.ceil((1.5 * 1024 ** 2) / line.length))}`
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(baseUrl)
      const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/api/workspaces/alpha/imports?format=csv', headers: { ...cookie, 'content-type': 'text/csv' } })
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0)
        res.resume()
      })
      req.on('error', (err) => (/EPIPE|ECONNRESET/.test(String(err)) ? undefined : reject(err)))
      for (let i = 0; i < csv.length; i += 64 * 1024) req.write(csv.slice(i, i + 64 * 1024)) // no Content-Length: chunked
      req.end()
    })
    expect(status).toBe(413)
    expect((await app.inject({ url: '/api/workspaces/alpha/stats', headers: withSession(owner) })).json().events).toBe(0)
    // Within the limit, the same editor imports.
    const small = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/imports?format=csv', headers: { ...cookie, 'content-type': 'text/csv' }, payload: `customer_id,event,timestamp,channel\n${line}` })
    expect(small.json()).toMatchObject({ imported: 1 })
  })
})

describe('rate limits', () => {
  const batch = { batch: [{ type: 'track', event: 'x', anonymousId: 'a1' }] }
  const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`

  it('limits the collector per write key (HTTP Basic or the body) with 429 and Retry-After', async () => {
    const codes: number[] = []
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basic(writeKey) }, payload: batch })).statusCode)
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ ...batch, writeKey }) })).statusCode)
    expect(codes).toEqual([200, 200, 200, 200, 200, 429])
    const limited = await app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basic(writeKey) }, payload: batch })
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expectProblem(limited, 429)
    expect((await app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basic(otherWriteKey) }, payload: batch })).statusCode).toBe(200)
  })

  it('limits analyses per user', async () => {
    let last = 0
    for (let i = 0; i < 41 && last !== 429; i++) last = (await app.inject({ url: '/api/workspaces/alpha/stats', headers: withSession(editor) })).statusCode
    expect(last).toBe(429)
    expect((await app.inject({ url: '/api/workspaces/alpha/stats', headers: withSession(owner) })).statusCode).toBe(200)
  })
})

describe('safe defaults', () => {
  it('sends security headers: a CSP that forbids framing and inline scripts, nosniff; no HSTS over plain HTTP', async () => {
    const res = await app.inject({ url: '/api/workspaces', headers: withSession(owner) })
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['strict-transport-security']).toBeUndefined()
    // The collector, which answers other sites' pages, has none of the UI's page headers.
    const collector = await app.inject({ method: 'POST', url: '/v1/batch', payload: { batch: [] } })
    expect(collector.headers['content-security-policy']).toBeUndefined()
    expect(collector.headers['cross-origin-resource-policy']).toBeUndefined()
  })

  it('sets Secure cookies over HTTPS (here via a trusted proxy) with HSTS, plain ones on http://localhost, and refuses plain HTTP elsewhere', async () => {
    const login = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email: 'owner@example.com', password: 'correct horse battery' } })
    const https = await login({ host: 'waymark.example.com', 'x-forwarded-proto': 'https' })
    const cookie = https.cookies.find((c) => c.name === 'waymark_session')!
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' })
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    const local = await login({ host: 'localhost:3000' })
    expect(local.cookies.find((c) => c.name === 'waymark_session')!.secure).toBeFalsy()
    expect(expectProblem(await login({ host: 'waymark.example.com' }), 403).detail).toMatch(/plain HTTP is refused.*COOKIE_SECURE=false/)
  })
})
