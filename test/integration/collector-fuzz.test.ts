import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { seededRandom } from '../../src/demo/random.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { startTestApp } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let baseUrl: string
let auth: string
let wsId: string

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp({ LOG_LEVEL: process.env.FUZZ_LOG ?? 'silent' }))
  const { workspace } = await createUserInWorkspace(rt.repos, { email: 'o@example.com', password: 'password-1', workspace: 'fuzz' })
  wsId = workspace.id
  const { secret } = await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'write', name: 'fuzz' })
  auth = `Basic ${Buffer.from(`${secret}:`).toString('base64')}`
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => close())

type Case = { url: string; body: Buffer | string; headers: Record<string, string> }

/** 1,000 seeded malformed inputs: broken JSON, wrong types, huge and deep values, bad encodings. */
function malformedInputs(count: number): Case[] {
  const rnd = seededRandom(1234)
  const valid = () => ({ type: 'track', userId: `u${rnd.int(1, 50)}`, event: 'Clicked', properties: { n: rnd.int(0, 9) }, messageId: `f-${rnd.next()}` })
  const junkValues = [null, true, 0, -1, 1e308, '', ' ', [], {}, [[[]]], { $gt: '' }, '\u0000', '\ud800', 'x'.repeat(300), Number.NaN]
  const mutations: Array<() => unknown> = [
    () => ({ ...valid(), userId: rnd.pick(junkValues), anonymousId: rnd.pick(junkValues) }),
    () => ({ ...valid(), event: rnd.pick(junkValues) }),
    () => ({ ...valid(), type: rnd.pick(['', 'TRACK', 'delete', 42, null]) }),
    () => ({ ...valid(), timestamp: rnd.pick(['2024-13-45T99:00:00Z', 'yesterday', -1e20, 1e20, {}, '']) }),
    () => ({ ...valid(), sentAt: rnd.pick(['not a date', [], 99e99]) }),
    () => ({ ...valid(), properties: rnd.pick(['str', 5, [1, 2], true]) }),
    () => ({ ...valid(), context: rnd.pick(['str', 5, [1, 2]]) }),
    () => ({ ...valid(), event: 'Survey Answered', properties: { kind: rnd.pick(['nps', 'csat', 'ces', 'bogus']), score: rnd.pick([-5, 11, 3.5, 'ten', null, 1e9]) } }),
    () => ({ ...valid(), properties: { blob: 'y'.repeat(rnd.int(33, 60) * 1024) } }),
    () => ({ type: 'alias', userId: 'a', previousId: rnd.pick(junkValues) }),
    () => ({ type: 'group', userId: 'a', groupId: rnd.pick([null, '']) }),
    () => rnd.pick(junkValues),
  ]
  const cases: Case[] = []
  for (let i = 0; i < count; i++) {
    const headers: Record<string, string> = { authorization: auth, 'content-type': rnd.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) }
    const kind = i % 10
    let url = rnd.pick(['/v1/batch', '/v1/b', '/v1/import'])
    let body: Buffer | string
    if (kind === 0) body = JSON.stringify({ batch: [valid(), valid()] }).slice(0, rnd.int(1, 40)) // truncated JSON
    else if (kind === 1) body = Buffer.from(Array.from({ length: rnd.int(0, 300) }, () => rnd.int(0, 255))) // random bytes
    else if (kind === 2) body = '['.repeat(rnd.int(1000, 200_000)) // deep nesting
    else if (kind === 3) {
      body = Buffer.from('not gzip at all')
      headers['content-encoding'] = 'gzip'
    } else if (kind === 4) body = JSON.stringify({ batch: rnd.pick([null, 'x', 5, {}, [[]]]) })
    else if (kind === 5) {
      url = rnd.pick(['/v1/track', '/v1/t', '/v1/identify', '/v1/page', '/v1/screen', '/v1/group', '/v1/alias'])
      body = JSON.stringify(rnd.pick(mutations)())
    } else if (kind === 6) {
      body = gzipSync(JSON.stringify({ batch: [rnd.pick(mutations)()] }))
      headers['content-encoding'] = 'gzip'
    } else if (kind === 7) body = JSON.stringify({ batch: [{ ...valid(), properties: { huge: 'z'.repeat(rnd.int(510, 700) * 1024) } }] }) // oversize batch
    else body = JSON.stringify({ batch: Array.from({ length: rnd.int(1, 5) }, () => rnd.pick(mutations)()) })
    cases.push({ url, body, headers })
  }
  return cases
}

describe('collector under 1,000 malformed inputs', () => {
  it('answers every one with 4xx or quarantines it with a reason, and stays up', async () => {
    const cases = malformedInputs(1000)
    const statuses: number[] = []
    let expectedInQuarantine = 0
    for (let i = 0; i < cases.length; i += 20) {
      const results = await Promise.all(
        cases.slice(i, i + 20).map(async (c) => {
          const res = await fetch(baseUrl + c.url, { method: 'POST', headers: c.headers, body: typeof c.body === 'string' ? c.body : new Uint8Array(c.body) })
          const text = await res.text()
          return { status: res.status, body: text, contentType: res.headers.get('content-type') ?? '' }
        }),
      )
      for (const r of results) {
        statuses.push(r.status)
        if (r.status === 200) {
          const body = JSON.parse(r.body)
          expect(body.success).toBe(true)
          expectedInQuarantine += body.quarantined
        } else {
          expect(r.status).toBeGreaterThanOrEqual(400)
          expect(r.status).toBeLessThan(500)
          expect(r.contentType).toMatch(/^application\/problem\+json/)
          const { detail } = JSON.parse(r.body) as { detail: string }
          // The key is valid, so every rejected input must be kept, and the answer says so.
          const perEvent = /No event stored; (\d+) kept in quarantine/.exec(detail)
          if (perEvent) expectedInQuarantine += Number(perEvent[1])
          else {
            expect(detail).toMatch(/kept in quarantine/)
            expectedInQuarantine += 1
          }
        }
      }
    }
    expect(statuses).toHaveLength(1000)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect((await fetch(`${baseUrl}/health`)).status).toBe(200)
    // Every rejected input is in quarantine with a reason: per-event rejections plus whole bodies we could not read.
    const [row] = await rt.events.query<{ n: string; empty: string }>(
      "SELECT count() AS n, countIf(reason = '') AS empty FROM quarantine WHERE workspace_id = {ws:String}",
      { ws: wsId },
    )
    expect(Number(row!.empty)).toBe(0)
    expect(Number(row!.n)).toBe(expectedInQuarantine)
    expect(statuses.filter((s) => s === 413).length).toBeGreaterThan(50) // the oversize cases were exercised
  }, 120_000)
})
