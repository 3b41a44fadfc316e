import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { expectProblem, signIn, startTestApp, type Session } from '../support/app.ts'

/** Bad inputs the fuzz run (npm run test:fuzz) found answered with a 500 or with something other than problem+json. */
let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let owner: Session
const base = '/api/workspaces/answers'
const headers = () => ({ cookie: owner.cookie, 'x-csrf-token': owner.csrf })

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  await createUserInWorkspace(rt.repos, { email: 'own@example.com', password: 'password-own', workspace: 'answers' })
  owner = await signIn(app, 'own@example.com', 'password-own')
}, 60_000)
afterAll(() => close())

describe('bad input gets a clear answer', () => {
  it.each(['alert-rules', 'triggers', 'cases', 'solutions'])('a PATCH of {} to an unknown %s is a 404, not a 500 (an update of nothing)', async (what) => {
    const res = await app.inject({ method: 'PATCH', url: `${base}/${what}/00000000-0000-4000-8000-000000000000`, headers: headers(), payload: {} })
    expect(expectProblem(res, 404).detail).toMatch(/not found/i)
  })

  it('a PATCH of {} to the workspace changes nothing and answers with it', async () => {
    const before = (await app.inject({ url: base, headers: headers() })).json()
    const res = await app.inject({ method: 'PATCH', url: base, headers: headers(), payload: {} })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual(before)
  })

  it('a path parameter longer than the router takes is a 414 problem+json saying so', async () => {
    const res = await app.inject({ method: 'DELETE', url: `${base}/journeys/${'x'.repeat(1500)}`, headers: headers() })
    expect(expectProblem(res, 414)).toMatchObject({ title: 'URI Too Long', detail: expect.stringMatching(/path parameter is longer than 100 characters/) })
  })
})
