import fs from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { canonicalJson } from '../../src/domain/journey/canonical-json.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { expectProblem, signIn, startTestApp, userWithRole, type Session } from '../support/app.ts'

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const canonical = canonicalJson

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let editorA: Session
let editorB: Session
let viewer: Session
const base = '/api/workspaces/cx/journeys'
const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await userWithRole(rt, 'cx', 'owner', 'owner@example.com')
  editorA = await signIn(app, ...(Object.values(await userWithRole(rt, 'cx', 'editor', 'a@example.com')) as [string, string]))
  editorB = await signIn(app, ...(Object.values(await userWithRole(rt, 'cx', 'editor', 'b@example.com')) as [string, string]))
  viewer = await signIn(app, ...(Object.values(await userWithRole(rt, 'cx', 'viewer', 'v@example.com')) as [string, string]))
})
afterAll(() => close())

async function importJson(s: Session, text: string) {
  return app.inject({ method: 'POST', url: `${base}/import`, headers: { ...as(s), 'content-type': 'application/json' }, payload: text })
}

describe('journey import and export', () => {
  let id: string

  it('imports the example, and re-importing it changes nothing', async () => {
    const first = await importJson(editorA, fixture('issue-example.journey.json'))
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ outcome: 'created', journey: { name: 'Home broadband: from search to first bill', version: 1 } })
    id = first.json().journey.id
    const again = await importJson(editorA, fixture('issue-example.journey.json'))
    expect(again.json()).toMatchObject({ outcome: 'unchanged', journey: { id, version: 1 } })
    const personas = (await app.inject({ url: '/api/workspaces/cx/personas', headers: as(viewer) })).json()
    expect(personas).toMatchObject([
      { name: 'Remote worker', jobs: [{ statement: expect.stringMatching(/^When I move house/), outcomes: ['online within 3 days of moving'] }] },
    ])
  })

  it('exports JSON equal to the imported file after normalising', async () => {
    const res = await app.inject({ url: `${base}/${id}/export?format=json`, headers: as(viewer) })
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="Home_broadband_from_search_to_first_bill.json"/)
    expect(canonical(JSON.parse(res.body))).toBe(canonical(JSON.parse(fixture('issue-example.journey.json'))))
  })

  it('exports Mermaid that imports back to the same stages, steps and emotions', async () => {
    const mmd = (await app.inject({ url: `${base}/${id}/export?format=mermaid`, headers: as(viewer) })).body
    expect(mmd).toMatch(/^journey\n/)
    const back = await app.inject({
      method: 'POST',
      url: `/api/workspaces/cx/journeys/import?format=mermaid`,
      headers: { ...as(editorA), 'content-type': 'text/plain' },
      payload: mmd.replace(/title .*/, 'title Broadband from Mermaid'),
    })
    expect(back.statusCode).toBe(200)
    const doc = back.json().journey.document
    expect(doc.stages.map((s: { name: string; steps: Array<{ name: string; emotion: number }> }) => [s.name, s.steps.map((t) => [t.name, t.emotion])])).toEqual([
      ['Discover', [['Visit website', 1], ['Compare plans', 0]]],
    ])
  })

  it('exports CSV and Markdown', async () => {
    const csv = await app.inject({ url: `${base}/${id}/export?format=csv`, headers: as(viewer) })
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.body.split('\r\n')).toHaveLength(4) // header, two steps, final newline
    const md = await app.inject({ url: `${base}/${id}/export?format=md`, headers: as(viewer) })
    expect(md.body).toMatch(/^# Home broadband: from search to first bill/)
  })

  it('a broken file lists every error with its path and changes nothing', async () => {
    const before = (await app.inject({ url: base, headers: as(viewer) })).json()
    const res = await importJson(editorA, fixture('broken.journey.json'))
    const problem = expectProblem(res, 400)
    expect(problem.errors!.map((e) => e.path)).toEqual(
      expect.arrayContaining(['stages[0].steps[1].key', 'stages[1].steps[0].channel', 'insights[0].steps[0]', 'insights[0].stages[0]']),
    )
    expect(problem.errors).toHaveLength(7)
    // A broken update of an existing journey is refused whole, too.
    const broken = JSON.parse(fixture('issue-example.journey.json'))
    broken.stages[0].steps[0].channel = 'fax'
    expectProblem(await importJson(editorA, JSON.stringify(broken)), 400)
    expect((await app.inject({ url: base, headers: as(viewer) })).json()).toEqual(before)
  })
})

