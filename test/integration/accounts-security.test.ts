import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { createApp } from '../../src/server/app.ts'
import { sessions } from '../../src/storage/metadata/schema.ts'
import { expectProblem, signIn, startTestApp, userWithRole, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let owner: Session
const withSession = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })
const PASSWORD = 'correct horse battery'

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp({ RATE_LIMIT_SIGN_IN_PER_IP: '1000', RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '1000' }))
  await userWithRole(rt, 'alpha', 'owner', 'owner@example.com')
  await userWithRole(rt, 'elsewhere', 'owner', 'vera@example.com') // has an account, not in alpha
  owner = await signIn(app, 'owner@example.com', PASSWORD)
}, 120_000)
afterAll(() => close())

/** An answer with what must differ (ids, the token, times, request ids, the email) replaced. */
const comparable = (res: LightMyRequestResponse, email: string) => {
  const { date: _d, 'x-request-id': _r, ...headers } = res.headers
  const body = res.body
    .replaceAll(email, 'EMAIL')
    .replace(/"(id|token|requestId)":"[^"]+"/g, '"$1":"X"')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME')
  return { status: res.statusCode, headers, body }
}

describe('membership by invitation', () => {
  it('answers an invitation the same, byte for byte apart from ids, whether or not the email has an account', async () => {
    const invite = (email: string) => app.inject({ method: 'POST', url: '/api/workspaces/alpha/invitations', headers: withSession(owner), payload: { email, role: 'editor' } })
    const registered = await invite('vera@example.com')
    const unknown = await invite('nora@example.com')
    expect(registered.statusCode).toBe(201)
    expect(comparable(registered, 'vera@example.com')).toEqual(comparable(unknown, 'nora@example.com'))
    const list = (await app.inject({ url: '/api/workspaces/alpha/invitations', headers: withSession(owner) })).json()
    const [nora, vera] = list.map((i: Record<string, string>) => JSON.stringify({ ...i, id: 'X', email: 'EMAIL', createdAt: 'T', expiresAt: 'T' }))
    expect(nora).toBe(vera)
    // The link shows the same for both too.
    const [a, b] = await Promise.all([registered, unknown].map((r) => app.inject({ url: `/api/invitations/${r.json().token}` })))
    expect(comparable(a!, 'vera@example.com')).toEqual(comparable(b!, 'nora@example.com'))
  })

  it('adds nobody until the invitee accepts, and only with the invited email', async () => {
    const { token } = (await app.inject({ method: 'POST', url: '/api/workspaces/alpha/invitations', headers: withSession(owner), payload: { email: 'vera@example.com', role: 'viewer' } })).json()
    const vera = await signIn(app, 'vera@example.com', PASSWORD)
    expectProblem(await app.inject({ url: '/api/workspaces/alpha', headers: withSession(vera) }), 404)
    expect((await app.inject({ url: '/api/workspaces/alpha/members', headers: withSession(owner) })).json().map((m: { email: string }) => m.email)).toEqual(['owner@example.com'])
    // Someone else cannot use Vera's link; a re-invitation replaced the earlier link.
    expectProblem(await app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, headers: withSession(owner) }), 403)
    const accepted = await app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, headers: withSession(vera) })
    expect(accepted.json()).toEqual({ workspace: { slug: 'alpha', name: 'alpha' }, role: 'viewer' })
    expect((await app.inject({ url: '/api/workspaces/alpha', headers: withSession(vera) })).statusCode).toBe(200)
    expectProblem(await app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, headers: withSession(vera) }), 404) // once
  })

  it('creates the account with the invitation, and signs it in', async () => {
    const { token } = (await app.inject({ method: 'POST', url: '/api/workspaces/alpha/invitations', headers: withSession(owner), payload: { email: 'nora@example.com', role: 'editor' } })).json()
    expectProblem(await app.inject({ method: 'POST', url: `/api/invitations/${token}/register`, payload: { name: 'Nora', password: 'short' } }), 400)
    const res = await app.inject({ method: 'POST', url: `/api/invitations/${token}/register`, payload: { name: 'Nora', password: 'a long password' } })
    expect(res.json()).toMatchObject({ user: { email: 'nora@example.com', name: 'Nora' }, workspaces: [{ slug: 'alpha', role: 'editor' }] })
    expect(res.cookies.find((c) => c.name === 'waymark_session')).toBeDefined()
    expect((await signIn(app, 'nora@example.com', 'a long password')).cookie).toMatch(/waymark_session=/)
  })

  it('an existing member cannot be invited again; revoked invitations stop working', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/api/workspaces/alpha/invitations', headers: withSession(owner), payload: { email: 'NORA@example.com', role: 'owner' } }), 409)
    const created = (await app.inject({ method: 'POST', url: '/api/workspaces/alpha/invitations', headers: withSession(owner), payload: { email: 'zed@example.com', role: 'viewer' } })).json()
    expect((await app.inject({ method: 'DELETE', url: `/api/workspaces/alpha/invitations/${created.invitation.id}`, headers: withSession(owner) })).statusCode).toBe(204)
    expectProblem(await app.inject({ url: `/api/invitations/${created.token}` }), 404)
  })
})

