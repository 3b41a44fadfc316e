import { useEffect, useState } from 'react'
import { api, ApiError, setCsrfToken, type Session } from './api.ts'
import { LoginPage } from './features/auth/login-page.tsx'
import { WorkspacePage } from './features/workspace/workspace-page.tsx'

/** Workspace pages live at /w/:slug; everything else lands on the first workspace. */
function slugFromPath(): string | undefined {
  return /^\/w\/([^/]+)/.exec(window.location.pathname)?.[1]
}

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined)
  const [slug, setSlug] = useState(slugFromPath())

  const adopt = (s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? '')
    setSession(s)
  }

  useEffect(() => {
    api<Session>('GET', '/api/auth/session').then(adopt, (e: ApiError) => (e.status === 401 ? adopt(null) : setSession(null)))
    const onPop = () => setSlug(slugFromPath())
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])

  if (session === undefined) return <div className="splash">Loading…</div>
  if (session === null) return <LoginPage onSignedIn={adopt} />

  const current = session.workspaces.find((w) => w.slug === slug) ?? session.workspaces[0]
  const go = (to: string) => {
    window.history.pushState(null, '', `/w/${to}`)
    setSlug(to)
  }
  const signOut = async () => {
    await api('POST', '/api/auth/logout').catch(() => {})
    adopt(null)
  }

  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          Waymark
        </a>
        {session.workspaces.length > 0 && (
          <select aria-label="Workspace" value={current?.slug} onChange={(e) => go(e.target.value)}>
            {session.workspaces.map((w) => (
              <option key={w.id} value={w.slug}>
                {w.name}
              </option>
            ))}
          </select>
        )}
        <span className="spacer" />
        <span className="who">{session.user.email}</span>
        <button className="ghost" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        {current ? (
          <WorkspacePage key={current.id} workspace={current} />
        ) : (
          <p className="empty">You are not a member of any workspace yet. Ask an owner to add you.</p>
        )}
      </main>
    </div>
  )
}
