import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { Pending } from '../../ui/states.tsx'
import { useSession } from '../shell/session.ts'
import './members.css'

type Member = Answer<'/api/workspaces/{ws}/members'>[number]
type Role = Member['role']

const ROLES: Record<Role, string> = {
  viewer: 'sees journeys, analyses and customers',
  editor: 'also edits journeys and imports data',
  owner: 'also manages members, keys and settings',
}

/** A change waiting for confirmation: a new role, or removal. */
type Change = { member: Member; role: Role } | { member: Member; remove: true }

/** Who is in the workspace with which role; owners add people by email, change roles and remove members. */
export function MembersPage() {
  const { slug = '' } = useParams()
  const { session } = useSession()
  const workspace = session.workspaces.find((w) => w.slug === slug)!
  const isOwner = workspace.role === 'owner'
  const queries = useQueryClient()
  const members = useQuery({ queryKey: ['members', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/members', { params: { path: { ws: slug } } })) })
  const [confirming, setConfirming] = useState<Change | null>(null)

  const save = useMutation({
    mutationFn: (change: Change) =>
      'remove' in change
        ? ok(client.DELETE('/api/workspaces/{ws}/members/{userId}', { params: { path: { ws: slug, userId: change.member.userId } } }))
        : ok(client.PUT('/api/workspaces/{ws}/members/{userId}', { params: { path: { ws: slug, userId: change.member.userId } }, body: { role: change.role } })),
    onSuccess: (_answer, change) => {
      setConfirming(null)
      void queries.invalidateQueries({ queryKey: ['members', slug] })
      // Changing one's own role changes what the session may do.
      if (change.member.userId === session.user.id) void queries.invalidateQueries({ queryKey: ['session'] })
    },
  })

  return (
    <div className="page members-page">
      <div className="page-head">
        <h1>Members</h1>
        <span className="muted">{workspace.name}</span>
      </div>
      <dl className="role-legend" aria-label="What each role may do">
        {(Object.keys(ROLES) as Role[]).map((r) => (
          <div key={r}>
            <dt>
              <span className={`role role-${r}`}>{r}</span>
            </dt>
            <dd>{ROLES[r]}</dd>
          </div>
        ))}
      </dl>
      {isOwner && <InviteMember slug={slug} />}
      {isOwner && <PendingInvitations slug={slug} />}
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">People in {workspace.name}</h2>
        {!isOwner && <p className="muted">Owners add members and change roles. You are {article(workspace.role)} {workspace.role}.</p>}
        <Pending query={members} what="Reading the members">
          {(list) => (
            <table className="members-table">
              <caption className="sr-only">Members and their roles</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  {isOwner && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((m) => {
                  const who = m.name || m.email
                  const me = m.userId === session.user.id
                  return (
                    <tr key={m.userId}>
                      <td>
                        {who}
                        {me && <span className="muted"> (you)</span>}
                      </td>
                      <td>{m.email}</td>
                      <td>
                        {isOwner ? (
                          <select aria-label={`Role of ${who}`} value={m.role} onChange={(e) => setConfirming({ member: m, role: e.target.value as Role })}>
                            {(Object.keys(ROLES) as Role[]).map((r) => (
                              <option key={r} value={r}>
                                {r}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <span className={`role role-${m.role}`}>{m.role}</span>
                        )}
                      </td>
                      {isOwner && (
                        <td className="actions">
                          <button className="ghost danger" onClick={() => setConfirming({ member: m, remove: true })} aria-label={`Remove ${who}`}>
                            Remove
                          </button>
                        </td>
                      )}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          )}
        </Pending>
      </section>
      {isOwner && <SecurityLog slug={slug} />}
      {confirming && (
        <ConfirmDialog
          {...dialogText(confirming, session.user.id, workspace.name)}
          busy={save.isPending}
          error={save.error?.message}
          onConfirm={() => save.mutate(confirming)}
          onCancel={() => {
            save.reset()
            setConfirming(null)
          }}
        />
      )}
    </div>
  )
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a')

function dialogText(change: Change, me: string, workspace: string) {
  const who = change.member.name || change.member.email
  const self = change.member.userId === me
  if ('remove' in change) {
    return {
      title: self ? `Leave ${workspace}?` : `Remove ${who}?`,
      confirmLabel: self ? 'Leave the workspace' : 'Remove member',
      danger: true,
      children: self
        ? 'You lose access to this workspace at once; another owner can add you again.'
        : `${who} loses access to ${workspace} at once. Their account stays; you can add them again later.`,
    }
  }
  const down = change.role !== 'owner' && change.member.role === 'owner'
  return {
    title: `Make ${who} ${article(change.role)} ${change.role}?`,
    confirmLabel: `Make ${change.role}`,
    danger: down,
    children: `${who} goes from ${change.member.role} to ${change.role}: ${ROLES[change.role]}.${self && down ? ' You will no longer manage this workspace.' : ''}`,
  }
}

/** Owners invite people by email; they join once they accept the link (nothing here tells whether the email has an account). */
function InviteMember({ slug }: { slug: string }) {
  const queries = useQueryClient()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('viewer')
  const [copied, setCopied] = useState(false)
  const invite = useMutation({
    mutationFn: () => ok(client.POST('/api/workspaces/{ws}/invitations', { params: { path: { ws: slug } }, body: { email: email.trim(), role } })),
    onSuccess: () => {
      setEmail('')
      setCopied(false)
      void queries.invalidateQueries({ queryKey: ['invitations', slug] })
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    invite.mutate()
  }
  const link = invite.data ? `${window.location.origin}/invitations/${invite.data.token}` : ''
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form className="add-member" onSubmit={submit}>
        <label className="grow">
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="colleague@example.com" autoComplete="off" />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {(Object.keys(ROLES) as Role[]).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={invite.isPending}>
          {invite.isPending ? 'Inviting…' : 'Create invitation'}
        </button>
      </form>
      {invite.error && (
        <p className="error" role="alert">
          {invite.error.message}
        </p>
      )}
      {invite.data && (
        <div className="secret" role="status" aria-label="Invitation link">
          <div>
            Invitation for <strong>{invite.data.invitation.email}</strong> as {invite.data.invitation.role}. Send them this link; it works once, for 7 days, and is not shown again:
          </div>
          <code data-testid="invitation-link">{link}</code>
          <button type="button" className="ghost" onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}>
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
      )}
      <p className="muted">
        They become a member only when they accept: signed in with this email, or by creating their account from the link. Until then they see nothing of this workspace.
      </p>
    </section>
  )
}

type PendingInvitation = Answer<'/api/workspaces/{ws}/invitations'>[number]

function PendingInvitations({ slug }: { slug: string }) {
  const queries = useQueryClient()
  const list = useQuery({ queryKey: ['invitations', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/invitations', { params: { path: { ws: slug } } })) })
  const [revoking, setRevoking] = useState<PendingInvitation | null>(null)
  const revoke = useMutation({
    mutationFn: (id: string) => ok(client.DELETE('/api/workspaces/{ws}/invitations/{id}', { params: { path: { ws: slug, id } } })),
    onSuccess: () => {
      setRevoking(null)
      void queries.invalidateQueries({ queryKey: ['invitations', slug] })
    },
  })
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title">Pending invitations</h2>
      <Pending query={list} what="Reading the invitations">
        {(items) =>
          items.length === 0 ? (
            <p className="muted">No invitation is waiting. Invite someone above; they appear here until they accept.</p>
          ) : (
            <table className="members-table">
              <caption className="sr-only">Invitations not yet accepted</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Invited by</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>
                      <span className={`role role-${i.role}`}>{i.role}</span>
                    </td>
                    <td>{i.invitedBy}</td>
                    <td>{i.expiresAt.slice(0, 16).replace('T', ' ')}</td>
                    <td className="actions">
                      <button className="ghost danger" onClick={() => setRevoking(i)} aria-label={`Revoke the invitation of ${i.email}`}>
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Pending>
      {revoking && (
        <ConfirmDialog
          title={`Revoke the invitation of ${revoking.email}?`}
          confirmLabel="Revoke invitation"
          danger
          busy={revoke.isPending}
          error={revoke.error?.message}
          onConfirm={() => revoke.mutate(revoking.id)}
          onCancel={() => {
            revoke.reset()
            setRevoking(null)
          }}
        >
          The link stops working at once. You can invite {revoking.email} again later.
        </ConfirmDialog>
      )}
    </section>
  )
}

type AuditEntry = Answer<'/api/workspaces/{ws}/audit'>['entries'][number]

const ACTION_WORDS: Record<AuditEntry['action'], string> = {
  'sign_in.succeeded': 'signed in',
  'sign_in.failed': 'failed to sign in',
  'sign_out.everywhere': 'signed out everywhere',
  'password.changed': 'changed their password',
  'workspace.created': 'created the workspace',
  'workspace.updated': 'changed the workspace settings',
  'key.created': 'created a key',
  'key.revoked': 'revoked a key',
  'member.invited': 'invited',
  'invitation.revoked': 'revoked the invitation of',
  'invitation.accepted': 'accepted the invitation',
  'member.role_changed': 'changed a role',
  'member.removed': 'removed a member',
  'customer.erased': 'erased a customer',
}

/** What an entry is about, in words: the key, the email, the roles, the erased ids. */
function entryDetail(e: AuditEntry): string {
  const d = e.details as Record<string, unknown>
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  switch (e.action) {
    case 'key.created':
    case 'key.revoked':
      return `${text(d.kind)} key “${text(d.name)}” (${text(d.prefix)}…)`
    case 'member.invited':
      return `${text(d.email)} as ${text(d.role)}`
    case 'invitation.revoked':
      return text(d.email)
    case 'member.role_changed':
      return `${text(d.email)}: ${text(d.from)} → ${text(d.to)}`
    case 'customer.erased':
      return `${e.target} (ids ${Array.isArray(d.ids) ? d.ids.join(', ') : ''}; ${String(d.events ?? 0)} events)`
    case 'workspace.updated':
      return Object.entries(d)
        .map(([k, v]) => `${k} = ${String(v)}`)
        .join(', ')
    default:
      return ''
  }
}

/** Owners: who did what with the workspace's access and data (sign-ins, keys, members, settings, erasures). */
function SecurityLog({ slug }: { slug: string }) {
  const log = useQuery({ queryKey: ['audit', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/audit', { params: { path: { ws: slug }, query: { limit: 50 } } })) })
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Security log</h2>
      <p className="muted">Sign-ins of members, keys, invitations, roles, settings and erasures, newest first (owners only).</p>
      <Pending query={log} what="Reading the security log">
        {({ entries, total }) =>
          entries.length === 0 ? (
            <p className="muted">Nothing recorded yet.</p>
          ) : (
            <table className="members-table audit-table">
              <caption className="sr-only">
                Security log: the latest {entries.length} of {total} entries
              </caption>
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className={e.action === 'sign_in.failed' ? 'audit-failed' : ''}>
                    <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
                    <td>{e.actor}</td>
                    <td>
                      {ACTION_WORDS[e.action]} {entryDetail(e)}
                    </td>
                    <td>{e.ip}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Pending>
    </section>
  )
}
