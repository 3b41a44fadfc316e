import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csrfTokenFor } from '../../src/auth/tokens.ts'
import type { KeyKind } from '../../src/domain/access.ts'
import type { Runtime } from '../../src/runtime.ts'
import type { RouteAccess } from '../../src/server/access.ts'
import { startTestApp, userWithRole } from '../support/app.ts'

/**
 * THE expectation table: every API route of the app and who may call it. A route the app
 * has and this table lacks fails the suite (so does an entry for a route that is gone).
 * Adding a route = one line: `'METHOD /url/:param': '<access>'`, with the access it must have.
 */
const EXPECTED: Record<string, RouteAccess> = {
  'OPTIONS /v1/*': 'public',
  'POST /v1/track': 'collector',
  'POST /v1/t': 'collector',
  'POST /v1/identify': 'collector',
  'POST /v1/i': 'collector',
  'POST /v1/page': 'collector',
  'POST /v1/p': 'collector',
  'POST /v1/screen': 'collector',
  'POST /v1/s': 'collector',
  'POST /v1/group': 'collector',
  'POST /v1/g': 'collector',
  'POST /v1/alias': 'collector',
  'POST /v1/a': 'collector',
  'POST /v1/batch': 'collector',
  'POST /v1/b': 'collector',
  'POST /v1/import': 'collector',
  'GET /health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'user',
  'POST /api/auth/logout-everywhere': 'user',
  'POST /api/auth/password': 'user',
  'GET /api/auth/session': 'user',
  'GET /api/workspaces': 'user',
  'POST /api/workspaces': 'user',
  'GET /api/workspaces/:ws': 'workspace:read',
  'PATCH /api/workspaces/:ws': 'workspace:manage',
  'GET /api/workspaces/:ws/stats': 'workspace:read',
  'GET /api/workspaces/:ws/members': 'workspace:read',
  'PUT /api/workspaces/:ws/members/:userId': 'workspace:manage',
  'DELETE /api/workspaces/:ws/members/:userId': 'workspace:manage',
  'POST /api/workspaces/:ws/invitations': 'workspace:manage',
  'GET /api/workspaces/:ws/invitations': 'workspace:manage',
  'DELETE /api/workspaces/:ws/invitations/:id': 'workspace:manage',
  'GET /api/invitations/:token': 'public',
  'POST /api/invitations/:token/accept': 'user',
  'POST /api/invitations/:token/register': 'public',
  'GET /api/workspaces/:ws/audit': 'workspace:manage',
  'GET /api/workspaces/:ws/keys': 'workspace:manage',
  'POST /api/workspaces/:ws/keys': 'workspace:manage',
  'DELETE /api/workspaces/:ws/keys/:keyId': 'workspace:manage',
  'POST /api/workspaces/:ws/events': 'workspace:ingest',
  'POST /api/workspaces/:ws/feedback': 'workspace:ingest',
  'GET /api/workspaces/:ws/off-plan-events': 'workspace:read',
  'GET /api/workspaces/:ws/quarantine': 'workspace:read',
  'GET /api/workspaces/:ws/customers': 'workspace:read',
  'GET /api/workspaces/:ws/customers/:id': 'workspace:read',
  'GET /api/workspaces/:ws/customers/:id/timeline': 'workspace:read',
  'DELETE /api/workspaces/:ws/customers/:id': 'workspace:manage',
  'POST /api/workspaces/:ws/imports': 'workspace:import',
  'GET /api/workspaces/:ws/personas': 'workspace:read',
  'POST /api/workspaces/:ws/personas': 'workspace:write',
  'GET /api/workspaces/:ws/personas/:id': 'workspace:read',
  'PUT /api/workspaces/:ws/personas/:id': 'workspace:write',
  'DELETE /api/workspaces/:ws/personas/:id': 'workspace:write',
  'GET /api/workspaces/:ws/journeys': 'workspace:read',
  'POST /api/workspaces/:ws/journeys': 'workspace:write',
  'POST /api/workspaces/:ws/journeys/import': 'workspace:write',
  'GET /api/workspaces/:ws/journeys/:id': 'workspace:read',
  'PUT /api/workspaces/:ws/journeys/:id': 'workspace:write',
  'DELETE /api/workspaces/:ws/journeys/:id': 'workspace:write',
  'POST /api/workspaces/:ws/journeys/:id/stages': 'workspace:write',
  'PATCH /api/workspaces/:ws/journeys/:id/stages/:stageKey': 'workspace:write',
  'POST /api/workspaces/:ws/journeys/:id/stages/:stageKey/move': 'workspace:write',
  'DELETE /api/workspaces/:ws/journeys/:id/stages/:stageKey': 'workspace:write',
  'POST /api/workspaces/:ws/journeys/:id/steps': 'workspace:write',
  'PATCH /api/workspaces/:ws/journeys/:id/steps/:stepKey': 'workspace:write',
  'POST /api/workspaces/:ws/journeys/:id/steps/:stepKey/move': 'workspace:write',
  'DELETE /api/workspaces/:ws/journeys/:id/steps/:stepKey': 'workspace:write',
  'POST /api/workspaces/:ws/journeys/:id/insights': 'workspace:write',
  'PATCH /api/workspaces/:ws/journeys/:id/insights/:index': 'workspace:write',
  'DELETE /api/workspaces/:ws/journeys/:id/insights/:index': 'workspace:write',
  'GET /api/workspaces/:ws/journeys/:id/versions': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/diff': 'workspace:read',
  'POST /api/workspaces/:ws/journeys/:id/versions/:v/restore': 'workspace:write',
  'GET /api/workspaces/:ws/journeys/:id/tracking-plan': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/export': 'workspace:read',
  'GET /api/workspaces/:ws/dimensions': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/analysis': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/map': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/touchpoints': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/flow': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/sankey': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/customers': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/funnel': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/funnel/customers': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/customer-value': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/drivers': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/drivers/customers': 'workspace:read',
  'POST /api/workspaces/:ws/journeys/:id/rule-preview': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/conformance/customers': 'workspace:read',
  'GET /api/workspaces/:ws/backup': 'workspace:manage',
  'GET /api/workspaces/:ws/journeys/:id/brief': 'workspace:read',
  'GET /api/workspaces/:ws/journeys/:id/brief/customers': 'workspace:read',
  'GET /api/workspaces/:ws/opportunities': 'workspace:read',
  'POST /api/workspaces/:ws/opportunities': 'workspace:write',
  'POST /api/workspaces/:ws/opportunities/from-red-point': 'workspace:write',
  'GET /api/workspaces/:ws/opportunities/:id': 'workspace:read',
  'PATCH /api/workspaces/:ws/opportunities/:id': 'workspace:write',
  'POST /api/workspaces/:ws/opportunities/:id/decline': 'workspace:write',
  'PUT /api/workspaces/:ws/opportunities/:id/pin': 'workspace:write',
  'DELETE /api/workspaces/:ws/opportunities/:id': 'workspace:write',
  'POST /api/workspaces/:ws/opportunities/:id/solutions': 'workspace:write',
  'PATCH /api/workspaces/:ws/solutions/:id': 'workspace:write',
  'DELETE /api/workspaces/:ws/solutions/:id': 'workspace:write',
  'GET /api/workspaces/:ws/roadmap': 'workspace:read',
  'GET /api/workspaces/:ws/portfolio/scoring': 'workspace:read',
  'PUT /api/workspaces/:ws/portfolio/scoring': 'workspace:write',
  'DELETE /api/workspaces/:ws/portfolio/scoring': 'workspace:write',
  'GET /api/workspaces/:ws/experiments': 'workspace:read',
  'GET /api/workspaces/:ws/experiments/power': 'workspace:read',
  'POST /api/workspaces/:ws/experiments': 'workspace:write',
  'GET /api/workspaces/:ws/experiments/:id': 'workspace:read',
  'PATCH /api/workspaces/:ws/experiments/:id': 'workspace:write',
  'DELETE /api/workspaces/:ws/experiments/:id': 'workspace:write',
  'GET /api/workspaces/:ws/experiments/:id/assignment': 'workspace:read',
  'GET /api/workspaces/:ws/experiments/:id/analysis': 'workspace:read',
  'GET /api/workspaces/:ws/webhooks': 'workspace:read',
  'POST /api/workspaces/:ws/webhooks': 'workspace:manage',
  'POST /api/workspaces/:ws/webhooks/:id/test': 'workspace:manage',
  'DELETE /api/workspaces/:ws/webhooks/:id': 'workspace:manage',
  'GET /api/workspaces/:ws/alert-rules': 'workspace:read',
  'POST /api/workspaces/:ws/alert-rules': 'workspace:write',
  'GET /api/workspaces/:ws/alert-rules/:id': 'workspace:read',
  'PATCH /api/workspaces/:ws/alert-rules/:id': 'workspace:write',
  'DELETE /api/workspaces/:ws/alert-rules/:id': 'workspace:write',
  'GET /api/workspaces/:ws/alert-rules/:id/evaluations': 'workspace:read',
  'GET /api/workspaces/:ws/alerts': 'workspace:read',
  'GET /api/workspaces/:ws/triggers': 'workspace:read',
  'POST /api/workspaces/:ws/triggers': 'workspace:write',
  'PATCH /api/workspaces/:ws/triggers/:id': 'workspace:write',
  'DELETE /api/workspaces/:ws/triggers/:id': 'workspace:write',
  'GET /api/workspaces/:ws/cases': 'workspace:read',
  'GET /api/workspaces/:ws/cases/:id': 'workspace:read',
  'PATCH /api/workspaces/:ws/cases/:id': 'workspace:write',
  'POST /api/workspaces/:ws/cases/:id/close': 'workspace:write',
  'GET /api/openapi.json': 'public',
  'GET /api/schemas/waymark.journey.v1.json': 'public',
}