describe('editing a journey', () => {
  let id: string
  let version: number

  beforeAll(async () => {
    const doc = JSON.parse(fixture('issue-example.journey.json'))
    doc.name = 'Editing'
    const res = await app.inject({ method: 'POST', url: base, headers: as(editorA), payload: doc })
    expect(res.statusCode).toBe(201)
    ;({ id, version } = res.json())
  })

  it('two editors saving the same stale version: one wins, the other gets 409', async () => {
    const edit = (s: Session, name: string) =>
      app.inject({ method: 'PATCH', url: `${base}/${id}/steps/visit_site`, headers: as(s), payload: { version, patch: { name } } })
    const [a, b] = await Promise.all([edit(editorA, 'Visit the website'), edit(editorB, 'Open the site')])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const loser = a.statusCode === 409 ? a : b
    expect(expectProblem(loser, 409).detail).toMatch(/you edited version 1, the current version is 2/)
    const winner = a.statusCode === 200 ? a : b
    const current = (await app.inject({ url: `${base}/${id}`, headers: as(viewer) })).json()
    expect(current.version).toBe(2)
    expect(current.document.stages[0].steps[0].name).toBe(winner.json().document.stages[0].steps[0].name)
    // The loser's change was not half-applied, and a whole-document save of the stale version fails too.
    const put = await app.inject({ method: 'PUT', url: `${base}/${id}`, headers: as(editorB), payload: { version: 1, document: current.document } })
    expectProblem(put, 409)
    version = 2
  })

  it('adds, moves and removes steps through fine-grained endpoints, each a new version', async () => {
    let res = await app.inject({
      method: 'POST',
      url: `${base}/${id}/stages`,
      headers: as(editorA),
      payload: { version, stage: { key: 'buy', name: 'Buy', promise: 'Order in five minutes', steps: [] } },
    })
    expect(res.json().version).toBe(3)
    res = await app.inject({
      method: 'POST',
      url: `${base}/${id}/steps`,
      headers: as(editorA),
      payload: { version: 3, stage: 'buy', step: { key: 'order_online', name: 'Order online', channel: 'web', emotion: 1, momentOfTruth: true } },
    })
    expect(res.json().version).toBe(4)
    res = await app.inject({ method: 'POST', url: `${base}/${id}/steps/compare_plans/move`, headers: as(editorA), payload: { version: 4, stage: 'buy', index: 0 } })
    expect(res.json().document.stages[1].steps.map((s: { key: string }) => s.key)).toEqual(['compare_plans', 'order_online'])
    const bad = await app.inject({ method: 'POST', url: `${base}/${id}/steps`, headers: as(editorA), payload: { version: 5, stage: 'buy', step: { key: 'visit_site', name: 'Dup' } } })
    expect(expectProblem(bad, 400).errors![0]!.message).toMatch(/duplicate step key "visit_site"/)
    res = await app.inject({ method: 'DELETE', url: `${base}/${id}/steps/order_online?version=5`, headers: as(editorA) })
    expect(res.json().version).toBe(6)
    res = await app.inject({ method: 'POST', url: `${base}/${id}/insights`, headers: as(editorA), payload: { version: 6, insight: { source: 'service_safari', text: 'Competitor X shows prices incl. VAT', steps: ['compare_plans'] } } })
    expect(res.json().document.insights).toHaveLength(2)
    version = res.json().version
  })

  it('keeps every version: list with summaries, read as of, diff and restore', async () => {
    const versions = (await app.inject({ url: `${base}/${id}/versions`, headers: as(viewer) })).json()
    expect(versions.map((v: { version: number }) => v.version)).toEqual([7, 6, 5, 4, 3, 2, 1])
    expect(versions.find((v: { version: number }) => v.version === 5)).toMatchObject({ summary: '1 step moved (compare_plans)', createdBy: 'a@example.com' })
    const v1 = (await app.inject({ url: `${base}/${id}?version=1`, headers: as(viewer) })).json()
    expect(v1.document.stages).toHaveLength(1)
    const diff = (await app.inject({ url: `${base}/${id}/diff?from=1`, headers: as(viewer) })).json()
    expect(diff.stagesAdded).toEqual(['buy'])
    const restored = await app.inject({ method: 'POST', url: `${base}/${id}/versions/1/restore`, headers: as(editorA), payload: { version } })
    expect(restored.json().version).toBe(8)
    expect(canonical(restored.json().document)).toBe(canonical(v1.document))
    const exportedV4 = (await app.inject({ url: `${base}/${id}/export?format=json&version=4`, headers: as(viewer) })).json()
    expect(exportedV4.stages[1].steps[0].key).toBe('order_online')
  })

  it('viewers read but cannot edit; other workspaces cannot see it', async () => {
    expectProblem(await app.inject({ method: 'PATCH', url: `${base}/${id}/steps/visit_site`, headers: as(viewer), payload: { version: 8, patch: { name: 'x' } } }), 403)
    expectProblem(await app.inject({ method: 'DELETE', url: `${base}/${id}`, headers: as(viewer) }), 403)
    await userWithRole(rt, 'other', 'owner', 'other@example.com')
    const other = await signIn(app, 'other@example.com', 'correct horse battery')
    expectProblem(await app.inject({ url: `/api/workspaces/other/journeys/${id}`, headers: as(other) }), 404)
  })

  it('serves the JSON Schema of the file format', async () => {
    const res = await app.inject('/api/schemas/waymark.journey.v1.json')
    expect(res.json()).toMatchObject({ title: 'waymark.journey/v1', type: 'object' })
  })
})
