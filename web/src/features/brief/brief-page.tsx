import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { bindOutcome, measureBase, measureWords } from '../../../../src/domain/journey/desired-outcomes.ts'
import { factorWords, journeyNames, outcomeWords } from '../../../../src/domain/journey/driver-words.ts'
import type { OutcomeMeasure } from '../../../../src/domain/journey/journey.ts'
import { money, num, pct, segmentLabel } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { useCanEdit } from '../journey/map-page.tsx'
import { METRIC } from '../journey/step-panel.tsx'
import { SaveOutcome } from '../settings/conflict-note.tsx'
import { refreshJourney, useJourneyAt } from '../versions/journey-queries.ts'
import { briefToMarkdown, trendWords, type Brief } from './brief-markdown.ts'
import './brief.css'
import { MeasureForm } from './measure-form.tsx'
import { OutcomeCustomers, type OutcomeWho } from './outcome-customers.tsx'
import { usePortfolio, type PortfolioItem } from './use-portfolio.ts'

type Journey = { id: string; version: number; document: JourneyDocument }

/** `/w/:slug/journeys/:id/brief`: the five questions a CX team must answer about a journey, from live data. */
export function BriefPage() {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const journey = useJourneyAt(slug, journeyId)
  const brief = useQuery({
    queryKey: ['brief', slug, journeyId, query],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/brief', { params: { path: { ws: slug, id: journeyId }, query: query as never } })),
  })
  const portfolio = usePortfolio(slug, journeyId)
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) => (
        <Pending query={brief} what="Answering the five questions from the data (the journey's analysis and its outcomes)">
          {(b) => <BriefView journey={j} brief={b} portfolio={portfolio.data} />}
        </Pending>
      )}
    </Pending>
  )
}

