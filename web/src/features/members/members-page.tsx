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
        : ok(client.PUT('/api/workspaces/{ws}/members', { params: { path: { ws: slug } }, body: { email: change.member.email, role: change.role } })),
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
      {isOwner && <AddMember slug={slug} />}
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

/** Owners add an existing account by email (invitations by email come with account security). */
function AddMember({ slug }: { slug: string }) {
  const queries = useQueryClient()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('viewer')
  const add = useMutation({
    mutationFn: () => ok(client.PUT('/api/workspaces/{ws}/members', { params: { path: { ws: slug } }, body: { email: email.trim(), role } })),
    onSuccess: () => {
      setEmail('')
      void queries.invalidateQueries({ queryKey: ['members', slug] })
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    add.mutate()
  }
  return (
    <section className="card" aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add a member</h2>
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
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add member'}
        </button>
      </form>
      {add.error && (
        <p className="error" role="alert">
          {add.error.message}
        </p>
      )}
      {add.isSuccess && (
        <p className="ok-note" role="status">
          {add.data.name || add.data.email} is now {article(add.data.role)} {add.data.role}.
        </p>
      )}
      <p className="muted">
        Note: this adds a person who already has a Waymark account (an administrator creates it with <code>waymark user create</code>). Email invitations that a new person accepts are not
        available yet; they come with the account-security work.
      </p>
    </section>
  )
}
