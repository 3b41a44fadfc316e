import { z } from 'zod'
import { KEY_KINDS, ROLES } from '../domain/access.ts'
import { SLUG_PATTERN } from '../domain/slug.ts'
import type { ApiKey } from '../storage/metadata/api-key-repository.ts'
import type { User } from '../storage/metadata/user-repository.ts'
import type { Workspace } from '../storage/metadata/workspace-repository.ts'

/** Shared request/response schemas; they also feed the OpenAPI document. */
export const wsParams = z.object({ ws: z.string().min(1).describe('Workspace id or slug') })

/** Period filters of the analyses: ISO dates or date-times, `to` exclusive. */
export const periodQuery = z.object({
  from: z.coerce.date().optional().describe('Start (inclusive), ISO 8601'),
  to: z.coerce.date().optional().describe('End (exclusive), ISO 8601'),
})

export const slugSchema = z.string().regex(SLUG_PATTERN, 'lowercase letters, digits and dashes (e.g. "acme-retail")')
export const roleSchema = z.enum(ROLES)

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() })
export const workspaceSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  strictTrackingPlan: z.boolean().describe('Events that no journey maps are stored flagged as off the plan, and the collector says so'),
  createdAt: z.string(),
})
export const workspaceWithRoleSchema = workspaceSchema.extend({ role: roleSchema })
export const apiKeySchema = z.object({
  id: z.string(),
  kind: z.enum(KEY_KINDS).describe('write: send events (safe in web pages); read: viewer access for scripts; import: send events and files (server-side)'),
  name: z.string(),
  prefix: z.string().describe('First characters of the key, to tell keys apart'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('Recorded at most once a minute'),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable().describe('Refused from then on; null: no expiry'),
  allowedIps: z.array(z.string()).describe('Addresses or CIDR ranges the key works from; empty: anywhere'),
})

export const toUser = (u: User) => ({ id: u.id, email: u.email, name: u.name })
export const toWorkspace = (w: Workspace) => ({ id: w.id, slug: w.slug, name: w.name, strictTrackingPlan: w.strictTrackingPlan, createdAt: w.createdAt.toISOString() })
export const toApiKey = (k: ApiKey) => ({
  id: k.id,
  kind: k.kind,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
  expiresAt: k.expiresAt?.toISOString() ?? null,
  allowedIps: k.allowedIps,
})

/**
 * The body of a PATCH: every field optional and none defaulted (`.partial()` keeps
 * defaults, so a patch naming one field would reset the others to their defaults).
 */
export function patchBody<T extends z.ZodRawShape>(schema: z.ZodObject<T>): ReturnType<z.ZodObject<T>['partial']> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional()]))
  return z.object(shape) as unknown as ReturnType<z.ZodObject<T>['partial']>
}
