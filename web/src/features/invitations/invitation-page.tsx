import { useMutation, useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { ApiError, client, ok, setCsrfToken, type Answer } from '../../api/client.ts'
import { ErrorState, Loading } from '../../ui/states.tsx'
import type { Session } from '../shell/session.ts'
import './invitation.css'

type Invitation = Answer<'/api/invitations/{token}'>

/** Where a workspace opens once joined (a full load: the session now has the workspace). */
const openWorkspace = (slug: string) => window.location.assign(`/w/${slug}`)

/**
 * `/invitations/:token`: what the invitation offers, and the two ways to take it —
 * signed in with the invited email, or by creating an account with it.
 */
export function InvitationPage({ token, session }: { token: string; session: Session | null }) {
  const invitation = useQuery({ queryKey: ['invitation', token], queryFn: () => ok(client.GET('/api/invitations/{token}', { params: { path: { token } } })), retry: false })
  return (
    <div className="login invitation-page">
      <div className="card login-card invitation-card">
        <div className="brand big">
          <img src="/favicon.svg" alt="" width={36} height={36} />
          Waymark
        </div>
        {invitation.isPending ? (
          <Loading what="Reading the invitation" />
        ) : invitation.error ? (
          invitation.error instanceof ApiError && invitation.error.status === 404 ? (
            <>
              <h1>This invitation cannot be used</h1>
              <p role="alert">{invitation.error.message}</p>
              <p>
                <a href="/">Go to the start page</a>
              </p>
            </>
          ) : (
            <ErrorState error={invitation.error} />
          )
        ) : (
          <Offer invitation={invitation.data} token={token} session={session} />
        )}
      </div>
    </div>
  )
}

function Offer({ invitation, token, session }: { invitation: Invitation; token: string; session: Session | null }) {
  const same = session && session.user.email.toLowerCase() === invitation.email.toLowerCase()
  return (
    <>
      <h1>Join {invitation.workspace.name}</h1>
      <p className="invitation-summary">
        {invitation.invitedBy || 'An owner'} invited <strong>{invitation.email}</strong> to the workspace <strong>{invitation.workspace.name}</strong> as{' '}
        <span className={`role role-${invitation.role}`}>{invitation.role}</span>. The invitation is valid until {invitation.expiresAt.slice(0, 16).replace('T', ' ')} UTC.
      </p>
      {same ? (
        <Accept token={token} workspace={invitation.workspace.slug} csrf={session.csrfToken} />
      ) : session ? (
        <p role="alert" className="error">
          You are signed in as {session.user.email}; this invitation is for {invitation.email}. Sign out first (in the workspace&apos;s menu), then open this link again.
        </p>
      ) : (
        <div className="invitation-choices">
          <SignInAndAccept token={token} invitation={invitation} />
          <Register token={token} invitation={invitation} />
        </div>
      )}
    </>
  )
}

function Accept({ token, workspace, csrf }: { token: string; workspace: string; csrf: string }) {
  const accept = useMutation({
    mutationFn: () => {
      setCsrfToken(csrf)
      return ok(client.POST('/api/invitations/{token}/accept', { params: { path: { token } } }))
    },
    onSuccess: () => openWorkspace(workspace),
  })
  return (
    <>
      <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
        {accept.isPending ? 'Joining…' : 'Accept and open the workspace'}
      </button>
      {accept.error && (
        <p className="error" role="alert">
          {accept.error.message}
        </p>
      )}
    </>
  )
}

/** Has an account: sign in with it, then accept. */
function SignInAndAccept({ token, invitation }: { token: string; invitation: Invitation }) {
  const [password, setPassword] = useState('')
  const go = useMutation({
    mutationFn: async () => {
      const s = await ok(client.POST('/api/auth/login', { body: { email: invitation.email, password } }))
      setCsrfToken(s.csrfToken)
      return ok(client.POST('/api/invitations/{token}/accept', { params: { path: { token } } }))
    },
    onSuccess: () => openWorkspace(invitation.workspace.slug),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    go.mutate()
  }
  return (
    <form onSubmit={submit} aria-labelledby="have-account">
      <h2 id="have-account">I have a Waymark account</h2>
      <label>
        Email
        <input type="email" value={invitation.email} readOnly autoComplete="username" />
      </label>
      <label>
        Password
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {go.error && (
        <p className="error" role="alert">
          {go.error.message}
        </p>
      )}
      <button type="submit" disabled={go.isPending}>
        {go.isPending ? 'Signing in…' : 'Sign in and accept'}
      </button>
    </form>
  )
}

/** New to Waymark: an account with the invited email, then straight into the workspace. */
function Register({ token, invitation }: { token: string; invitation: Invitation }) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const go = useMutation({
    mutationFn: () => ok(client.POST('/api/invitations/{token}/register', { params: { path: { token } }, body: { name, password } })),
    onSuccess: () => openWorkspace(invitation.workspace.slug),
  })
  const mismatch = again !== '' && again !== password
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!mismatch) go.mutate()
  }
  return (
    <form onSubmit={submit} aria-labelledby="new-account">
      <h2 id="new-account">I am new to Waymark</h2>
      <label>
        Your name
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={200} />
      </label>
      <label>
        Choose a password (at least 8 characters)
        <input type="password" autoComplete="new-password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <label>
        The password again
        <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required aria-invalid={mismatch} />
      </label>
      {mismatch && <p className="error">The two passwords differ.</p>}
      {go.error && (
        <p className="error" role="alert">
          {go.error.message}
        </p>
      )}
      <button type="submit" disabled={go.isPending || mismatch}>
        {go.isPending ? 'Creating…' : 'Create my account and join'}
      </button>
    </form>
  )
}
