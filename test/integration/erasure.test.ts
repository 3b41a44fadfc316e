import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { customerIds, identityLinksSql } from '../../src/analytics/identity-resolution.ts'
import { expectProblem, signIn, startTestApp, userWithRole, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let owner: Session
let editor: Session
let writeKey: string
const withSession = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })

const A = ['user-alice', 'user-alice-old', 'anon-alice-1', 'anon-alice-2']
const TABLES = ['events', 'identities', 'customers', 'quarantine']
/** Text that only customer A's data holds (a trait, a property, a comment, a quarantined payload). */
const A_DATA = ['alice@example.org', 'alice-coupon-77', 'Alice was here', 'alice-broken-score']
const B_DATA = ['bob@example.org', 'bob-coupon-12', 'Bob was here']

const at = (day: number) => `2024-05-${String(day).padStart(2, '0')}T10:00:00Z`
const send = async (batch: unknown[]) => {
  const res = await app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` }, payload: { batch } })
  expect(res.statusCode).toBe(200)
  return res.json()
}
/** Rows of a table naming any of these customer ids, deleted-but-not-yet-merged rows included. */
const rowsOf = async (table: string, ids: string[]) => {
  const column = { events: 'customer_id', customers: 'customer_id', quarantine: 'customer_id', identities: 'anonymous_id' }[table]!
  const extra = table === 'identities' ? ' OR user_id IN {ids:Array(String)}' : ''
  const [r] = await rt.events.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE ${column} IN {ids:Array(String)}${extra} SETTINGS apply_deleted_mask = 0`, { ids })
  return Number(r!.n)
}
/** Files of the tables' parts on disk holding any of these texts (the engine's mutation log, which holds only ids, aside). */
async function filesHolding(texts: string[]): Promise<string[]> {
  const dirs = await rt.events.query<{ dir: string }>(`SELECT DISTINCT replaceRegexpOne(path, '[^/]+/$', '') AS dir FROM system.parts WHERE database = currentDatabase() AND table IN {t:Array(String)}`, { t: TABLES })
  const found: string[] = []
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name)
      if (e.isDirectory()) walk(f)
      else if (!/^mutation_\d+\.txt$/.test(e.name)) {
        const bytes = fs.readFileSync(f)
        if (texts.some((t) => bytes.includes(t))) found.push(f)
      }
    }
  }
  for (const { dir } of dirs) walk(dir)
  return found
}

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await userWithRole(rt, 'shop', 'owner', 'owner@example.com')
  await userWithRole(rt, 'shop', 'editor', 'editor@example.com')
  owner = await signIn(app, 'owner@example.com', 'correct horse battery')
  editor = await signIn(app, 'editor@example.com', 'correct horse battery')
  writeKey = (await rt.repos.apiKeys.create({ workspaceId: (await rt.repos.workspaces.find('shop'))!.id, kind: 'write', name: 'site' })).secret
  // The engine's clean-up of replaced parts, from 8 minutes down to a second, so the test can see the files go.
  for (const t of TABLES) await rt.events.command(`ALTER TABLE ${t} MODIFY SETTING old_parts_lifetime = 1, cleanup_delay_period = 1, cleanup_delay_period_random_add = 0`)

  await send([
    // Customer A browses on two anonymous ids…
    { type: 'page', anonymousId: 'anon-alice-1', name: 'Home', timestamp: at(1), properties: { path: '/' } },
    { type: 'track', anonymousId: 'anon-alice-1', event: 'plan_compared', timestamp: at(2), properties: { coupon: 'alice-coupon-77' } },
    { type: 'track', anonymousId: 'anon-alice-2', event: 'plan_compared', timestamp: at(3) },
    // …signs up under an old user id, which is later aliased to a new one (an alias chain)…
    { type: 'identify', anonymousId: 'anon-alice-1', userId: 'user-alice-old', timestamp: at(4), traits: { email: 'alice@example.org' } },
    { type: 'track', userId: 'user-alice-old', event: 'order_started', timestamp: at(5) },
    { type: 'alias', previousId: 'user-alice-old', userId: 'user-alice', timestamp: at(6) },
    { type: 'identify', anonymousId: 'anon-alice-2', userId: 'user-alice', timestamp: at(7) },
    { type: 'track', userId: 'user-alice', event: 'Survey Answered', timestamp: at(8), properties: { kind: 'csat', score: 2, comment: 'Alice was here' } },
    // …once used a shared device, which was later linked to customer B.
    { type: 'identify', anonymousId: 'device-shared', userId: 'user-alice', timestamp: at(9) },
    { type: 'identify', anonymousId: 'device-shared', userId: 'user-bob', timestamp: at(20), traits: { email: 'bob@example.org' } },
    { type: 'track', anonymousId: 'device-shared', event: 'plan_compared', timestamp: at(21), properties: { coupon: 'bob-coupon-12' } },
    { type: 'track', userId: 'user-bob', event: 'Survey Answered', timestamp: at(22), properties: { kind: 'csat', score: 5, comment: 'Bob was here' } },
    // Quarantined: one of A's (a bad score), one of B's that mentions A's id in its text.
    { type: 'track', anonymousId: 'anon-alice-2', event: 'Survey Answered', timestamp: at(10), properties: { kind: 'csat', score: 'alice-broken-score' } },
    { type: 'track', userId: 'user-bob', event: 'Survey Answered', timestamp: at(24), properties: { kind: 'csat', score: 99, note: 'referred by user-alice' } },
  ])
}, 120_000)
afterAll(() => close())