describe('sessions', () => {
  const countSessions = async () => (await rt.metadata.db.select().from(sessions)).length

  it('expire when idle too long and after their absolute lifetime; expired ones are purged when the server starts', async () => {
    const user = (await rt.repos.users.findByEmail('owner@example.com'))!
    const { idleMs, maxMs } = rt.repos.sessions.policy
    const now = Date.now()
    const idle = await rt.repos.sessions.create(user.id, new Date(now - idleMs - 60_000))
    const old = await rt.repos.sessions.create(user.id, new Date(now - maxMs - 60_000))
    const fresh = await rt.repos.sessions.create(user.id, new Date(now - idleMs + 600_000))
    for (const s of [idle, old]) expectProblem(await app.inject({ url: '/api/auth/session', headers: { cookie: `waymark_session=${s.token}` } }), 401)
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie: `waymark_session=${fresh.token}` } })).statusCode).toBe(200)
    const before = await countSessions()
    const restarted = await createApp(rt)
    await restarted.ready() // the start purges
    expect(await countSessions()).toBe(before - 2)
    await restarted.close()
  })

  it('signs out everywhere', async () => {
    const a = await signIn(app, 'vera@example.com', PASSWORD)
    const b = await signIn(app, 'vera@example.com', PASSWORD)
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: withSession(a) })
    expect(res.json().ended).toBeGreaterThanOrEqual(2)
    for (const s of [a, b]) expectProblem(await app.inject({ url: '/api/auth/session', headers: withSession(s) }), 401)
  })

  it('a password change needs the current password and ends every other session', async () => {
    const here = await signIn(app, 'vera@example.com', PASSWORD)
    const there = await signIn(app, 'vera@example.com', PASSWORD)
    const change = (current: string) => app.inject({ method: 'POST', url: '/api/auth/password', headers: withSession(here), payload: { currentPassword: current, newPassword: 'a brand new password' } })
    expectProblem(await change('not it'), 403)
    expect((await change(PASSWORD)).json()).toEqual({ otherSessionsEnded: 1 })
    expectProblem(await app.inject({ url: '/api/auth/session', headers: withSession(there) }), 401)
    expect((await app.inject({ url: '/api/auth/session', headers: withSession(here) })).statusCode).toBe(200)
    expectProblem(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'vera@example.com', password: PASSWORD } }), 401)
    await signIn(app, 'vera@example.com', 'a brand new password')
  })
})

describe('API keys', () => {
  const bearer = (key: string, remoteAddress = '127.0.0.1') => ({ url: '/api/workspaces/alpha/stats', headers: { authorization: `Bearer ${key}` }, remoteAddress })
  const create = (payload: object) => app.inject({ method: 'POST', url: '/api/workspaces/alpha/keys', headers: withSession(owner), payload })

  it('a read key with an address list works only from those addresses; write keys take no list', async () => {
    const key = (await create({ kind: 'read', name: 'bi', allowedIps: ['10.1.2.0/24', '2001:db8::/32'] })).json()
    expect(key.allowedIps).toEqual(['10.1.2.0/24', '2001:db8::/32'])
    expect((await app.inject(bearer(key.secret, '10.1.2.7'))).statusCode).toBe(200)
    expect((await app.inject(bearer(key.secret, '2001:db8::5'))).statusCode).toBe(200)
    expect(expectProblem(await app.inject(bearer(key.secret, '192.0.2.1')), 403).detail).toMatch(/not be used from your address/)
    expectProblem(await create({ kind: 'write', name: 'site', allowedIps: ['10.0.0.0/8'] }), 400)
    expect(expectProblem(await create({ kind: 'read', name: 'bad', allowedIps: ['10.0.0.0/99'] }), 400).errors![0]!.message).toMatch(/prefix/)
  })

  it('expire, record when they were last used, and stop at once when revoked', async () => {
    const ws = (await rt.repos.workspaces.find('alpha'))!
    const expired = await rt.repos.apiKeys.create({ workspaceId: ws.id, kind: 'read', name: 'old', expiresAt: new Date(Date.now() - 1000) })
    expectProblem(await app.inject(bearer(expired.secret)), 401)
    const key = (await create({ kind: 'read', name: 'script', expiresInDays: 30 })).json()
    expect(Date.parse(key.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000)
    expect((await app.inject(bearer(key.secret))).statusCode).toBe(200)
    await expect.poll(async () => (await rt.repos.apiKeys.get(ws.id, key.id))?.lastUsedAt).not.toBeNull()
    expect((await app.inject({ method: 'DELETE', url: `/api/workspaces/alpha/keys/${key.id}`, headers: withSession(owner) })).statusCode).toBe(204)
    expectProblem(await app.inject(bearer(key.secret)), 401)
  })
})

describe('audit log', () => {
  it('records security-relevant actions for owners, and only owners read it', async () => {
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'owner@example.com', password: 'wrong password' } })
    await app.inject({ method: 'PATCH', url: '/api/workspaces/alpha', headers: withSession(owner), payload: { strictTrackingPlan: true } })
    const log = (await app.inject({ url: '/api/workspaces/alpha/audit?limit=500', headers: withSession(owner) })).json()
    const actions = new Set(log.entries.map((e: { action: string }) => e.action))
    for (const a of ['sign_in.succeeded', 'sign_in.failed', 'key.created', 'key.revoked', 'member.invited', 'invitation.accepted', 'invitation.revoked', 'password.changed', 'sign_out.everywhere', 'workspace.updated']) {
      expect(actions, a).toContain(a)
    }
    expect(log.entries.find((e: { action: string }) => e.action === 'workspace.updated').details).toEqual({ strictTrackingPlan: true })
    const nora = await signIn(app, 'nora@example.com', 'a long password')
    expectProblem(await app.inject({ url: '/api/workspaces/alpha/audit', headers: withSession(nora) }), 403)
  })
})
