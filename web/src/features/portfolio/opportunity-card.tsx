import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { money, num, segmentLabel } from '../../ui/format.ts'
import { CustomersBehind, METRIC } from '../journey/step-panel.tsx'
import { DeclineDialog } from './decline-dialog.tsx'
import { CATEGORY_LABEL, FIT_LABEL, STATUS_LABEL, usePortfolioChange, type Opportunity } from './portfolio-queries.ts'
import { Solutions } from './solutions.tsx'

const filterQuery = (f: { from?: string; to?: string; channel?: string[]; valueTiers?: string[]; traits?: Record<string, string[]> }) =>
  Object.fromEntries(
    Object.entries({ from: f.from, to: f.to, channel: f.channel?.join(','), valueTiers: f.valueTiers?.join(','), ...Object.fromEntries(Object.entries(f.traits ?? {}).map(([k, v]) => [`trait.${k}`, v.join(',')])) }).filter(
      ([, v]) => v,
    ),
  ) as Record<string, string>

/** One opportunity: rank, score and why, its figures (the customers behind them), and — for editors — scores, status, pin and decline. */
export function OpportunityCard({ o, canEdit, pinnedCount }: { o: Opportunity; canEdit: boolean; pinnedCount: number }) {
  const { slug = '' } = useParams()
  const [declining, setDeclining] = useState(false)
  const [showCustomers, setShowCustomers] = useState(false)
  const [scores, setScores] = useState({ confidence: String(o.confidence), effort: String(o.effort) })
  const path = { ws: slug, id: o.id }
  const patch = usePortfolioChange(slug, (body: Record<string, unknown>) => ok(client.PATCH('/api/workspaces/{ws}/opportunities/{id}', { params: { path }, body })))
  const pin = usePortfolioChange(slug, (position: number | null) => ok(client.PUT('/api/workspaces/{ws}/opportunities/{id}/pin', { params: { path }, body: { position } })))
  const decline = usePortfolioChange(slug, (b: { reason: string; revisitAt: string | null }) => ok(client.POST('/api/workspaces/{ws}/opportunities/{id}/decline', { params: { path }, body: b })))
  const src = o.source
  const step = o.steps[0]
  return (
    <article className={`card opportunity ${o.status === 'declined' ? 'declined' : ''}`} id={o.id} aria-label={o.title} data-testid="opportunity">
      <header className="opportunity-head">
        {o.rank !== null && <span className="rank" aria-label={`Rank ${o.rank}`}>#{o.rank}</span>}
        <h3>{o.title}</h3>
        <span className={`badge cat-${o.category}`}>{CATEGORY_LABEL[o.category]}</span>
        <span className="badge">{STATUS_LABEL[o.status]}</span>
        {o.pinnedRank !== null && <span className="badge pinned">Pinned</span>}
        {o.resurfaced && <span className="badge warn">{o.resurfaced === 'red_point_worse' ? 'Back: its red point got worse' : 'Back: revisit date reached'}</span>}
      </header>
      <dl className="opportunity-figures">
        <div>
          <dt>Score</dt>
          <dd data-testid="score">{o.score.toFixed(2)}</dd>
        </div>
        <div>
          <dt>Value at risk{src.kind === 'red_point' ? ' (live)' : ''}</dt>
          <dd>{money(o.valueAtRisk)}</dd>
        </div>
        <div>
          <dt>Customers affected</dt>
          <dd>
            {src.kind === 'red_point' && o.customersAffected > 0 ? (
              <button className="link" aria-expanded={showCustomers} onClick={() => setShowCustomers(!showCustomers)} aria-label={`${num(o.customersAffected)} customers affected: show them`}>
                {num(o.customersAffected)}
              </button>
            ) : (
              num(o.customersAffected)
            )}
          </dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>{Math.round(o.confidence * 100)}%</dd>
        </div>
        <div>
          <dt>Effort</dt>
          <dd>{o.effort} wk</dd>
        </div>
        <div>
          <dt>Promise</dt>
          <dd>{FIT_LABEL[o.promiseFit]}</dd>
        </div>
      </dl>
      {o.steps.length > 0 && (
        <p className="muted">
          {o.steps.map((s) => (
            <span key={`${s.journeyId}:${s.step}`} className="step-ref">
              <Link to={`/w/${slug}/journeys/${s.journeyId}/map`}>{s.stepName}</Link> · {s.stageName || 'no stage'}
              {s.promise && <> · promise “{s.promise}”</>}
            </span>
          ))}
          {src.kind === 'red_point' && <> · red point for {segmentLabel(src.segment)}{o.redPointActive === false && ' (no longer found)'}</>}
        </p>
      )}
      {o.problem && <p className="problem">{o.problem}</p>}
      {o.owner && <p className="muted">Owner: {o.owner.name || o.owner.email}</p>}
      {o.status === 'declined' && (
        <p className="declined-reason">
          <strong>Declined:</strong> {o.declinedReason}
          {o.revisitAt && <> · revisit on {o.revisitAt.slice(0, 10)}</>}
        </p>
      )}
      {o.evidence.cases > 0 && (
        <p className="muted">
          Evidence: {num(o.evidence.closedCases)} of {num(o.evidence.cases)} follow-up cases closed
          {o.evidence.rootCauses.length > 0 && <> · root causes: {o.evidence.rootCauses.map((r) => `${r.rootCause} (${r.cases})`).join(', ')}</>}
        </p>
      )}
      {showCustomers && src.kind === 'red_point' && step && (
        <CustomersBehind journeyId={src.journeyId} step={src.step} metric={METRIC[(src.metrics[0] ?? 'exitRate') as keyof typeof METRIC]?.drill ?? 'reached'} segment={src.segment} filter={filterQuery(src.filter)} />
      )}
      {canEdit && (
        <div className="opportunity-actions">
          <form
            className="scores"
            aria-label={`Scores of ${o.title}`}
            onSubmit={(e) => {
              e.preventDefault()
              patch.mutate({ confidence: Number(scores.confidence), effort: Number(scores.effort) })
            }}
          >
            <label>
              Confidence
              <input type="number" min={0} max={1} step={0.05} value={scores.confidence} onChange={(e) => setScores({ ...scores, confidence: e.target.value })} />
            </label>
            <label>
              Effort
              <input type="number" min={0.1} step={0.1} value={scores.effort} onChange={(e) => setScores({ ...scores, effort: e.target.value })} />
            </label>
            <button type="submit" disabled={patch.isPending}>
              Update score
            </button>
          </form>
          <label>
            Status
            <select value={o.status} onChange={(e) => (e.target.value === 'declined' ? setDeclining(true) : patch.mutate({ status: e.target.value }))}>
              {Object.entries(STATUS_LABEL).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          {o.status !== 'declined' &&
            (o.pinnedRank === null ? (
              <button className="ghost" onClick={() => pin.mutate(pinnedCount + 1)}>
                Pin
              </button>
            ) : (
              <>
                {o.pinnedRank > 1 && (
                  <button className="ghost" onClick={() => pin.mutate(o.pinnedRank! - 1)} aria-label={`Move ${o.title} up`}>
                    ↑
                  </button>
                )}
                <button className="ghost" onClick={() => pin.mutate(null)}>
                  Unpin
                </button>
              </>
            ))}
          {o.status !== 'declined' && (
            <button className="ghost danger" onClick={() => setDeclining(true)}>
              Decline…
            </button>
          )}
        </div>
      )}
      {patch.error && (
        <p className="error" role="alert">
          {patch.error.message}
        </p>
      )}
      <Solutions opportunity={o} canEdit={canEdit} />
      {declining && (
        <DeclineDialog
          title={o.title}
          busy={decline.isPending}
          error={decline.error?.message}
          onCancel={() => setDeclining(false)}
          onDecline={(reason, revisitAt) => decline.mutate({ reason, revisitAt }, { onSuccess: () => setDeclining(false) })}
        />
      )}
    </article>
  )
}
