import type { FastifyInstance, RouteHandlerMethod } from 'fastify'
import type { WorkspaceAnalyses } from '../services/analysis-admission.ts'
import { workspaceOf } from './access.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `cached`: the route answers from the analysis cache, whose computations are admitted there (a hit waits for nothing). */
    admission?: 'cached'
  }
}

/**
 * Every route declared after this call in the plugin runs its handler under the analysis admission (a memory
 * budget per process: see analysisAdmission), and identical GETs that arrive while one is computing share its
 * answer. Call it first in a plugin of workspace-guarded analytics routes.
 */
export function admitAnalyses(app: FastifyInstance, analyses: WorkspaceAnalyses): void {
  const inflight = new Map<string, Promise<unknown>>()
  app.addHook('onRoute', (route) => {
    if (route.config?.admission === 'cached') return
    const handler = route.handler as (...args: Parameters<RouteHandlerMethod>) => Promise<unknown>
    route.handler = function admitted(this: FastifyInstance, req, reply) {
      const ws = workspaceOf(req)
      const key = req.method === 'GET' ? `${ws.id} ${req.url}` : undefined
      const shared = key === undefined ? undefined : inflight.get(key)
      if (shared) return shared
      const answer = analyses.run(ws.id, () => handler.call(this, req, reply))
      if (key !== undefined) {
        inflight.set(key, answer)
        void answer.then(
          () => inflight.delete(key),
          () => inflight.delete(key),
        )
      }
      return answer
    }
  })
}
