import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.ts'

const storeHealth = z.object({ status: z.enum(['ok', 'down']), engine: z.string(), error: z.string().optional() })
const healthSchema = z.object({ status: z.enum(['ok', 'degraded']), metadata: storeHealth, events: storeHealth })

async function check(engine: string, ping: () => Promise<void>): Promise<z.infer<typeof storeHealth>> {
  try {
    await ping()
    return { status: 'ok', engine }
  } catch (err) {
    return { status: 'down', engine, error: err instanceof Error ? err.message.split('\n')[0] : String(err) }
  }
}

export const healthRoutes =
  ({ metadata, events }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health',
      { config: { access: 'public' }, schema: { tags: ['system'], summary: 'Liveness of both stores', response: { 200: healthSchema, 503: healthSchema } } },
      async (_req, reply) => {
        const [m, e] = await Promise.all([check(metadata.engine, () => metadata.ping()), check(events.engine, () => events.ping())])
        const ok = m.status === 'ok' && e.status === 'ok'
        return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', metadata: m, events: e })
      },
    )
  }
