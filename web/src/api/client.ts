import createClient from 'openapi-fetch'
import type { paths } from './schema'

/** An API answer that is not 2xx, with the problem+json detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly requestId?: string,
  ) {
    super(message)
  }
}

let csrfToken = ''
export const setCsrfToken = (token: string) => void (csrfToken = token)

/** The typed client: paths, parameters and answers come from the server's OpenAPI document (schema.d.ts). */
export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })
client.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken)
    return request
  },
})

/** Unwraps an openapi-fetch answer: its data, or an ApiError with the problem's detail. */
export async function ok<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending
  if (response.ok) return data as T
  const problem = (error ?? {}) as { detail?: string; requestId?: string }
  throw new ApiError(response.status, problem.detail ?? `${response.status} ${response.statusText}`, problem.requestId)
}

type Paths = paths
/** The 200 answer of a GET path, e.g. `Answer<'/api/workspaces/{ws}/journeys/{id}/map'>`. */
export type Answer<P extends keyof Paths> = Paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never
