import { useState } from 'react'
import { api, ApiError, type OffPlanEvent, type Workspace } from '../../api.ts'
import { useAsync } from '../../use-async.ts'

/** Strict tracking plan: owners switch it; everyone sees which events arrived that no journey maps. */
export function TrackingPlanPanel({ workspace, onChange }: { workspace: Workspace; onChange: () => void }) {
  const [strict, setStrict] = useState(workspace.strictTrackingPlan)
  const [error, setError] = useState('')
  const offPlan = useAsync(() => api<OffPlanEvent[]>('GET', `/api/workspaces/${workspace.slug}/off-plan-events?limit=20`), [workspace.slug, strict])

  // Shown at once, put back if the server refuses.
  const toggle = async (next: boolean) => {
    setError('')
    setStrict(next)
    try {
      const saved = await api<Workspace>('PATCH', `/api/workspaces/${workspace.slug}`, { strictTrackingPlan: next })
      setStrict(saved.strictTrackingPlan)
      onChange()
    } catch (err) {
      setStrict(!next)
      setError(err instanceof ApiError ? err.message : String(err))
    }
  }

  return (
    <section className="card panel" aria-label="Tracking plan">
      <h2>Tracking plan</h2>
      <p className="muted">The journeys' mapping rules are the plan. When it is strict, events no journey maps are still stored, but flagged here.</p>
      <label className="toggle">
        <input type="checkbox" checked={strict} disabled={workspace.role !== 'owner'} onChange={(e) => toggle(e.target.checked)} />
        Strict tracking plan{workspace.role !== 'owner' && <span className="muted"> (owners can change this)</span>}
      </label>
      {error && <p className="error">{error}</p>}
      {(offPlan.data?.length ?? 0) > 0 && (
        <table>
          <thead>
            <tr>
              <th>Off-plan event</th>
              <th>Channel</th>
              <th>Events</th>
              <th>Customers</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {offPlan.data!.map((r) => (
              <tr key={`${r.event}\u0000${r.channel}`}>
                <td>
                  <code>{r.event}</code>
                </td>
                <td>{r.channel}</td>
                <td>{r.events.toLocaleString('en')}</td>
                <td>{r.customers.toLocaleString('en')}</td>
                <td>{r.lastSeenAt.slice(0, 16)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {strict && offPlan.data?.length === 0 && (
        <p className="muted">No event has arrived outside the plan since it was made strict. Earlier events are not flagged; each journey's tracking plan lists the unmapped ones.</p>
      )}
    </section>
  )
}
