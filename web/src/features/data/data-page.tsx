import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import { num } from '../../ui/format.ts'
import { ErrorState } from '../../ui/states.tsx'
import { useSession } from '../shell/session.ts'
import { BackupSection } from './backup-section.tsx'
import { FileImport } from './file-import.tsx'
import { KeysSection } from './keys-section.tsx'
import { QuarantineSection } from './quarantine-section.tsx'
import { TrackingCoverage } from './tracking-coverage.tsx'
import './data.css'

type Stats = Answer<'/api/workspaces/{ws}/stats'>

/** What the workspace holds and how data gets in: figures, keys and SDK snippets, file import, quarantine and tracking-plan coverage. */
export function DataPage() {
  const { slug = '' } = useParams()
  const { session } = useSession()
  const workspace = session.workspaces.find((w) => w.slug === slug)!
  const stats = useQuery({ queryKey: ['stats', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/stats', { params: { path: { ws: slug } } })) })
  const isOwner = workspace.role === 'owner'
  return (
    <div className="page data-page">
      <div className="page-head">
        <h1>Data</h1>
        <span className="muted">{workspace.name}</span>
      </div>
      <nav className="section-links" aria-label="Sections of this page">
        <a href="#send-events">Send events</a>
        <a href="#import">Import a file</a>
        <a href="#quarantine">Quarantine</a>
        <a href="#tracking-plan">Tracking plan</a>
        {isOwner && <a href="#backup">Backup</a>}
      </nav>
      {stats.error ? <ErrorState error={stats.error} /> : <Figures slug={slug} stats={stats.data} />}
      {stats.data?.events === 0 && (
        <section className="card onboarding" aria-label="Getting started">
          <h2>Connect your first channel</h2>
          <ol>
            <li>{isOwner ? 'Create a write key below' : 'Ask an owner for a write key'}, and paste one of the snippets into your website or server: events arrive as customers act.</li>
            <li>Or import a file of past events (CSV, JSON lines, XES) exported from your CRM, shop or contact centre.</li>
            <li>
              Then open the <Link to={`/w/${slug}/journeys`}>journeys</Link>: each touchpoint is measured from its events.
            </li>
          </ol>
        </section>
      )}
      <KeysSection slug={slug} isOwner={isOwner} />
      <FileImport slug={slug} csrfToken={session.csrfToken} canImport={workspace.role !== 'viewer'} onImported={() => void stats.refetch()} />
      <QuarantineSection slug={slug} />
      <TrackingCoverage slug={slug} isOwner={isOwner} />
      {isOwner && <BackupSection slug={slug} />}
    </div>
  )
}

function Figures({ slug, stats: s }: { slug: string; stats: Stats | undefined }) {
  const value = (n: number | undefined) => (n === undefined ? '…' : num(n))
  const period = s ? (s.firstEventAt ? `${s.firstEventAt.slice(0, 10)} → ${s.lastEventAt!.slice(0, 10)}` : 'no data yet') : '…'
  return (
    <section className="data-figures" aria-label="Workspace statistics" aria-busy={!s}>
      <Figure label="Events">{value(s?.events)}</Figure>
      <Figure label="Customers">{s ? <Link to={`/w/${slug}/customers`}>{num(s.customers)}</Link> : '…'}</Figure>
      <Figure label="Quarantined" tone={s?.quarantined ? 'warn' : undefined}>
        {s?.quarantined ? <a href="#quarantine">{num(s.quarantined)}</a> : value(s?.quarantined)}
      </Figure>
      <Figure label="Off plan" tone={s?.offPlan ? 'warn' : undefined}>
        {s?.offPlan ? <a href="#tracking-plan">{num(s.offPlan)}</a> : value(s?.offPlan)}
      </Figure>
      <Figure label="Period" small>
        {period}
      </Figure>
    </section>
  )
}

function Figure({ label, tone, small, children }: { label: string; tone?: 'warn'; small?: boolean; children: ReactNode }) {
  return (
    <div className={`figure ${tone ?? ''}`}>
      <div className="figure-label">{label}</div>
      <div className={small ? 'figure-value small' : 'figure-value'}>{children}</div>
    </div>
  )
}
