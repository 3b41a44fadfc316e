import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { AppError, type FieldError } from '../domain/errors.ts'

/** RFC 9457 problem details, with the request id so a user's report can be matched to the log. */
export type Problem = {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  requestId: string
  errors?: FieldError[]
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, status: number, code: string, detail: string, errors?: FieldError[]) {
  const problem: Problem = {
    type: `https://waymark.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: req.url,
    requestId: String(req.id),
    ...(errors?.length ? { errors } : {}),
  }
  return reply.code(status).type('application/problem+json').send(problem)
}

/** The router's refusals name the whole URL; what is wrong with it is said shorter. */
const ROUTER_DETAILS: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is longer than 100 characters (no id or key is that long)',
  FST_ERR_BAD_URL: 'The URL has a path segment that is not valid percent-encoding',
}

/** The one error handler: every failure leaves the server as problem+json. */
export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.hint?.retryAfterSeconds) reply.header('retry-after', String(err.hint.retryAfterSeconds))
    if (err.status >= 500 && err.code !== 'overloaded') req.log.error({ err }, err.message)
    return sendProblem(req, reply, err.status, err.code, err.message, err.errors)
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = err.validation.map((v) => ({
      path: [err.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
      message: v.message ?? 'invalid',
    }))
    const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ')
    return sendProblem(req, reply, 400, 'validation_failed', `Invalid request: ${summary}`, errors)
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema')
    return sendProblem(req, reply, 500, 'internal', 'The server produced an invalid response; this is a bug')
  }
  const status = (err as FastifyError).statusCode
  if (status && status >= 400 && status < 500) {
    const code = (err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : 'bad_request'
    return sendProblem(req, reply, status, code, ROUTER_DETAILS[(err as FastifyError).code] ?? err.message)
  }
  req.log.error({ err }, 'unhandled error')
  return sendProblem(req, reply, 500, 'internal', 'Internal server error')
}
