import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { expectProblem, signIn, startTestApp, userWithRole, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let viewer: Session
let writeKey: string

const as = (s: Session) => ({ cookie: s.cookie })
const t = (day: number) => new Date(Date.UTC(2024, 2, day, 10)).toISOString()

/** Segment messages through the collector with the workspace's write key. */
async function send(key: string, batch: unknown[]) {
  const res = await app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }, payload: { batch } })
  expect(res.statusCode, res.body).toBe(200)
}

type Found = { total: number; customers: Array<{ customer: string; traits: Record<string, string>; events: number; channels: string[]; firstSeen: string | null; lastSeen: string | null; revenue: number }> }
async function search(query: string, ws = 'shop'): Promise<Found> {
  const res = await app.inject({ url: `/api/workspaces/${ws}/customers?${query}`, headers: as(viewer) })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const ids = (f: Found) => f.customers.map((c) => c.customer)

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  const login = await userWithRole(rt, 'shop', 'viewer', 'v@example.com')
  await userWithRole(rt, 'other', 'owner', 'o@example.com')
  viewer = await signIn(app, login.email, login.password)
  const shop = (await rt.repos.workspaces.find('shop'))!
  const other = (await rt.repos.workspaces.find('other'))!
  writeKey = (await rt.repos.apiKeys.create({ workspaceId: shop.id, kind: 'write', name: 'site' })).secret
  const otherKey = (await rt.repos.apiKeys.create({ workspaceId: other.id, kind: 'write', name: 'site' })).secret

  await send(writeKey, [
    // An anonymous visit, later identified as cust-100: stitched to cust-100, traits included.
    { type: 'page', anonymousId: 'anon-7f3', timestamp: t(1), properties: { path: '/' } },
    { type: 'identify', anonymousId: 'anon-7f3', userId: 'cust-100', timestamp: t(2), traits: { tier: 'gold', region: 'north' } },
    { type: 'track', userId: 'cust-100', event: 'order_placed', timestamp: t(3), properties: { revenue: 120 }, context: { channel: 'app' } },
    { type: 'track', userId: 'cust-100', event: 'support_call', timestamp: t(5), context: { channel: 'phone' } },
    // A later trait observation wins.
    { type: 'identify', userId: 'cust-100', timestamp: t(6), traits: { region: 'south' } },
    { type: 'identify', userId: 'cust-200', timestamp: t(1), traits: { tier: 'Silver' } },
    { type: 'track', userId: 'cust-200', event: 'order_placed', timestamp: t(4), properties: { revenue: 40 }, context: { channel: 'web' } },
    { type: 'track', userId: 'vip-cust-300', event: 'page_viewed', timestamp: t(7), context: { channel: 'web' } },
    // Known only by traits (a CRM sync), no event yet.
    { type: 'identify', userId: 'cust-400', timestamp: t(1), traits: { tier: 'gold' } },
  ])
  // Another workspace with look-alike customers: never in shop's answers.
  await send(otherKey, [
    { type: 'identify', userId: 'cust-101', timestamp: t(1), traits: { tier: 'gold' } },
    { type: 'track', userId: 'cust-101', event: 'order_placed', timestamp: t(9), properties: { revenue: 999 }, context: { channel: 'web' } },
    { type: 'track', userId: 'cust-100', event: 'support_call', timestamp: t(9), context: { channel: 'store' } },
  ])
}, 120_000)
afterAll(() => close())

describe('GET /api/workspaces/:ws/customers', () => {
  it('lists every customer of the workspace after stitching, most recent first, with traits, events, channels, times and revenue', async () => {
    const all = await search('')
    expect(all.total).toBe(4)
    expect(ids(all)).toEqual(['vip-cust-300', 'cust-100', 'cust-200', 'cust-400'])
    const c100 = all.customers.find((c) => c.customer === 'cust-100')!
    expect(c100).toEqual({
      customer: 'cust-100',
      traits: { tier: 'gold', region: 'south' },
      events: 3,
      channels: ['app', 'phone', 'web'],
      firstSeen: '2024-03-01 10:00:00.000',
      lastSeen: '2024-03-05 10:00:00.000',
      revenue: 120,
    })
    expect(all.customers.find((c) => c.customer === 'cust-400')).toMatchObject({ events: 0, channels: [], firstSeen: null, lastSeen: null, traits: { tier: 'gold' } })
  })

  it('finds by part of the id, ids starting with it first, and by a stitched anonymous id', async () => {
    expect(ids(await search('q=cust'))).toEqual(['cust-100', 'cust-200', 'cust-400', 'vip-cust-300'])
    expect(ids(await search('q=CUST-1'))).toEqual(['cust-100'])
    expect(ids(await search('q=7f3'))).toEqual(['cust-100'])
    expect((await search('q=nobody')).total).toBe(0)
  })

  it('finds by latest trait (case-insensitive, any of several values), combined with the id', async () => {
    expect(ids(await search('trait.tier=gold'))).toEqual(['cust-100', 'cust-400'])
    expect(ids(await search('trait.tier=silver'))).toEqual(['cust-200'])
    expect(ids(await search('trait.tier=gold,silver&sort=value'))).toEqual(['cust-100', 'cust-200', 'cust-400'])
    // Only the latest region counts.
    expect(ids(await search('trait.region=north'))).toEqual([])
    expect(ids(await search('trait.region=south&trait.tier=gold&q=100'))).toEqual(['cust-100'])
  })

  it('finds by what customers did, pages, and sorts', async () => {
    expect(ids(await search('event=order_placed&sort=value'))).toEqual(['cust-100', 'cust-200'])
    expect(ids(await search('event=order_placed&channel=web'))).toEqual(['cust-200'])
    expect(ids(await search('channel=phone'))).toEqual(['cust-100'])
    const page = await search('limit=2&offset=2')
    expect(page.total).toBe(4)
    expect(ids(page)).toEqual(['cust-200', 'cust-400'])
    expect(ids(await search('sort=events&limit=1'))).toEqual(['cust-100'])
  })

  it('never shows another workspace\'s customers', async () => {
    const found = await search('q=cust-10')
    expect(ids(found)).toEqual(['cust-100'])
    expect(found.customers[0]!.channels).not.toContain('store')
    expect(found.customers[0]!.revenue).toBe(120)
    expect(ids(await search('trait.tier=gold'))).not.toContain('cust-101')
    // A member of shop only cannot search other.
    expectProblem(await app.inject({ url: '/api/workspaces/other/customers', headers: as(viewer) }), 404)
  })

  it('binds every value: quotes and SQL in the query are searched for, not run', async () => {
    expect((await search(`q=${encodeURIComponent("' OR 1=1 --")}`)).total).toBe(0)
    expect((await search(`q=${encodeURIComponent("cust') OR ('1'='1")}`)).total).toBe(0)
    expect((await search(`${encodeURIComponent("trait.tier'] OR 1=1 OR traits['x")}=gold`)).total).toBe(0)
    expect((await search(`trait.tier=${encodeURIComponent("gold' OR '1'='1")}`)).total).toBe(0)
    expect((await search(`event=${encodeURIComponent("x' OR 1=1 --")}`)).total).toBe(0)
  })

  it('needs read access: a write key is refused, a bad limit is a validation problem', async () => {
    expectProblem(await app.inject({ url: '/api/workspaces/shop/customers', headers: { authorization: `Bearer ${writeKey}` } }), 403)
    expectProblem(await app.inject({ url: '/api/workspaces/shop/customers?limit=0', headers: as(viewer) }), 400)
  })
})
