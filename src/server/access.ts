import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler, preHandlerAsyncHookHandler, RouteOptions } from 'fastify'
import { can, keyPrincipal, type Action, type Principal } from '../domain/access.ts'
import { AppError } from '../domain/errors.ts'
import type { UserId } from '../domain/ids.ts'
import type { Workspace } from '../storage/metadata/workspace-repository.ts'
import { authenticate, type Caller } from './authenticate.ts'
import type { AppDeps } from './deps.ts'

/**
 * What a route admits. Every `/api`, `/v1` and `/health` route declares one, either as
 * `config: { access }` or through its guard (`preHandler: guards.workspace('read')`, which
 * says the same); the app refuses to start when a route declares none (see enforceRouteAccess).
 * - public: anyone; user: any signed-in user (not an API key);
 * - collector: a write key sent the Segment way (HTTP Basic or the body's writeKey), checked by the collector;
 * - workspace:<action>: callers who may do that action in the `:ws` workspace (roles and key kinds: domain/access.ts).
 */
export const ROUTE_ACCESS = ['public', 'user', 'collector', 'workspace:read', 'workspace:write', 'workspace:manage', 'workspace:ingest', 'workspace:import'] as const
export type RouteAccess = (typeof ROUTE_ACCESS)[number]
/** Rate-limit classes a route can join (per caller); see createApp. */
export type RouteLimit = 'analytics'

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller
    workspace?: Workspace
    principal?: Principal
  }
  interface FastifyContextConfig {
    access?: RouteAccess
    limit?: RouteLimit
  }
  interface FastifyInstance {
    /** Every API route with the access it declared, in registration order (HEAD twins left out). */
    routeAccess: DeclaredRoute[]
  }
}

export type DeclaredRoute = { method: string; url: string; access: RouteAccess }

const API_PREFIXES = ['/api/', '/v1/', '/health']
export const isApiUrl = (url: string) => API_PREFIXES.some((p) => url.startsWith(p))

const DECLARES = Symbol('declares access')
type Guard = onRequestAsyncHookHandler & { [DECLARES]?: RouteAccess }
const declaring = (access: RouteAccess, guard: (req: FastifyRequest) => Promise<void>): Guard => Object.assign(async (req: FastifyRequest) => guard(req), { [DECLARES]: access })

/** The guards behind each declaration; `workspace(action)` and `signedIn` also serve as declarations in a route's preHandler. */
export function accessGuards({ repos, secret }: Pick<AppDeps, 'repos' | 'secret'>) {
  const requireCaller = async (req: FastifyRequest): Promise<Caller> => {
    const caller = await authenticate(req, repos, secret)
    if (!caller) throw new AppError('unauthenticated', 'Sign in or send an API key (Authorization: Bearer …)')
    req.caller = caller
    return caller
  }
  const signedIn = declaring('user', async (req) => {
    const caller = await requireCaller(req)
    if (caller.kind !== 'user') throw new AppError('forbidden', 'This endpoint needs a signed-in user, not an API key')
  })

  /** Workspace-scoped routes (`:ws` = id or slug): authenticate, resolve the workspace, check the action. */
  const workspace = (action: Action) =>
    declaring(`workspace:${action}`, async (req) => {
      const caller = await requireCaller(req)
      const ref = (req.params as { ws?: string }).ws ?? ''
      const ws = await repos.workspaces.find(ref)
      let principal: Principal
      if (caller.kind === 'user') {
        const role = ws ? await repos.workspaces.roleOf(ws.id, caller.user.id) : null
        // Non-members get the same answer as for a workspace that does not exist.
        if (!ws || role === null) throw new AppError('not_found', `Workspace "${ref}" not found`)
        principal = { kind: 'user', role }
      } else {
        if (!ws || ws.id !== caller.workspaceId) throw new AppError('forbidden', 'This API key belongs to another workspace')
        principal = keyPrincipal(caller.kind.replace('_key', '') as 'read' | 'write' | 'import')
      }
      if (!can(principal, action)) throw new AppError('forbidden', forbiddenMessage(principal, action))
      req.workspace = ws
      req.principal = principal
    })

  const forAccess = (access: RouteAccess): Guard | undefined => {
    if (access === 'public' || access === 'collector') return undefined
    if (access === 'user') return signedIn
    return workspace(access.slice('workspace:'.length) as Action)
  }
  return { signedIn: signedIn as unknown as preHandlerAsyncHookHandler, workspace: (a: Action) => workspace(a) as unknown as preHandlerAsyncHookHandler, forAccess }
}

