/**
 * The one error type of the application. Domain and storage code throw it with
 * an HTTP-ish status; the server maps it to RFC 9457 problem+json and the CLI to
 * a one-line message and a non-zero exit code.
 */
export type ProblemCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'store_unavailable'
  | 'overloaded'
  | 'internal'

const STATUS: Record<ProblemCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unsupported_media_type: 415,
  store_unavailable: 503,
  overloaded: 503,
  internal: 500,
}

export type FieldError = { path: string; message: string }

export class AppError extends Error {
  override name = 'AppError'
  readonly status: number

  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly errors?: FieldError[],
    /** When to try again (sent as Retry-After), for refusals that pass. */
    readonly hint?: { retryAfterSeconds?: number },
  ) {
    super(message)
    this.status = STATUS[code]
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`)
