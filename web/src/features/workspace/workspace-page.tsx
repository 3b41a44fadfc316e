import { api, type Stats, type Workspace } from '../../api.ts'
import { useAsync } from '../../use-async.ts'
import { KeysPanel } from '../keys/keys-panel.tsx'
import { MembersPanel } from '../members/members-panel.tsx'
import { TrackingPlanPanel } from '../tracking/tracking-plan-panel.tsx'

const fmt = (n: number) => n.toLocaleString('en')
const day = (ts: string | null) => (ts ? ts.slice(0, 10) : '—')

export function WorkspacePage({ workspace }: { workspace: Workspace }) {
  const stats = useAsync(() => api<Stats>('GET', `/api/workspaces/${workspace.slug}/stats`), [workspace.slug])
  const s = stats.data

  return (
    <div className="page">
      <div className="page-head">
        <h1>{workspace.name}</h1>
        <span className={`role role-${workspace.role}`}>{workspace.role}</span>
      </div>
      {stats.error && <p className="error">{stats.error.message}</p>}
      <section className="stats" aria-label="Workspace statistics">
        <Stat label="Events" value={s ? fmt(s.events) : '…'} />
        <Stat label="Customers" value={s ? fmt(s.customers) : '…'} />
        <Stat label="Quarantined" value={s ? fmt(s.quarantined) : '…'} tone={s && s.quarantined > 0 ? 'warn' : undefined} />
        {s && s.offPlan > 0 && <Stat label="Off plan" value={fmt(s.offPlan)} tone="warn" />}
        <Stat label="Period" value={s ? (s.firstEventAt ? `${day(s.firstEventAt)} → ${day(s.lastEventAt)}` : 'no data yet') : '…'} small />
      </section>
      {s && s.events === 0 && (
        <section className="card onboarding">
          <h2>Connect your first channel</h2>
          <p>
            Create a <strong>write key</strong> below, then send events to <code>POST /api/workspaces/{workspace.slug}/events</code> with{' '}
            <code>Authorization: Bearer &lt;key&gt;</code>. The full API is described at <a href="/api/openapi.json">/api/openapi.json</a>.
          </p>
        </section>
      )}
      <div className="columns">
        {workspace.role === 'owner' && <KeysPanel workspace={workspace} />}
        <MembersPanel workspace={workspace} />
      </div>
      <TrackingPlanPanel workspace={workspace} onChange={stats.reload} />
    </div>
  )
}

function Stat({ label, value, tone, small }: { label: string; value: string; tone?: 'warn'; small?: boolean }) {
  return (
    <div className={`card stat ${tone ?? ''}`}>
      <div className="stat-label">{label}</div>
      <div className={small ? 'stat-value small' : 'stat-value'}>{value}</div>
    </div>
  )
}
