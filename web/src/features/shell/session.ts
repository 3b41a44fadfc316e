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
