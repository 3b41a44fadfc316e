/**
 * Who may do what in a workspace. The one place where roles meet actions:
 * the HTTP layer asks `can(principal, action)` and nothing else decides access.
 */
export const ROLES = ['viewer', 'editor', 'owner'] as const
export type Role = (typeof ROLES)[number]

/**
 * read: see data; write: change journeys and data; manage: members, keys, settings, erasure;
 * ingest: send events (collector, events API); import: upload event files.
 */
export const ACTIONS = ['read', 'write', 'manage', 'ingest', 'import'] as const
export type Action = (typeof ACTIONS)[number]

/** API key kinds: write keys are public by design (browsers embed them), so they may only send events. */
export const KEY_KINDS = ['write', 'read', 'import'] as const
export type KeyKind = (typeof KEY_KINDS)[number]

/** The caller, as established by authentication, in the workspace being addressed. */
export type Principal = { kind: 'user'; role: Role | null } | { kind: 'read_key' } | { kind: 'write_key' } | { kind: 'import_key' }

const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 }
const ACTION_NEEDS: Record<Action, Role> = { read: 'viewer', write: 'editor', manage: 'owner', ingest: 'editor', import: 'editor' }
const KEY_MAY: Record<Exclude<Principal['kind'], 'user'>, readonly Action[]> = {
  read_key: ['read'],
  write_key: ['ingest'],
  // A server-side key for scripts that load files: never embedded in a page.
  import_key: ['ingest', 'import'],
}

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed]
}

export function can(principal: Principal, action: Action): boolean {
  if (principal.kind !== 'user') return KEY_MAY[principal.kind].includes(action)
  return principal.role !== null && roleAtLeast(principal.role, ACTION_NEEDS[action])
}

/** The principal an API key of this kind acts as. */
export const keyPrincipal = (kind: KeyKind): Exclude<Principal, { kind: 'user' }> => ({ kind: `${kind}_key` })
