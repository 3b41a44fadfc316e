import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../src/runtime.ts'
import { expectProblem, signIn, startTestApp, userWithRole, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let owner: Session
let viewer: Session
let outsider: Session
let writeKeyA: string
let readKeyA: string

const event = (customerId: string) => ({ events: [{ customerId, event: 'signed_up', channel: 'web', timestamp: '2024-05-01T10:00:00+02:00' }] })
const bearer = (key: string) => ({ authorization: `Bearer ${key}` })
const withSession = (s: Session, csrf = true) => ({ cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) })

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  const o = await userWithRole(rt, 'alpha', 'owner', 'owner@example.com')
  await userWithRole(rt, 'beta', 'owner', 'owner-b@example.com')
  const v = await userWithRole(rt, 'alpha', 'viewer', 'viewer@example.com')
  const x = await userWithRole(rt, 'beta', 'editor', 'outsider@example.com')
  owner = await signIn(app, o.email, o.password)
  viewer = await signIn(app, v.email, v.password)
  outsider = await signIn(app, x.email, x.password)
  const mk = async (kind: 'write' | 'read') => {
    const res = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/keys', headers: withSession(owner), payload: { kind, name: kind } })
    expect(res.statusCode).toBe(201)
    return res.json().secret as string
  }
  writeKeyA = await mk('write')
  readKeyA = await mk('read')
})
afterAll(() => close())

describe('health and documents', () => {
  it('reports both stores', async () => {
    const res = await app.inject('/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok', metadata: { status: 'ok', engine: 'pglite' }, events: { status: 'ok', engine: 'chdb' } })
  })

  it('serves an OpenAPI document describing the API', async () => {
    const doc = (await app.inject('/api/openapi.json')).json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/api/auth/login', '/api/workspaces/{ws}/stats', '/api/workspaces/{ws}/events']))
  })

  it('answers unknown API routes with problem+json', async () => {
    expectProblem(await app.inject('/api/nope'), 404)
  })
})

describe('authentication', () => {
  it('unauthenticated API reads get 401 problem+json with a request id', async () => {
    const body = expectProblem(await app.inject('/api/workspaces/alpha/stats'), 401)
    expect(body.requestId).toMatch(/^req_/)
    expectProblem(await app.inject('/api/workspaces'), 401)
  })

  it('refuses a wrong password and unknown or malformed keys', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'owner@example.com', password: 'nope' } }), 401)
    expectProblem(await app.inject({ url: '/api/workspaces/alpha/stats', headers: bearer('wmk_r_forged') }), 401)
    expectProblem(await app.inject({ url: '/api/workspaces/alpha/stats', headers: { authorization: 'Digest x' } }), 401)
  })

  it('sets an HTTP-only session cookie and returns the CSRF token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'OWNER@example.com', password: 'correct horse battery' } })
    const cookie = res.cookies.find((c) => c.name === 'waymark_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    const session = (await app.inject({ url: '/api/auth/session', headers: { cookie: `waymark_session=${cookie.value}` } })).json()
    expect(session.user.email).toBe('owner@example.com')
    expect(session.workspaces.map((w: { slug: string; role: string }) => [w.slug, w.role])).toEqual([['alpha', 'owner']])
    expect(session.csrfToken).toBe(res.json().csrfToken)
  })

  it('rejects cookie-authenticated writes without the CSRF token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/workspaces', headers: withSession(owner, false), payload: { slug: 'gamma', name: 'G' } })
    expect(expectProblem(res, 403).detail).toMatch(/x-csrf-token/)
    const wrong = await app.inject({ method: 'POST', url: '/api/workspaces', headers: { ...withSession(owner), 'x-csrf-token': viewer.csrf }, payload: { slug: 'gamma', name: 'G' } })
    expectProblem(wrong, 403)
  })

  it('logs out', async () => {
    const s = await signIn(app, 'viewer@example.com', 'correct horse battery')
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: withSession(s) })).statusCode).toBe(204)
    expectProblem(await app.inject({ url: '/api/auth/session', headers: withSession(s) }), 401)
  })
})