function BriefView({ journey, brief, portfolio }: { journey: Journey; brief: Brief; portfolio: PortfolioItem[] | undefined }) {
  const { filter } = useFilter()
  const { slug = '' } = useParams()
  const doc = journey.document
  const names = journeyNames(doc)
  const period = filter.from || filter.to ? `${filter.from ?? 'the start'} to ${filter.to ?? 'now'}` : 'all time'
  const download = () => {
    const blob = new Blob([briefToMarkdown(doc, brief, portfolio, period)], { type: 'text/markdown' })
    const a = document.createElement('a')
    a.href = URL.createObjectURL(blob)
    a.download = `${doc.name.replace(/[^\w.-]+/g, '_').slice(0, 80)}-brief.md`
    a.click()
    URL.revokeObjectURL(a.href)
  }
  const goal = doc.goal ? doc.stages.flatMap((s) => s.steps).find((t) => t.key === doc.goal) : undefined
  return (
    <article className="brief" aria-labelledby="brief-title">
      <header className="brief-head">
        <div>
          <h2 id="brief-title">Brief: {doc.name}</h2>
          <p className="muted">
            {num(brief.customers)} customers, {period}
            {brief.previousPeriod ? `; trends against ${brief.previousPeriod.from.slice(0, 10)} to ${brief.previousPeriod.to.slice(0, 10)}` : '; pick a period above to see trends'}.
          </p>
        </div>
        <div className="export-buttons no-print" role="group" aria-label="Export the brief">
          <button type="button" className="ghost" onClick={download}>
            Export Markdown
          </button>
          <button type="button" className="ghost" onClick={() => window.print()}>
            Print or save as PDF
          </button>
        </div>
      </header>

      <section className="card brief-section" aria-labelledby="q1">
        <h3 id="q1">1. What job is the customer trying to get done?</h3>
        {doc.persona ? (
          <>
            <p className="brief-job">
              <strong>{doc.persona.name}</strong>
              {doc.persona.job ? `: “${doc.persona.job}”` : ': no job written yet.'}
            </p>
            {doc.persona.description && <p>{doc.persona.description}</p>}
          </>
        ) : (
          <p className="muted">
            No persona or job yet. <Link to="../settings">Name them in the settings</Link>, or on the <Link to="../../../personas">Personas page</Link>.
          </p>
        )}
        {goal && <p className="muted">Success is reaching “{goal.name}”.</p>}
      </section>

      <Outcomes journey={journey} brief={brief} />

      <section className="card brief-section" aria-labelledby="q3">
        <h3 id="q3">3. Which channels and touchpoints does she hire?</h3>
        <div className="brief-columns">
          <table>
            <caption>Channels used at journey steps</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Customers</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {brief.channels.map((c) => (
                <tr key={c.channel}>
                  <td>{c.channel}</td>
                  <td className="num">{num(c.customers)}</td>
                  <td className="num">
                    <Bar share={c.share} /> {pct(c.share)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Touchpoints by reach</caption>
            <thead>
              <tr>
                <th scope="col">Touchpoint</th>
                <th scope="col">Customers</th>
                <th scope="col">Reach</th>
              </tr>
            </thead>
            <tbody>
              {brief.touchpoints.slice(0, 10).map((t) => (
                <tr key={t.step}>
                  <td>{names.step(t.step)}</td>
                  <td className="num">{num(t.customers)}</td>
                  <td className="num">
                    <Bar share={t.reach} /> {pct(t.reach)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted no-print">
          Every touchpoint&apos;s customers open from its card on the <Link to="../map">map</Link>.
        </p>
      </section>

      <section className="card brief-section" aria-labelledby="q4">
        <h3 id="q4">4. Where does she fail, and why?</h3>
        {brief.redPoints.length === 0 ? (
          <p className="muted">No red points in this period: no step is significantly worse than the others.</p>
        ) : (
          <ul className="brief-red" aria-label="Red points">
            {brief.redPoints.map((r) => (
              <li key={`${r.step}-${r.segment ? `${r.segment.trait}=${r.segment.value}` : 'all'}`}>
                <strong>{names.step(r.step)}</strong> ({segmentLabel(r.segment)}): {r.reasons.map((x) => `${METRIC[x.metric].short} ${METRIC[x.metric].show(x.value)} against ${METRIC[x.metric].show(x.baseline)}`).join('; ')} —{' '}
                <strong>{num(r.customersAffected)}</strong> customers affected, <strong>{money(r.valueAtRisk)}</strong> value at risk
              </li>
            ))}
          </ul>
        )}
        {brief.drivers.length > 0 && (
          <>
            <h4>Strongest drivers of failure</h4>
            <ul aria-label="Strongest drivers">
              {brief.drivers.map((d) => (
                <li key={`${d.outcome}|${d.factor}`}>
                  {factorWords(d.factor, names)} → {outcomeWords(d.outcome, names)}: <strong>{d.lift.toFixed(1)}×</strong> as likely ({num(d.support)} customers)
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted no-print">
          Open a red point on the <Link to="../map">map</Link> for its customers, or the <Link to="../drivers">drivers</Link> for the customers behind each factor.
        </p>
      </section>

      <section className="card brief-section" aria-labelledby="q5">
        <h3 id="q5">5. What are we doing about it?</h3>
        {!portfolio ? (
          <p className="muted">Reading the portfolio…</p>
        ) : portfolio.length === 0 ? (
          <p className="muted">
            No opportunities or pilots for this journey yet: create one from a red point on the <Link to="../map">map</Link>, or in the <Link to={`/w/${slug}/portfolio`}>portfolio</Link>.
          </p>
        ) : (
          <ul aria-label="Opportunities and pilots">
            {portfolio.map((i) => (
              <li key={i.id}>
                {i.kind === 'pilot' ? (
                  <>
                    Pilot: <Link to={`/w/${slug}/experiments/${i.id}`}>{i.title}</Link> ({i.status})
                  </>
                ) : (
                  <>
                    Opportunity{i.rank ? ` #${i.rank}` : ''}: <Link to={`/w/${slug}/portfolio#${i.id}`}>{i.title}</Link> ({i.status})
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  )
}

const Bar = ({ share }: { share: number }) => (
  <span className="bar" aria-hidden="true">
    <span style={{ width: pct(share) }} />
  </span>
)

/** Question 2: each desired outcome with the share of customers for whom it is met, live; editors bind outcomes to measures. */
function Outcomes({ journey, brief }: { journey: Journey; brief: Brief }) {
  const { slug = '', journeyId = '' } = useParams()
  const canEdit = useCanEdit(slug)
  const queries = useQueryClient()
  const [binding, setBinding] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [who, setWho] = useState<OutcomeWho | undefined>()
  const doc = journey.document
  const save = useMutation({
    mutationFn: ({ text, measure }: { text: string; measure: OutcomeMeasure | undefined }) =>
      ok(client.PUT('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId } }, body: { version: journey.version, document: bindOutcome(doc, text, measure) } })),
    onSuccess: async (answer) => {
      setBinding(null)
      setSaved(`Saved as version ${answer.version}.`)
      await refreshJourney(queries, slug, journeyId)
    },
  })
  return (
    <section className="card brief-section" aria-labelledby="q2">
      <h3 id="q2">2. Which outcomes does she desire, and are they met?</h3>
      {brief.outcomes.length === 0 && (
        <p className="muted">
          No desired outcomes yet. Add them to the persona&apos;s job on the <Link to="../../../personas">Personas page</Link> and name the persona in the <Link to="../settings">settings</Link>.
        </p>
      )}
      <ul className="brief-outcomes" aria-label="Desired outcomes">
        {brief.outcomes.map((o) => (
          <li key={o.text} className="brief-outcome" data-testid={`outcome-${o.text}`}>
            <div className="brief-outcome-text">
              <strong>{o.text}</strong>
              {o.measure ? <span className="muted">{measureWords(o.measure, doc)}</span> : <span className="muted">Not bound to a measure yet.</span>}
            </div>
            {o.measure && o.now && (
              <div className="brief-share">
                {o.now.share === null ? (
                  <span className="muted">applies to nobody in this period</span>
                ) : (
                  <>
                    <span className="brief-share-value">{pct(o.now.share)}</span>
                    <span className="muted">
                      met:{' '}
                      <button type="button" className="link" onClick={() => setWho({ outcome: o.text, which: 'met' })} aria-label={`${num(o.now.met)} customers for whom “${o.text}” is met: list them`}>
                        {num(o.now.met)}
                      </button>{' '}
                      of {num(o.now.eligible)} {measureBase(o.measure, doc)} (
                      <button type="button" className="link" onClick={() => setWho({ outcome: o.text, which: 'unmet' })} aria-label={`${num(o.now.eligible - o.now.met)} customers for whom “${o.text}” is not met: list them`}>
                        {num(o.now.eligible - o.now.met)} not
                      </button>
                      ){o.now.pending ? (
                        <>
                          ;{' '}
                          <button type="button" className="link" onClick={() => setWho({ outcome: o.text, which: 'pending' })} aria-label={`${num(o.now.pending)} customers still within the limit of “${o.text}”: list them`}>
                            {num(o.now.pending)}
                          </button>{' '}
                          still within the limit
                        </>
                      ) : null}
                    </span>
                    {o.trend !== null && <span className={`trend ${o.trend > 0.005 ? 'up' : o.trend < -0.005 ? 'down' : ''}`}>{o.trend > 0.005 ? '▲' : o.trend < -0.005 ? '▼' : '▶'} {trendWords(o.trend)}</span>}
                  </>
                )}
              </div>
            )}
            {canEdit && binding !== o.text && (
              <div className="no-print">
                <button type="button" className="ghost" onClick={() => setBinding(o.text)} aria-label={`${o.measure ? 'Change the measure of' : 'Bind to a measure:'} ${o.text}`}>
                  {o.measure ? 'Change measure' : 'Bind to a measure'}
                </button>
                {o.measure && (
                  <button type="button" className="ghost" onClick={() => save.mutate({ text: o.text, measure: undefined })} aria-label={`Unbind ${o.text}`}>
                    Unbind
                  </button>
                )}
              </div>
            )}
            {who?.outcome === o.text && <OutcomeCustomers who={who} onClose={() => setWho(undefined)} />}
            {binding === o.text && <MeasureForm doc={doc} outcome={o.text} initial={o.measure} pending={save.isPending} onCancel={() => setBinding(null)} onSubmit={(measure) => save.mutate({ text: o.text, measure })} />}
          </li>
        ))}
      </ul>
      <SaveOutcome slug={slug} journeyId={journeyId} edited={journey.version} saved={saved} error={save.error} onReload={() => void refreshJourney(queries, slug, journeyId).then(() => save.reset())} />
    </section>
  )
}
