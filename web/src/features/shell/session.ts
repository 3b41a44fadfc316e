import { createContext, useContext } from 'react'
import type { Answer } from '../../api/client.ts'

export type Session = Answer<'/api/auth/session'>
export type WorkspaceWithRole = Session['workspaces'][number]

export const SessionContext = createContext<{ session: Session; signOut: () => void } | null>(null)

export function useSession() {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside the signed-in app')
  return s
}

/** Whether the signed-in user may change things in the workspace (editors and owners). */
export function useCanEdit(slug: string): boolean {
  const { session } = useSession()
  return (session.workspaces.find((w) => w.slug === slug)?.role ?? 'viewer') !== 'viewer'
}