describe('workspace access', () => {
  it('a write key of workspace A writes to A and nowhere else', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/events', headers: bearer(writeKeyA), payload: event('c1') })
    expect(ok.json()).toEqual({ stored: 1, quarantined: 0, offPlan: 0 })
    expect(expectProblem(await app.inject({ method: 'POST', url: '/api/workspaces/beta/events', headers: bearer(writeKeyA), payload: event('c2') }), 403).detail).toMatch(
      /another workspace/,
    )
    const basic = `Basic ${Buffer.from(`${writeKeyA}:`).toString('base64')}`
    expectProblem(await app.inject({ method: 'POST', url: '/api/workspaces/beta/events', headers: { authorization: basic }, payload: event('c3') }), 403)
    const beta = await app.inject({ url: '/api/workspaces/beta/stats', headers: withSession(outsider) })
    expect(beta.json().events).toBe(0)
  })

  it('a write key cannot read; a read key reads but cannot write', async () => {
    expectProblem(await app.inject({ url: '/api/workspaces/alpha/stats', headers: bearer(writeKeyA) }), 403)
    const stats = await app.inject({ url: '/api/workspaces/alpha/stats', headers: bearer(readKeyA) })
    expect(stats.json()).toMatchObject({ events: 1, customers: 1, quarantined: 0 })
    expectProblem(await app.inject({ method: 'POST', url: '/api/workspaces/alpha/events', headers: bearer(readKeyA), payload: event('c4') }), 403)
    expectProblem(await app.inject({ url: '/api/workspaces/beta/stats', headers: bearer(readKeyA) }), 403)
  })

  it('a viewer reads but cannot write; an owner manages', async () => {
    expect((await app.inject({ url: '/api/workspaces/alpha/stats', headers: withSession(viewer) })).statusCode).toBe(200)
    const w = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/events', headers: withSession(viewer), payload: event('c5') })
    expect(expectProblem(w, 403).detail).toMatch(/viewer/)
    expectProblem(await app.inject({ method: 'POST', url: '/api/workspaces/alpha/keys', headers: withSession(viewer), payload: { kind: 'read', name: 'x' } }), 403)
    const editorWrite = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/events', headers: withSession(owner), payload: event('c6') })
    expect(editorWrite.statusCode).toBe(200)
  })

  it('non-members cannot tell a workspace exists', async () => {
    const a = expectProblem(await app.inject({ url: '/api/workspaces/alpha', headers: withSession(outsider) }), 404)
    const b = expectProblem(await app.inject({ url: '/api/workspaces/nonexistent', headers: withSession(outsider) }), 404)
    expect(a.detail.replace('alpha', 'X')).toBe(b.detail.replace('nonexistent', 'X'))
  })

  it('revoked keys stop working', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/keys', headers: withSession(owner), payload: { kind: 'read', name: 'tmp' } })
    const { id, secret } = created.json()
    expect((await app.inject({ url: '/api/workspaces/alpha', headers: bearer(secret) })).statusCode).toBe(200)
    expect((await app.inject({ method: 'DELETE', url: `/api/workspaces/alpha/keys/${id}`, headers: withSession(owner) })).statusCode).toBe(204)
    expectProblem(await app.inject({ url: '/api/workspaces/alpha', headers: bearer(secret) }), 401)
    const list = (await app.inject({ url: '/api/workspaces/alpha/keys', headers: withSession(owner) })).json()
    expect(JSON.stringify(list)).not.toContain(secret)
  })

  it('an owner invites a member, who joins only by accepting; the last owner cannot leave', async () => {
    const invite = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/invitations', headers: withSession(owner), payload: { email: 'outsider@example.com', role: 'viewer' } })
    expect(invite.statusCode).toBe(201)
    expectProblem(await app.inject({ url: '/api/workspaces/alpha', headers: withSession(outsider) }), 404) // not before accepting
    const accept = await app.inject({ method: 'POST', url: `/api/invitations/${invite.json().token}/accept`, headers: withSession(outsider) })
    expect(accept.json()).toEqual({ workspace: { slug: 'alpha', name: 'alpha' }, role: 'viewer' })
    expect((await app.inject({ url: '/api/workspaces/alpha', headers: withSession(outsider) })).statusCode).toBe(200)
    const members = (await app.inject({ url: '/api/workspaces/alpha/members', headers: withSession(owner) })).json()
    const ownerId = members.find((m: { email: string }) => m.email === 'owner@example.com').userId
    expectProblem(await app.inject({ method: 'DELETE', url: `/api/workspaces/alpha/members/${ownerId}`, headers: withSession(owner) }), 409)
    expectProblem(await app.inject({ method: 'PUT', url: `/api/workspaces/alpha/members/${ownerId}`, headers: withSession(owner), payload: { role: 'viewer' } }), 409)
  })
})

describe('validation', () => {
  it('lists every invalid field with its path', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/workspaces/alpha/events',
      headers: bearer(writeKeyA),
      payload: { events: [{ customerId: '', event: 'x', timestamp: 'yesterday' }] },
    })
    const body = expectProblem(res, 400)
    expect(body.errors!.map((e) => e.path).sort()).toEqual(['body.events.0.customerId', 'body.events.0.timestamp'])
  })

  it('rejects malformed JSON with a problem, not a crash', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/workspaces/alpha/events', headers: { ...bearer(writeKeyA), 'content-type': 'application/json' }, payload: '{"events": [' })
    expectProblem(res, 400)
    expect((await app.inject('/health')).statusCode).toBe(200)
  })

  it('creates workspaces with valid slugs only', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/workspaces', headers: withSession(owner), payload: { slug: 'Bad Slug', name: 'x' } })
    expect(expectProblem(bad, 400).errors![0]!.path).toBe('body.slug')
    const ok = await app.inject({ method: 'POST', url: '/api/workspaces', headers: withSession(owner), payload: { slug: 'delta', name: 'Delta' } })
    expect(ok.statusCode).toBe(201)
    expectProblem(await app.inject({ method: 'POST', url: '/api/workspaces', headers: withSession(owner), payload: { slug: 'delta', name: 'Again' } }), 409)
  })
})
