import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { loadConfig } from '../../src/config.ts'
import { openRuntime, type Runtime } from '../../src/runtime.ts'
import { createApp } from '../../src/server/app.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import type { Role } from '../../src/domain/access.ts'
import { tempDir } from './temp-dir.ts'

/** The real app on real embedded stores (PGlite + chDB) in a temporary DATA_DIR. */
export async function startTestApp(env: Record<string, string> = {}): Promise<{ app: FastifyInstance; rt: Runtime; close(): Promise<void> }> {
  const tmp = tempDir()
  const rt = await openRuntime(loadConfig({ DATA_DIR: tmp.dir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env }))
  const app = await createApp(rt)
  return {
    app,
    rt,
    async close() {
      await app.close()
      await rt.close()
      tmp.cleanup()
    },
  }
}

export type Session = { cookie: string; csrf: string }

export async function signIn(app: FastifyInstance, email: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  const cookie = res.cookies.find((c) => c.name === 'waymark_session')!
  return { cookie: `waymark_session=${cookie.value}`, csrf: res.json().csrfToken }
}

export async function userWithRole(rt: Runtime, workspace: string, role: Role, email: string, password = 'correct horse battery') {
  await createUserInWorkspace(rt.repos, { email, password, workspace, role })
  return { email, password }
}

export function expectProblem(res: LightMyRequestResponse, status: number) {
  const body = res.json()
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`)
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) throw new Error(`not problem+json: ${res.headers['content-type']}`)
  if (body.status !== status || typeof body.requestId !== 'string' || typeof body.detail !== 'string') throw new Error(`bad problem body: ${res.body}`)
  return body as { status: number; detail: string; requestId: string; errors?: Array<{ path: string; message: string }> }
}