export type AccessGuards = ReturnType<typeof accessGuards>

/**
 * The start-up check and the enforcement in one: every API route must declare its
 * access; its guard then runs first thing on each request (onRequest: before the body
 * is read or validated, so a refused caller costs no parsing and learns nothing from
 * validation errors), followed by the route's rate-limit class, if any.
 */
export function enforceRouteAccess(app: FastifyInstance, guards: AccessGuards, limits: Record<RouteLimit, onRequestAsyncHookHandler>) {
  const declared: DeclaredRoute[] = []
  app.decorate('routeAccess', declared)
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isApiUrl(route.url)) return
    const preHandlers = hooksOf(route.preHandler)
    const byGuard = preHandlers.filter((h) => (h as Guard)[DECLARES])
    const access = route.config?.access ?? (byGuard[0] as Guard | undefined)?.[DECLARES]
    const where = `${String(route.method)} ${route.url}`
    if (!access || !ROUTE_ACCESS.includes(access)) {
      throw new Error(`${where} declares no access: add config: { access: ${ROUTE_ACCESS.map((a) => `'${a}'`).join(' | ')} } (src/server/access.ts)`)
    }
    if (byGuard.length > 1 || byGuard.some((g) => (g as Guard)[DECLARES] !== access)) throw new Error(`${where} declares its access twice, differently`)
    const guard = guards.forAccess(access)
    const limit = route.config?.limit ? limits[route.config.limit] : undefined
    route.preHandler = preHandlers.filter((h) => !byGuard.includes(h))
    route.onRequest = [...(guard ? [guard] : []), ...(limit ? [limit] : []), ...hooksOf(route.onRequest)]
    route.config = { ...route.config, access }
    if (route.method !== 'HEAD') declared.push({ method: String(route.method), url: route.url, access })
  })
}

function hooksOf<T>(hook: T | T[] | undefined): T[] {
  return hook === undefined ? [] : Array.isArray(hook) ? [...hook] : [hook]
}

function forbiddenMessage(p: Principal, action: Action): string {
  if (p.kind === 'write_key') return 'A write key can only send events; use a read key or sign in to read'
  if (p.kind === 'read_key') return 'A read key gives read-only access'
  if (p.kind === 'import_key') return 'An import key can only send events and files'
  const needs = action === 'manage' ? 'owner' : action === 'read' ? 'viewer' : 'editor'
  const what = action === 'import' ? 'import files' : action === 'ingest' ? 'send events' : action
  return `Your role (${p.role}) cannot ${what} in this workspace; it needs ${needs}`
}

/** Who did something, as the audit log writes it. */
export function actorOf(req: FastifyRequest): { actor: string; userId: UserId | null; ip: string } {
  const c = req.caller
  if (c?.kind === 'user') return { actor: c.user.email, userId: c.user.id, ip: req.ip }
  if (c) return { actor: `key:${c.prefix}`, userId: null, ip: req.ip }
  return { actor: 'anonymous', userId: null, ip: req.ip }
}

/**
 * Collector routes take the write key from HTTP Basic (as Segment SDKs send it)
 * or from the body's `writeKey`; either way only a live key that may ingest.
 */
export async function workspaceOfWriteKey(repos: AppDeps['repos'], secret: string | undefined) {
  if (!secret) throw new AppError('unauthenticated', 'Send the write key as HTTP Basic user name or as "writeKey" in the body')
  const key = await repos.apiKeys.findBySecret(secret)
  if (!key || !can(keyPrincipal(key.kind), 'ingest')) throw new AppError('unauthenticated', 'Unknown, expired or revoked write key')
  void repos.apiKeys.markUsed(key.id, new Date()).catch(() => {})
  return key.workspaceId
}

/** The workspace a guarded route addresses; only valid behind a `workspace:…` declaration. */
export function workspaceOf(req: FastifyRequest): Workspace {
  if (!req.workspace) throw new Error('route is missing its workspace guard')
  return req.workspace
}

/** The signed-in user behind a request; API keys are refused. */
export function userOf(req: FastifyRequest): Extract<Caller, { kind: 'user' }> {
  if (req.caller?.kind !== 'user') throw new AppError('forbidden', 'This endpoint needs a signed-in user, not an API key')
  return req.caller
}
