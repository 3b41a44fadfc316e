/** Thin client for the Waymark API: JSON in and out, problem+json errors as ApiError, CSRF header on writes. */
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

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' })
  if (res.status === 204) return undefined as T
  const data = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiError(res.status, data.detail ?? `${res.status} ${res.statusText}`, data.requestId)
  return data as T
}

export type Role = 'viewer' | 'editor' | 'owner'
export type Workspace = { id: string; slug: string; name: string; strictTrackingPlan: boolean; createdAt: string; role: Role }
export type Session = { user: { id: string; email: string; name: string }; workspaces: Workspace[]; csrfToken: string }
export type Stats = { events: number; customers: number; quarantined: number; offPlan: number; firstEventAt: string | null; lastEventAt: string | null }
export type OffPlanEvent = { event: string; channel: string; events: number; customers: number; lastSeenAt: string }
export type ApiKey = { id: string; kind: 'write' | 'read'; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
export type Member = { userId: string; email: string; name: string; role: Role }
