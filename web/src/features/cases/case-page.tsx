import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { Pending } from '../../ui/states.tsx'
import { usePortfolio } from '../portfolio/portfolio-queries.ts'
import { useCanEdit } from '../shell/session.ts'
import '../portfolio/portfolio.css'

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')

/** One case: the customer (their timeline), why it opened, owner, due time, and closing it with a root cause and an outcome. */
export function CasePage() {
  const { slug = '', caseId = '' } = useParams()
  const canEdit = useCanEdit(slug)
  const queries = useQueryClient()
  const path = { ws: slug, id: caseId }
  const item = useQuery({ queryKey: ['case', slug, caseId], queryFn: () => ok(client.GET('/api/workspaces/{ws}/cases/{id}', { params: { path } })) })
  const members = useQuery({ queryKey: ['members', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/members', { params: { path: { ws: slug } } })) })
  const portfolio = usePortfolio(slug)
  const [f, setF] = useState({ rootCause: '', outcome: '' })
  const refresh = () => Promise.all([queries.invalidateQueries({ queryKey: ['case', slug, caseId] }), queries.invalidateQueries({ queryKey: ['cases', slug] })])
  const assign = useMutation({ mutationFn: (body: { ownerId?: string | null; opportunityId?: string | null }) => ok(client.PATCH('/api/workspaces/{ws}/cases/{id}', { params: { path }, body })), onSuccess: refresh })
  const close = useMutation({ mutationFn: () => ok(client.POST('/api/workspaces/{ws}/cases/{id}/close', { params: { path }, body: f })), onSuccess: refresh })
  return (
    <div className="page decide case-page">
      <p>
        <Link to={`/w/${slug}/cases`}>← Cases</Link>
      </p>
      <Pending query={item} what="Opening the case">
        {(c) => (
          <>
            <div className="page-head">
              <h1>Case: {c.customerId}</h1>
              <span className="badge">{c.status === 'closed' ? 'Closed' : c.overdue ? 'Overdue' : 'Open'}</span>
            </div>
            <section className="card" aria-label="Why this case">
              <p>{c.reason}</p>
              <p className="muted">
                Event at {when(c.eventAt)} · opened {when(c.openedAt)} · due {when(c.dueAt)}
                {c.escalatedAt && ` · escalated ${when(c.escalatedAt)}`}
              </p>
              <p>
                <Link to={`/w/${slug}/customers/${encodeURIComponent(c.customerId)}${c.journeyId ? `?journey=${c.journeyId}` : ''}`}>Open {c.customerId}’s timeline</Link>
              </p>
            </section>
            <section className="card" aria-label="Owner and opportunity">
              <label className="field">
                Owner
                <select value={c.ownerId ?? ''} disabled={!canEdit} onChange={(e) => assign.mutate({ ownerId: e.target.value || null })}>
                  <option value="">Nobody yet</option>
                  {(members.data ?? []).map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name || m.email}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                Evidence for the opportunity
                <select value={c.opportunityId ?? ''} disabled={!canEdit} onChange={(e) => assign.mutate({ opportunityId: e.target.value || null })}>
                  <option value="">None</option>
                  {(portfolio.data?.opportunities ?? []).map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.title}
                    </option>
                  ))}
                </select>
              </label>
            </section>
            {c.status === 'closed' ? (
              <section className="card" aria-label="Outcome">
                <p>
                  <strong>Root cause:</strong> {c.rootCause}
                </p>
                <p>
                  <strong>Outcome:</strong> {c.outcome} (closed {when(c.closedAt)})
                </p>
              </section>
            ) : (
              canEdit && (
                <form
                  className="card"
                  aria-label="Close the case"
                  onSubmit={(e) => {
                    e.preventDefault()
                    close.mutate()
                  }}
                >
                  <h2>Close the case</h2>
                  <label className="field">
                    Root cause
                    <textarea rows={2} value={f.rootCause} onChange={(e) => setF({ ...f, rootCause: e.target.value })} />
                  </label>
                  <label className="field">
                    Outcome
                    <textarea rows={2} value={f.outcome} onChange={(e) => setF({ ...f, outcome: e.target.value })} />
                  </label>
                  {close.error && (
                    <p className="error" role="alert">
                      {close.error.message}
                    </p>
                  )}
                  <div className="form-actions">
                    <button type="submit" disabled={close.isPending}>
                      Close case
                    </button>
                  </div>
                </form>
              )
            )}
          </>
        )}
      </Pending>
    </div>
  )
}
