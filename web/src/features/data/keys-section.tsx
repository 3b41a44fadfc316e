import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { client, ok, type Answer } from '../../api/client.ts'
import type { paths } from '../../api/schema'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { Pending } from '../../ui/states.tsx'
import { SdkSnippets } from './sdk-snippets.tsx'

type ApiKey = Answer<'/api/workspaces/{ws}/keys'>[number]
type NewKey = paths['/api/workspaces/{ws}/keys']['post']['responses'][201]['content']['application/json']

/** Sending events: write keys (owners create and revoke them) and the SDK snippets that use them. */
export function KeysSection({ slug, isOwner }: { slug: string; isOwner: boolean }) {
  const [created, setCreated] = useState<NewKey | null>(null)
  return (
    <section className="card data-section" id="send-events" aria-labelledby="send-events-title">
      <h2 id="send-events-title">Send events</h2>
      <p className="muted">
        Any Segment SDK works unchanged: point it at this server with a <strong>write key</strong>. A write key can only send events into this workspace (it is safe in a web page); a read key
        gives scripts and BI tools viewer access.
      </p>
      {isOwner ? <Keys slug={slug} onCreated={setCreated} created={created} /> : <p className="note">Owners of the workspace create and revoke keys. Ask one for a write key.</p>}
      <h3>Snippets</h3>
      <SdkSnippets writeKey={created?.kind === 'write' ? created.secret : undefined} />
    </section>
  )
}

function Keys({ slug, created, onCreated }: { slug: string; created: NewKey | null; onCreated: (k: NewKey) => void }) {
  const queries = useQueryClient()
  const keys = useQuery({ queryKey: ['keys', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/keys', { params: { path: { ws: slug } } })) })
  const [kind, setKind] = useState<ApiKey['kind']>('write')
  const [name, setName] = useState('')
  const [revoking, setRevoking] = useState<ApiKey | null>(null)
  const create = useMutation({
    mutationFn: () => ok(client.POST('/api/workspaces/{ws}/keys', { params: { path: { ws: slug } }, body: { kind, name: name.trim() || `${kind} key` } })),
    onSuccess: (key) => {
      onCreated(key)
      setName('')
      void queries.invalidateQueries({ queryKey: ['keys', slug] })
    },
  })
  const revoke = useMutation({
    mutationFn: (id: string) => ok(client.DELETE('/api/workspaces/{ws}/keys/{keyId}', { params: { path: { ws: slug, keyId: id } } })),
    onSuccess: () => {
      setRevoking(null)
      void queries.invalidateQueries({ queryKey: ['keys', slug] })
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate()
  }
  return (
    <>
      <form className="key-form" onSubmit={submit}>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as ApiKey['kind'])}>
            <option value="write">Write key (send events)</option>
            <option value="read">Read key (viewer access)</option>
            <option value="import">Import key (events and files, server-side)</option>
          </select>
        </label>
        <label className="grow">
          Key name
          <input placeholder="Where it is used, e.g. website" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
      {created && (
        <div className="secret" role="status">
          <div>
            New {created.kind} key <strong>{created.name}</strong>. Copy it now: it is not shown again.
          </div>
          <code data-testid="new-secret">{created.secret}</code>
          {created.kind === 'write' && <div>The snippets below now use it.</div>}
        </div>
      )}
      <Pending query={keys} what="Reading the keys">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No keys yet. Create a write key to connect your first channel.</p>
          ) : (
            <table className="data-table">
              <caption className="sr-only">API keys</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Key</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((k) => (
                  <tr key={k.id} className={k.revokedAt ? 'revoked' : ''}>
                    <td>{k.name}</td>
                    <td>
                      <span className={`pill pill-${k.kind}`}>{k.kind}</span>
                    </td>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td>{k.createdAt.slice(0, 10)}</td>
                    <td>
                      {k.revokedAt ? `revoked ${k.revokedAt.slice(0, 10)}` : k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace('T', ' ') : 'never'}
                      {!k.revokedAt && k.expiresAt && <div className="muted">expires {k.expiresAt.slice(0, 10)}</div>}
                      {k.allowedIps.length > 0 && <div className="muted">from {k.allowedIps.join(', ')}</div>}
                    </td>
                    <td>
                      {!k.revokedAt && (
                        <button className="ghost danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                          Revoke
                        </button>
                      )}
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
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke key"
          danger
          busy={revoke.isPending}
          error={revoke.error?.message}
          onConfirm={() => revoke.mutate(revoking.id)}
          onCancel={() => {
            revoke.reset()
            setRevoking(null)
          }}
        >
          Everything that sends with this {revoking.kind} key (<code>{revoking.prefix}…</code>) is refused from now on. This cannot be undone; create a new key to replace it.
        </ConfirmDialog>
      )}
    </>
  )
}
