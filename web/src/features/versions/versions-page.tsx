import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { Pending } from '../../ui/states.tsx'
import { useSession } from '../shell/session.ts'
import { diffInWords } from './diff-words.ts'
import { refreshJourney, useJourneyAt } from './journey-queries.ts'
import { VersionOutline } from './version-outline.tsx'
import './versions.css'

type Version = Answer<'/api/workspaces/{ws}/journeys/{id}/versions'>[number]

const when = (iso: string) => new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })

/** The journey's history: every version with who saved it and what changed; compare two, view one, restore one. */
export function VersionsPage() {
  const { slug = '', journeyId = '' } = useParams()
  const versions = useQuery({
    queryKey: ['journey', slug, journeyId, 'versions'],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/versions', { params: { path: { ws: slug, id: journeyId } } })),
    select: (list) => [...list].sort((a, b) => b.version - a.version),
  })
  return (
    <Pending query={versions} what="Reading the journey's versions">
      {(list) => <History key={list[0]?.version} versions={list} />}
    </Pending>
  )
}

function History({ versions }: { versions: Version[] }) {
  const { slug = '', journeyId = '' } = useParams()
  const { session } = useSession()
  const canEdit = session.workspaces.find((w) => w.slug === slug)?.role !== 'viewer'
  const latest = versions[0]?.version ?? 1
  const [from, setFrom] = useState(Math.max(1, latest - 1))
  const [to, setTo] = useState(latest)
  const [viewing, setViewing] = useState<number | null>(null)
  const [restoring, setRestoring] = useState<number | null>(null)
  const queries = useQueryClient()
  const restore = useMutation({
    mutationFn: (v: number) =>
      ok(client.POST('/api/workspaces/{ws}/journeys/{id}/versions/{v}/restore', { params: { path: { ws: slug, id: journeyId, v } }, body: { version: latest } })),
    onSuccess: () => {
      setRestoring(null)
      setViewing(null)
      void refreshJourney(queries, slug, journeyId)
    },
  })
  const compare = (a: number, b: number) => {
    setFrom(a)
    setTo(b)
  }

  return (
    <div className="versions-page">
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">
          {versions.length} version{versions.length === 1 ? '' : 's'}, newest first
        </h2>
        <p className="muted">Every save is kept. Restoring an old version saves it again as the newest one, so nothing is ever lost.</p>
        <table className="versions-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">What changed</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-testid={`version-${v.version}`} className={viewing === v.version ? 'viewing' : undefined}>
                <th scope="row">
                  {v.version}
                  {v.version === latest && <span className="current-tag">current</span>}
                </th>
                <td>{when(v.createdAt)}</td>
                <td>{v.createdBy ?? <span className="muted">an import (no user)</span>}</td>
                <td>{v.summary.charAt(0).toUpperCase() + v.summary.slice(1)}</td>
                <td className="actions">
                  <button className="ghost" aria-pressed={viewing === v.version} onClick={() => setViewing(viewing === v.version ? null : v.version)} aria-label={`View version ${v.version}`}>
                    View
                  </button>
                  {v.version > 1 && (
                    <button className="ghost" onClick={() => compare(v.version - 1, v.version)} aria-label={`Compare version ${v.version} with version ${v.version - 1}`}>
                      Compare with previous
                    </button>
                  )}
                  {canEdit && v.version !== latest && (
                    <button className="ghost" onClick={() => setRestoring(v.version)} aria-label={`Restore version ${v.version}`}>
                      Restore
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!canEdit && <p className="muted">You are a viewer: editors and owners can restore an old version.</p>}
      </section>
      {versions.length > 1 && <Compare versions={versions} from={from} to={to} onChange={compare} />}
      {viewing !== null && <ViewVersion version={viewing} onClose={() => setViewing(null)} />}
      {restoring !== null && (
        <ConfirmDialog
          title={`Restore version ${restoring}?`}
          confirmLabel={`Restore version ${restoring}`}
          busy={restore.isPending}
          error={restore.error?.message}
          onConfirm={() => restore.mutate(restoring)}
          onCancel={() => {
            setRestoring(null)
            restore.reset()
          }}
        >
          The journey’s name, settings, stages and steps go back to how they were in version {restoring}. This is saved as a new version {latest + 1}; version {latest} stays in the
          history and can be restored in turn.
        </ConfirmDialog>
      )}
    </div>
  )
}

function ViewVersion({ version, onClose }: { version: number; onClose: () => void }) {
  const { slug = '', journeyId = '' } = useParams()
  const journey = useJourneyAt(slug, journeyId, version)
  const ref = useRef<HTMLElement>(null)
  // The outline opens below the history and the comparison: bring it into view.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' })
  }, [version])
  return (
    <section className="card" aria-labelledby="view-title" ref={ref}>
      <div className="row">
        <h2 id="view-title">Version {version}, read-only</h2>
        <span className="spacer" />
        <button className="ghost" onClick={onClose} aria-label="Close the version">
          ✕
        </button>
      </div>
      <Pending query={journey} what={`Reading version ${version}`}>
        {(j) => <VersionOutline doc={j.document} />}
      </Pending>
    </section>
  )
}

function Compare({ versions, from, to, onChange }: { versions: Version[]; from: number; to: number; onChange: (from: number, to: number) => void }) {
  const { slug = '', journeyId = '' } = useParams()
  const path = { ws: slug, id: journeyId }
  const diff = useQuery({
    queryKey: ['journey', slug, journeyId, 'diff', from, to],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/diff', { params: { path, query: { from, to } } })),
    staleTime: Infinity,
  })
  const a = useJourneyAt(slug, journeyId, from)
  const b = useJourneyAt(slug, journeyId, to)
  const pick = (label: string, value: number, set: (v: number) => void) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            version {v.version}
          </option>
        ))}
      </select>
    </label>
  )
  const both = { data: diff.data && a.data && b.data ? { diff: diff.data, from: a.data.document, to: b.data.document } : undefined, error: diff.error ?? a.error ?? b.error, isPending: false }
  return (
    <section className="card" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare two versions</h2>
      <div className="compare-pick">
        {pick('From', from, (v) => onChange(v, to))}
        {pick('To', to, (v) => onChange(from, v))}
      </div>
      {from === to ? (
        <p className="muted">Pick two different versions.</p>
      ) : (
        <Pending query={both} what="Comparing the versions">
          {({ diff: d, from: docA, to: docB }) => {
            const lines = diffInWords(d, docA, docB)
            return lines.length === 0 ? (
              <p className="muted">
                Versions {from} and {to} are the same.
              </p>
            ) : (
              <ul className="diff-lines" aria-label={`Changes from version ${from} to version ${to}`}>
                {lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )
          }}
        </Pending>
      )}
    </section>
  )
}
