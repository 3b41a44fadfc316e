/**
 * Who may do what in a workspace. The one place where roles meet actions:
 * the HTTP layer asks `can(principal, action)` and nothing else decides access.
 */
export const ROLES = ['viewer', 'editor', 'owner'] as const
export type Role = (typeof ROLES)[number]

/** read: see data; write: change journeys and data; manage: members, keys, settings; ingest: send events. */
export type Action = 'read' | 'write' | 'manage' | 'ingest'

/** The caller, as established by authentication, in the workspace being addressed. */
export type Principal =
  | { kind: 'user'; role: Role | null }
  | { kind: 'read_key' }
  | { kind: 'write_key' }

const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 }
const ACTION_NEEDS: Record<Exclude<Action, 'ingest'>, Role> = { read: 'viewer', write: 'editor', manage: 'owner' }

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed]
}

export function can(principal: Principal, action: Action): boolean {
  switch (principal.kind) {
    case 'write_key':
      return action === 'ingest'
    case 'read_key':
      return action === 'read'
    case 'user':
      if (principal.role === null) return false
      // Editors may also push events through the API (imports, the feedback endpoint).
      if (action === 'ingest') return roleAtLeast(principal.role, 'editor')
      return roleAtLeast(principal.role, ACTION_NEEDS[action])
  }
}
