import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, client, ok, setCsrfToken } from './api/client.ts'
import { LoginPage } from './features/auth/login-page.tsx'
import { InvitationPage } from './features/invitations/invitation-page.tsx'
import { SessionContext, type Session } from './features/shell/session.ts'
import { AppRouter } from './routes.tsx'

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: (n, e) => n < 1 && !(e instanceof ApiError && e.status < 500) } } })

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SignedIn />
    </QueryClientProvider>
  )
}

const adopt = (s: Session | null) => {
  setCsrfToken(s?.csrfToken ?? '')
  return s
}

/** The session gate: the sign-in page, or the app with the session every page reads. */
function SignedIn() {
  const queries = useQueryClient()
  const session = useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return adopt(await ok(client.GET('/api/auth/session')))
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return adopt(null)
        throw e
      }
    },
    staleTime: Infinity,
  })
  if (session.error) return <p className="error splash">{session.error.message}</p>
  if (session.data === undefined) return <div className="splash">Loading…</div>
  // An invitation link works signed in or not.
  const invitation = /^\/invitations\/([^/]+)\/?$/.exec(window.location.pathname)?.[1]
  if (invitation) return <InvitationPage token={decodeURIComponent(invitation)} session={session.data} />
  if (session.data === null) return <LoginPage onSignedIn={(s) => queries.setQueryData(['session'], adopt(s))} />
  const signOut = async () => {
    await client.POST('/api/auth/logout').catch(() => {})
    queries.setQueryData(['session'], adopt(null))
    // Nothing of the signed-out user stays cached (the session query's observer stays subscribed, so it is kept).
    queries.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' })
  }
  return (
    <SessionContext.Provider value={{ session: session.data, signOut }}>
      <AppRouter />
    </SessionContext.Provider>
  )
}