describe('identity resolution (one rule for analyses, timelines and erasure)', () => {
  it('follows the alias chain to the final user id; the re-linked device belongs to its latest link', async () => {
    for (const id of A) {
      const c = (await app.inject({ url: `/api/workspaces/shop/customers/${id}`, headers: withSession(owner) })).json()
      expect(c.customerId).toBe('user-alice')
      expect([...c.ids].sort()).toEqual([...A].sort())
    }
    const device = (await app.inject({ url: '/api/workspaces/shop/customers/device-shared', headers: withSession(owner) })).json()
    expect(device.customerId).toBe('user-bob')
    expect([...device.ids].sort()).toEqual(['device-shared', 'user-bob'])
    // Analyses count the same two customers.
    expect((await app.inject({ url: '/api/workspaces/shop/stats', headers: withSession(owner) })).json()).toMatchObject({ customers: 2, quarantined: 2 })
    const timeline = (await app.inject({ url: '/api/workspaces/shop/customers/anon-alice-1/timeline', headers: withSession(owner) })).json()
    expect(timeline.events.map((e: { event: string }) => e.event)).toEqual(['page_viewed', 'plan_compared', 'plan_compared', 'order_started', 'Survey Answered'])
  })
})

describe('the identity rule on its own', () => {
  it('resolves chains to their end and a loop to its smallest id, the same from every id', async () => {
    const link = (anonymous_id: string, user_id: string, day: number) => ({ workspace_id: 'ws_loops', anonymous_id, user_id, ts: `2024-06-${String(day).padStart(2, '0')} 10:00:00.000`, received_at: '2024-07-01 00:00:00.000' })
    await rt.events.insert('identities', [
      link('p', 'q', 1), link('q', 'r', 2), link('r', 's', 3), // a chain p → q → r → s
      link('x', 'y', 1), link('y', 'x', 2), link('z', 'y', 3), // a loop x ⇄ y, and z into it
      link('d', 'old', 1), link('d', 'new', 5), // re-linked: the latest wins
    ])
    const rows = await rt.events.query<{ anonymous_id: string; user_id: string }>(`SELECT anonymous_id, user_id FROM (${identityLinksSql}) ORDER BY anonymous_id`, { ws: 'ws_loops' })
    expect(Object.fromEntries(rows.map((r) => [r.anonymous_id, r.user_id]))).toEqual({ p: 's', q: 's', r: 's', x: 'x', y: 'x', z: 'x', d: 'new' })
    expect(await customerIds(rt.events, 'ws_loops', 'q')).toEqual(['s', 'p', 'q', 'r'])
    expect(await customerIds(rt.events, 'ws_loops', 'old')).toEqual(['old'])
  })
})

describe('erasure', () => {
  it('is for owners only', async () => {
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/workspaces/shop/customers/user-alice', headers: withSession(editor) }), 403)
  })

  it("removes exactly A's events, links, traits and quarantined input, physically and on disk, and leaves B untouched", async () => {
    const bBefore = {
      customer: (await app.inject({ url: '/api/workspaces/shop/customers/user-bob', headers: withSession(owner) })).json(),
      quarantine: (await app.inject({ url: '/api/workspaces/shop/quarantine', headers: withSession(owner) })).json().items.filter((q: { payload: string }) => q.payload.includes('user-bob')),
    }
    expect(bBefore.customer.events).toBe(2)
    for (const t of TABLES) expect(await rowsOf(t, A), `${t} before`).toBeGreaterThan(0)
    expect(await filesHolding(A_DATA)).not.toEqual([]) // the on-disk check can see A's data before

    const res = await app.inject({ method: 'DELETE', url: '/api/workspaces/shop/customers/anon-alice-2', headers: withSession(owner) })
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report).toEqual({ customerId: 'user-alice', ids: expect.any(Array), events: 5, identities: 4, profiles: 1, quarantined: 1 })
    expect([...report.ids].sort()).toEqual([...A].sort())

    // Physically gone: not even rows marked deleted remain in the parts the engine reads.
    for (const t of TABLES) expect(await rowsOf(t, A), `${t} after`).toBe(0)
    for (const id of A) expectProblem(await app.inject({ url: `/api/workspaces/shop/customers/${id}`, headers: withSession(owner) }), 404)
    // On disk: once the engine has removed the parts the mutation replaced, no file holds A's data; B's is still there.
    await expect.poll(() => filesHolding(A_DATA), { timeout: 75_000, interval: 500 }).toEqual([])
    expect(await filesHolding(B_DATA)).not.toEqual([])

    // B is untouched: events (the shared device's too), traits, link, quarantine (even the input that mentions A's id).
    const bAfter = (await app.inject({ url: '/api/workspaces/shop/customers/user-bob', headers: withSession(owner) })).json()
    expect(bAfter).toEqual(bBefore.customer)
    const quarantine = (await app.inject({ url: '/api/workspaces/shop/quarantine', headers: withSession(owner) })).json()
    expect(quarantine.items.map((q: { payload: string }) => q.payload)).toEqual(bBefore.quarantine.map((q: { payload: string }) => q.payload))
    expect((await app.inject({ url: '/api/workspaces/shop/stats', headers: withSession(owner) })).json()).toMatchObject({ customers: 1, events: 2, quarantined: 1 })

    // The erasure log: who, which ids, when.
    const log = (await app.inject({ url: '/api/workspaces/shop/audit?action=customer.erased', headers: withSession(owner) })).json()
    expect(log.entries).toEqual([expect.objectContaining({ actor: 'owner@example.com', action: 'customer.erased', target: 'user-alice', details: expect.objectContaining({ asked: 'anon-alice-2', events: 5 }) })])
    expect([...log.entries[0].details.ids].sort()).toEqual([...A].sort())
  }, 150_000)
})
