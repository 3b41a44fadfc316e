import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { can, type Action, type Principal } from '../domain/access.ts'
import { AppError } from '../domain/errors.ts'
import type { Workspace } from '../storage/metadata/workspace-repository.ts'
import { authenticate, type Caller } from './authenticate.ts'
import type { AppDeps } from './deps.ts'

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller
    workspace?: Workspace
    principal?: Principal
  }
}

/** The pre-handlers that guard every route; each route declares exactly one of them. */
export function accessGuards({ repos, secret }: Pick<AppDeps, 'repos' | 'secret'>) {
  const requireCaller = async (req: FastifyRequest): Promise<Caller> => {
    const caller = await authenticate(req, repos, secret)
    if (!caller) throw new AppError('unauthenticated', 'Sign in or send an API key (Authorization: Bearer …)')
    req.caller = caller
    return caller
  }
  const signedIn: preHandlerAsyncHookHandler = async (req) => void (await requireCaller(req))

  /** Workspace-scoped routes (`:ws` = id or slug): authenticate, resolve the workspace, check the action. */
  const workspace =
    (action: Action): preHandlerAsyncHookHandler =>
    async (req) => {
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
        principal = { kind: caller.kind }
      }
      if (!can(principal, action)) throw new AppError('forbidden', forbiddenMessage(principal, action))
      req.workspace = ws
      req.principal = principal
    }

  return { signedIn, workspace }
}

function forbiddenMessage(p: Principal, action: Action): string {
  if (p.kind === 'write_key') return 'A write key can only send events; use a read key or sign in to read'
  if (p.kind === 'read_key') return 'A read key gives read-only access'
  const needs = action === 'manage' ? 'owner' : action === 'read' ? 'viewer' : 'editor'
  return `Your role (${p.role}) cannot ${action} in this workspace; it needs ${needs}`
}

/**
 * Collector routes take the write key from HTTP Basic (as Segment SDKs send it)
 * or from the body's `writeKey`; either way only a live write key may ingest.
 */
export async function workspaceOfWriteKey(repos: AppDeps['repos'], secret: string | undefined) {
  if (!secret) throw new AppError('unauthenticated', 'Send the write key as HTTP Basic user name or as "writeKey" in the body')
  const key = await repos.apiKeys.findBySecret(secret)
  if (!key || !can({ kind: key.kind === 'write' ? 'write_key' : 'read_key' }, 'ingest')) {
    throw new AppError('unauthenticated', 'Unknown or revoked write key')
  }
  void repos.apiKeys.markUsed(key.id, new Date()).catch(() => {})
  return key.workspaceId
}

/** The workspace a guarded route addresses; only valid behind a `workspace(...)` guard. */
export function workspaceOf(req: FastifyRequest): Workspace {
  if (!req.workspace) throw new Error('route is missing its workspace guard')
  return req.workspace
}

/** The signed-in user behind a request; API keys are refused. */
export function userOf(req: FastifyRequest): Extract<Caller, { kind: 'user' }> {
  if (req.caller?.kind !== 'user') throw new AppError('forbidden', 'This endpoint needs a signed-in user, not an API key')
  return req.caller
}
