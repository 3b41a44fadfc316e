import { useState, type FormEvent } from 'react'
import { api, ApiError, type ApiKey, type Workspace } from '../../api.ts'
import { useAsync } from '../../use-async.ts'

export function KeysPanel({ workspace }: { workspace: Workspace }) {
  const base = `/api/workspaces/${workspace.slug}/keys`
  const keys = useAsync(() => api<ApiKey[]>('GET', base), [base])
  const [kind, setKind] = useState<'write' | 'read'>('write')
  const [name, setName] = useState('')
  const [created, setCreated] = useState<(ApiKey & { secret: string }) | null>(null)
  const [error, setError] = useState('')

  const create = async (e: FormEvent) => {
    e.preventDefault()
    setError('')
    try {
      setCreated(await api<ApiKey & { secret: string }>('POST', base, { kind, name: name || `${kind} key` }))
      setName('')
      keys.reload()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    }
  }
  const revoke = async (id: string) => {
    await api('DELETE', `${base}/${id}`)
    keys.reload()
  }

  return (
    <section className="card panel">
      <h2>API keys</h2>
      <p className="muted">Write keys send events into this workspace only; read keys give scripts and BI tools viewer access.</p>
      <form className="row" onSubmit={create}>
        <select aria-label="Key kind" value={kind} onChange={(e) => setKind(e.target.value as 'write' | 'read')}>
          <option value="write">Write key</option>
          <option value="read">Read key</option>
        </select>
        <input aria-label="Key name" placeholder="Name, e.g. website" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit">Create</button>
      </form>
      {error && <p className="error">{error}</p>}
      {created && (
        <div className="secret" role="status">
          <div>
            New {created.kind} key <strong>{created.name}</strong>. Copy it now; it is not shown again:
          </div>
          <code data-testid="new-secret">{created.secret}</code>
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Key</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(keys.data ?? []).map((k) => (
            <tr key={k.id} className={k.revokedAt ? 'revoked' : ''}>
              <td>{k.name}</td>
              <td>
                <span className={`pill pill-${k.kind}`}>{k.kind}</span>
              </td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{k.revokedAt ? 'revoked' : k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace('T', ' ') : 'never'}</td>
              <td>
                {!k.revokedAt && (
                  <button className="ghost danger" onClick={() => revoke(k.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
          {keys.data?.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No keys yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  )
}