const CALLERS = ['anonymous', 'viewer', 'editor', 'owner', 'read key', 'write key', 'import key', 'member of another workspace'] as const
type CallerName = (typeof CALLERS)[number]

/** Who each kind of access lets in: derived from the roles and key kinds, written out here independently of the app. */
const ALLOWS: Record<RouteAccess, CallerName[]> = {
  public: [...CALLERS],
  user: ['viewer', 'editor', 'owner', 'member of another workspace'],
  collector: ['write key', 'import key'],
  'workspace:read': ['viewer', 'editor', 'owner', 'read key'],
  'workspace:write': ['editor', 'owner'],
  'workspace:manage': ['owner'],
  'workspace:ingest': ['editor', 'owner', 'write key', 'import key'],
  'workspace:import': ['editor', 'owner', 'import key'],
}

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
const users: Partial<Record<CallerName, { id: string }>> = {}
const keys: Partial<Record<CallerName, string>> = {}

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp({ RATE_LIMIT_ANALYTICS: '100000', RATE_LIMIT_SIGN_IN_PER_IP: '100000', RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000' }))
  await app.ready()
  for (const [name, role, ws] of [['owner', 'owner', 'alpha'], ['editor', 'editor', 'alpha'], ['viewer', 'viewer', 'alpha'], ['member of another workspace', 'owner', 'beta']] as const) {
    const { email } = await userWithRole(rt, ws, role, `${role}-${ws}@example.com`)
    users[name] = (await rt.repos.users.findByEmail(email))!
  }
  const alpha = (await rt.repos.workspaces.find('alpha'))!
  for (const kind of ['read', 'write', 'import'] as KeyKind[]) keys[`${kind} key`] = (await rt.repos.apiKeys.create({ workspaceId: alpha.id, kind, name: kind })).secret
}, 120_000)
afterAll(() => close())

