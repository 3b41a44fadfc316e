import fs from 'node:fs'
import { randomBytes } from 'node:crypto'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { accessGuards, enforceRouteAccess, isApiUrl } from './access.ts'
import { rateLimits } from './rate-limits.ts'
import { securityHeaders } from './security-headers.ts'
import { purgeExpiredSessions } from '../services/sessions.ts'
import type { AppDeps } from './deps.ts'
import { analysisAdmission, workspaceAnalyses } from '../services/analysis-admission.ts'
import { analysisCache } from '../services/analysis-cache.ts'
import { handleError, sendProblem } from './problem.ts'
import { alertRoutes } from './routes/alerts.ts'
import { analyticsRoutes } from './routes/analytics.ts'
import { apiKeyRoutes } from './routes/api-keys.ts'
import { backupRoutes } from './routes/backup.ts'
import { authRoutes } from './routes/auth.ts'
import { caseRoutes } from './routes/cases.ts'
import { collectorRoutes } from './routes/collector.ts'
import { conformanceCustomerRoutes } from './routes/conformance-customers.ts'
import { customerRoutes } from './routes/customers.ts'
import { driverCustomerRoutes } from './routes/driver-customers.ts'
import { eventRoutes } from './routes/events.ts'
import { experimentRoutes } from './routes/experiments.ts'
import { healthRoutes } from './routes/health.ts'
import { importRoutes } from './routes/imports.ts'
import { journeyBriefRoutes } from './routes/journey-brief.ts'
import { journeyRoutes } from './routes/journeys.ts'
import { opportunityRoutes } from './routes/opportunities.ts'
import { personaRoutes } from './routes/personas.ts'
import { rulePreviewRoutes } from './routes/rule-preview.ts'
import { journeyJsonSchema } from '../domain/journey/journey-json-schema.ts'
import { memberRoutes } from './routes/members.ts'
import { invitationRoutes } from './routes/invitations.ts'
import { auditRoutes } from './routes/audit.ts'
import { workspaceRoutes } from './routes/workspaces.ts'

/** Without a configuration (tests that build the app by hand): the defaults of loadConfig's small end. */
const DEFAULT_BUDGET = 1024 * 2 ** 20
const DEFAULT_QUEUE_MS = 15_000

/** Builds the HTTP app without listening, so tests can drive it in-process with `app.inject()`. */
export async function createApp(given: AppDeps): Promise<FastifyInstance> {
  const admission = given.admission ?? workspaceAnalyses(given.events, analysisAdmission({ budgetBytes: given.config.analysis?.memoryBytes ?? DEFAULT_BUDGET, queueMs: given.config.analysis?.queueMs ?? DEFAULT_QUEUE_MS }))
  const deps = { ...given, admission, analyses: given.analyses ?? analysisCache(given.events, admission) }
  // Request ids: a random prefix per process and a counter (cheaper than random bytes per request).
  const idPrefix = `req_${randomBytes(4).toString('hex')}`
  let requests = 0
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    genReqId: () => `${idPrefix}${(++requests).toString(36).padStart(6, '0')}`,
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // Client addresses (rate limits, key allow-lists, the audit log) and HTTPS (cookies, HSTS) from trusted proxies only.
    trustProxy: deps.config.security.trustProxy as boolean | string[],
    // Per-request lines only when debugging; errors are always logged by the error handler.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(deps.config.logLevel) }),
    // The router's own refusals (a path parameter too long, a URL that does not decode) as problem+json too.
    frameworkErrors: (err, req, reply) => handleError(err, req, reply),
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(handleError)
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id)
    done(null, payload)
  })

  const guards = accessGuards(deps)
  const limits = await rateLimits(app, deps.config.security.rateLimits)
  enforceRouteAccess(app, guards, { analytics: limits.analytics })
  purgeExpiredSessions.schedule(app, deps.repos)

  // The collector takes no cookies: registered before the cookie plugin, it runs without its per-request hooks.
  await app.register(collectorRoutes(deps, limits))
  await securityHeaders(app)
  await app.register(fastifyCookie)
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Waymark API', version: '0.1.0', description: 'Journey maps that measure themselves.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'waymark_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'Read key (viewer) or write key (ingestion)' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  })

  await app.register(healthRoutes(deps))
  await app.register(authRoutes(deps, guards, limits))
  await app.register(workspaceRoutes(deps, guards))
  await app.register(backupRoutes(deps, guards))
  await app.register(memberRoutes(deps, guards))
  await app.register(invitationRoutes(deps, guards, limits))
  await app.register(auditRoutes(deps, guards))
  await app.register(apiKeyRoutes(deps, guards))
  await app.register(eventRoutes(deps, guards))
  await app.register(customerRoutes(deps, guards))
  await app.register(importRoutes(deps, guards))
  await app.register(personaRoutes(deps, guards))
  await app.register(journeyRoutes(deps, guards))
  await app.register(analyticsRoutes(deps, guards))
  await app.register(driverCustomerRoutes(deps, guards))
  await app.register(rulePreviewRoutes(deps, guards))
  await app.register(journeyBriefRoutes(deps, guards))
  await app.register(conformanceCustomerRoutes(deps, guards))
  await app.register(opportunityRoutes(deps, guards))
  await app.register(experimentRoutes(deps, guards))
  await app.register(alertRoutes(deps, guards))
  await app.register(caseRoutes(deps, guards))

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger())
  const journeySchema = journeyJsonSchema()
  app.get('/api/schemas/waymark.journey.v1.json', { schema: { hide: true }, config: { access: 'public' } }, async (_req, reply) =>
    reply.type('application/schema+json').send(journeySchema),
  )

  const webRoot = deps.webRoot && fs.existsSync(`${deps.webRoot}/index.html`) ? deps.webRoot : undefined
  if (webRoot) await app.register(fastifyStatic, { root: webRoot, wildcard: false })

  app.setNotFoundHandler((req, reply) => {
    if (isApiUrl(req.url) || req.method !== 'GET') return sendProblem(req, reply, 404, 'not_found', `No route for ${req.method} ${req.url.split('?')[0]}`)
    // Client-side routes of the single-page UI all load index.html.
    if (webRoot) return reply.sendFile('index.html')
    return reply.type('text/html').send(UI_NOT_BUILT)
  })

  return app
}

const UI_NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Waymark</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto">
<h1>Waymark</h1><p>The API is running (<a href="/health">/health</a>, <a href="/api/openapi.json">OpenAPI</a>).
The web UI has not been built: run <code>npm run build:web</code>.</p></body>`
