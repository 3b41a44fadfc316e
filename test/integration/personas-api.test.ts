import fs from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { expectProblem, signIn, startTestApp, userWithRole, type Session } from '../support/app.ts'

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let editor: Session
let viewer: Session
let outsider: Session
const base = '/api/workspaces/cx/personas'
const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })
const session = async (ws: string, role: 'owner' | 'editor' | 'viewer', email: string) => signIn(app, ...(Object.values(await userWithRole(rt, ws, role, email)) as [string, string]))

const mover = {
  name: 'Home mover',
  description: 'Moving flat; works from home.',
  goals: ['Be online on moving day'],
  frustrations: ['Waiting in for an engineer'],
  valueTier: 'high',
  jobs: [{ statement: 'When I move house, I want to get online quickly, so I can work from home', outcomes: ['online within 3 days', 'no call to support'] }],
}

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  editor = await session('cx', 'editor', 'e@example.com')
  viewer = await session('cx', 'viewer', 'v@example.com')
  outsider = await session('other', 'owner', 'o@example.com')
})
afterAll(() => close())

describe('personas API', () => {
  let id: string

  it('creates a persona with a job and its desired outcomes, and reads it back', async () => {
    const res = await app.inject({ method: 'POST', url: base, headers: as(editor), payload: mover })
    expect(res.statusCode).toBe(201)
    id = res.json().id
    expect(res.json()).toMatchObject(mover)
    expect((await app.inject({ url: `${base}/${id}`, headers: as(viewer) })).json()).toMatchObject(mover)
    expect((await app.inject({ url: base, headers: as(viewer) })).json()).toMatchObject([mover])
  })

  it('edits it: a second job, another outcome', async () => {
    const jobs = [
      { ...mover.jobs[0]!, outcomes: [...mover.jobs[0]!.outcomes, 'first bill as quoted'] },
      { statement: 'When something breaks, I want to fix it myself, so I can avoid a call', outcomes: [] },
    ]
    const res = await app.inject({ method: 'PUT', url: `${base}/${id}`, headers: as(editor), payload: { ...mover, jobs } })
    expect(res.statusCode).toBe(200)
    expect((await app.inject({ url: `${base}/${id}`, headers: as(viewer) })).json()).toMatchObject({ ...mover, jobs })
  })

  it('refuses a second persona of the same name', async () => {
    expectProblem(await app.inject({ method: 'POST', url: base, headers: as(editor), payload: mover }), 409)
  })

  it('lets a viewer read but not write (403)', async () => {
    expectProblem(await app.inject({ method: 'POST', url: base, headers: as(viewer), payload: { ...mover, name: 'Other' } }), 403)
    expectProblem(await app.inject({ method: 'PUT', url: `${base}/${id}`, headers: as(viewer), payload: mover }), 403)
    expectProblem(await app.inject({ method: 'DELETE', url: `${base}/${id}`, headers: as(viewer) }), 403)
    expect((await app.inject({ url: `${base}/${id}`, headers: as(viewer) })).statusCode).toBe(200)
  })

  it('hides it from another workspace', async () => {
    expect((await app.inject({ url: '/api/workspaces/other/personas', headers: as(outsider) })).json()).toEqual([])
    expect((await app.inject({ url: base, headers: as(outsider) })).statusCode).toBeGreaterThanOrEqual(403)
    expect((await app.inject({ url: `/api/workspaces/other/personas/${id}`, headers: as(outsider) })).statusCode).toBe(404)
    expect((await app.inject({ method: 'DELETE', url: `/api/workspaces/other/personas/${id}`, headers: as(outsider) })).statusCode).toBe(404)
  })

  it('deletes it', async () => {
    expect((await app.inject({ method: 'DELETE', url: `${base}/${id}`, headers: as(editor) })).statusCode).toBe(204)
    expectProblem(await app.inject({ url: `${base}/${id}`, headers: as(viewer) }), 404)
  })

  it("creates an imported journey's persona with its goals, frustrations and value tier", async () => {
    const journey = fs.readFileSync(new URL('../../src/demo/broadband-journey.json', import.meta.url), 'utf8')
    const res = await app.inject({ method: 'POST', url: '/api/workspaces/cx/journeys/import', headers: { ...as(editor), 'content-type': 'application/json' }, payload: journey })
    expect(res.statusCode).toBe(200)
    const persona = JSON.parse(journey).persona
    expect((await app.inject({ url: base, headers: as(viewer) })).json()).toMatchObject([
      { name: persona.name, goals: persona.goals, frustrations: persona.frustrations, valueTier: persona.valueTier, jobs: [{ statement: persona.job, outcomes: persona.outcomes }] },
    ])
  })
})