/** Credentials of one caller; a fresh session per request, so a sign-out route cannot sign later requests out. */
async function credentials(caller: CallerName): Promise<Record<string, string>> {
  const key = keys[caller]
  if (key) return { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }
  const user = users[caller]
  if (!user) return {}
  const session = await rt.repos.sessions.create(user.id as never)
  return { cookie: `waymark_session=${session.token}`, 'x-csrf-token': csrfTokenFor(rt.secret, session.tokenHash) }
}

async function call(method: string, url: string, ws: string, caller: CallerName): Promise<LightMyRequestResponse> {
  const path = url.replace(':ws', ws).replace(/:\w+/g, 'matrix-x').replace('*', 'matrix-x')
  const hasBody = !['GET', 'DELETE', 'OPTIONS', 'HEAD'].includes(method)
  return app.inject({ method: method as 'GET', url: path, headers: await credentials(caller), ...(hasBody ? { payload: {} } : {}) })
}

/** An answer with what varies per request (request id, the path, the workspace named) taken out. */
const normalised = (res: LightMyRequestResponse, ws: string) => `${res.statusCode} ${res.body.replace(/"(requestId|instance)":"[^"]*"/g, '').replaceAll(ws, 'WS')}`

describe('access matrix', () => {
  it('covers every API route of the app, each × every kind of caller, with no unexpected allow or deny', async () => {
    const routes = app.routeAccess.map((r) => ({ ...r, key: `${r.method} ${r.url}` }))
    expect(routes.filter((r) => !(r.key in EXPECTED)).map((r) => r.key), 'routes without an entry in EXPECTED').toEqual([])
    expect(Object.keys(EXPECTED).filter((k) => !routes.some((r) => r.key === k)), 'entries of EXPECTED for routes the app no longer has').toEqual([])
    expect(routes.filter((r) => r.access !== EXPECTED[r.key]).map((r) => `${r.key} declares ${r.access}, expected ${EXPECTED[r.key]}`)).toEqual([])

    const unexpected: string[] = []
    let checks = 0
    for (const route of routes) {
      const scoped = route.url.includes(':ws')
      for (const caller of CALLERS) {
        const res = await call(route.method, route.url, 'alpha', caller)
        // Refused: 401/403, or the very answer a workspace that does not exist gets (members of other workspaces get 404 for both).
        const missing = scoped ? await call(route.method, route.url, 'no-such-ws', caller) : undefined
        const refused = res.statusCode === 401 || res.statusCode === 403 || (missing !== undefined && normalised(res, 'alpha') === normalised(missing, 'no-such-ws'))
        const allowed = ALLOWS[EXPECTED[route.key]!].includes(caller)
        checks++
        if (refused === allowed) unexpected.push(`${route.key} as ${caller}: ${allowed ? 'refused' : 'allowed'} (${res.statusCode} ${res.body.slice(0, 160)})`)
        // A refusal never tells a foreign caller whether the workspace exists.
        if (scoped && !allowed && (caller === 'member of another workspace' || caller === 'anonymous') && normalised(res, 'alpha') !== normalised(missing!, 'no-such-ws')) {
          unexpected.push(`${route.key} as ${caller}: the refusal differs from a missing workspace's (${res.statusCode} ${res.body.slice(0, 120)})`)
        }
      }
    }
    console.log(`access matrix: ${routes.length} of ${routes.length} API routes (100%) × ${CALLERS.length} callers = ${checks} checks, ${unexpected.length} unexpected`)
    expect(unexpected).toEqual([])
  }, 300_000)

  it('refuses to start when a route declares no access', async () => {
    const { createApp } = await import('../../src/server/app.ts')
    const bare = await createApp(rt)
    await expect(bare.register(async (plugin) => void plugin.get('/api/undeclared', async () => ({ ok: true })))).rejects.toThrow(/GET \/api\/undeclared declares no access: add config: \{ access:/)
    await bare.close().catch(() => {})
  })
})
