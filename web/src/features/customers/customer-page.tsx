import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { ApiError, client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { money, num } from '../../ui/format.ts'
import { Empty, ErrorState, Loading, Pending } from '../../ui/states.tsx'
import { useJourneys } from '../shell/workspace-layout.tsx'
import { day, minute, plural, TraitList } from './customer-traits.tsx'
import { TimelineChart } from './timeline-chart.tsx'
import { onJourney, reasonsOf, scoreText, type JourneyEntry } from './timeline-entries.ts'
import './customers.css'

type Customer = Answer<'/api/workspaces/{ws}/customers/{id}'>

/** One customer: traits, value, and their timeline across channels placed on a journey, with the red points they hit. */
export function CustomerPage() {
  const { slug = '', customerId = '' } = useParams()
  const customer = useQuery({
    queryKey: ['customer', slug, customerId],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/customers/{id}', { params: { path: { ws: slug, id: customerId } } })),
  })
  if (customer.error instanceof ApiError && customer.error.status === 404) {
    return (
      <Empty title="No such customer">
        Nothing is stored for “{customerId}” in this workspace: no event, no trait. Check the id, or <Link to={`/w/${slug}/customers?q=${encodeURIComponent(customerId.slice(0, 8))}`}>search for similar ids</Link>.
      </Empty>
    )
  }
  return (
    <Pending query={customer} what="Opening the customer">
      {(c) => (
        <div className="page customer-page">
          <p className="crumbs">
            <Link to={`/w/${slug}/customers`}>← Customers</Link>
          </p>
          <Profile customer={c} />
          {c.events === 0 ? (
            <Empty title="No events yet">This customer is known by traits only (an identify call or a CRM sync). Their timeline starts with their first event.</Empty>
          ) : (
            <Timeline customer={c} />
          )}
        </div>
      )}
    </Pending>
  )
}

function Profile({ customer: c }: { customer: Customer }) {
  const others = c.ids.filter((id) => id !== c.customerId)
  return (
    <section className="card profile" aria-labelledby="customer-name">
      <div className="profile-head">
        <h1 id="customer-name">{c.customerId}</h1>
        {others.length > 0 && <p className="muted">Also seen as {others.join(', ')}</p>}
      </div>
      <dl className="profile-figures" aria-label="Customer figures">
        <Figure label="Value (revenue)" value={money(c.revenue)} />
        <Figure label="Events" value={num(c.events)} />
        <Figure label="Feedback answers" value={num(c.feedback)} />
        <Figure label="Channels" value={c.channels.length ? c.channels.join(', ') : '—'} small />
        <Figure label="First seen" value={c.firstSeen ? day(c.firstSeen) : '—'} small />
        <Figure label="Last seen" value={c.lastSeen ? day(c.lastSeen) : '—'} small />
      </dl>
      <div className="profile-traits">
        <h2>Traits</h2>
        <TraitList traits={c.traits} />
      </div>
    </section>
  )
}

function Figure({ label, value, small }: { label: string; value: string; small?: boolean }) {
  return (
    <div className="figure">
      <dt className="figure-label">{label}</dt>
      <dd className={small ? 'figure-value small' : 'figure-value'}>{value}</dd>
    </div>
  )
}

/** The timeline on the journey picked in the URL (`?journey=`), else the workspace's first. */
function Timeline({ customer }: { customer: Customer }) {
  const { slug = '', customerId = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const journeys = useJourneys(slug)
  const journeyId = params.get('journey') ?? journeys.data?.[0]?.id
  const ready = journeys.data !== undefined
  const journey = useQuery({
    queryKey: ['journey', slug, journeyId],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId! } } })),
    enabled: !!journeyId,
  })
  const timeline = useQuery({
    queryKey: ['timeline', slug, customerId, journeyId ?? null],
    queryFn: () =>
      ok(client.GET('/api/workspaces/{ws}/customers/{id}/timeline', { params: { path: { ws: slug, id: customerId }, query: journeyId ? { journey: journeyId } : {} } })),
    enabled: ready,
  })
  // The journey's current analysis (cached on the server, shared with the map) says which steps are red points.
  const analysis = useQuery({
    queryKey: ['analysis', slug, journeyId],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/analysis', { params: { path: { ws: slug, id: journeyId! } } })),
    enabled: !!journeyId,
  })
  if (journeys.error) return <ErrorState error={journeys.error} />
  if (!ready) return <Loading what="Reading the journeys" />
  const doc = journey.data?.document as unknown as JourneyDocument | undefined
  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <div className="timeline-head">
        <h2 id="timeline-title">Timeline across channels</h2>
        <span className="spacer" />
        {journeys.data!.length > 0 ? (
          <label>
            Journey{' '}
            <select value={journeyId} onChange={(e) => setParams({ journey: e.target.value }, { replace: true })}>
              {journeys.data!.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="muted">
            <Link to={`/w/${slug}/journeys`}>Add a journey</Link> to see which steps these events are.
          </span>
        )}
      </div>
      {analysis.isPending && journeyId && <Loading what="Finding the journey's red points" />}
      {analysis.error && <p className="muted">Red points cannot be shown: {analysis.error.message}</p>}
      <Pending query={timeline} what="Reading the timeline">
        {(t) => (
          <Entries
            entries={onJourney(t.events, doc, analysis.data?.redPoints ?? [], { traits: customer.traits, valueTier: t.valueTier })}
            total={customer.events}
            journeyName={journey.data?.name}
            valueTier={t.valueTier}
          />
        )}
      </Pending>
    </section>
  )
}

function Entries({ entries, total, journeyName, valueTier }: { entries: JourneyEntry[]; total: number; journeyName: string | undefined; valueTier: string | null }) {
  const [picked, setPicked] = useState<number | undefined>()
  const pick = (index: number) => {
    setPicked(index)
    const row = document.getElementById(`entry-${index}`)
    row?.scrollIntoView({ block: 'center' })
    row?.focus()
  }
  const feedback = entries.filter((e) => e.feedback)
  const low = feedback.filter((e) => e.feedback!.low)
  const red = entries.filter((e) => e.redPoints.length)
  const redSteps = new Set(red.map((e) => e.stepName))
  const mapped = entries.filter((e) => e.stepKey)
  const channels = new Set(entries.map((e) => e.channel))
  return (
    <>
      <p className="timeline-summary">
        <strong>{plural(entries.length, 'entry', 'entries')}</strong> on <strong>{plural(channels.size, 'channel')}</strong>
        {entries.length < total && <> (the first {num(entries.length)} of {num(total)})</>} · <strong>{plural(feedback.length, 'feedback answer')}</strong>,{' '}
        <strong className={low.length ? 'bad' : ''}>{num(low.length)} low</strong>
        {journeyName && (
          <>
            {' '}
            · <strong>{num(mapped.length)}</strong> map to steps of {journeyName} · <strong className={red.length ? 'bad' : ''}>{num(red.length)} at red points</strong>
            {redSteps.size > 0 && <> ({[...redSteps].join(', ')})</>}
            {valueTier && (
              <>
                {' '}
                · a <strong>{valueTier}-value</strong> customer on this journey
              </>
            )}
          </>
        )}
      </p>
      <TimelineChart entries={entries} onPick={pick} />
      <div className="entries-scroll">
        <table className="entries">
          <caption className="sr-only">Every entry of the timeline, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Channel</th>
              <th scope="col">Event</th>
              <th scope="col">Journey step</th>
              <th scope="col">Feedback</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.index} id={`entry-${e.index}`} tabIndex={-1} className={[e.redPoints.length ? 'at-red' : '', e.feedback?.low ? 'low' : '', picked === e.index ? 'picked' : ''].join(' ')}>
                <td className="time">{minute(e.ts).replace(' UTC', '')}</td>
                <td>{e.channel}</td>
                <td>
                  <code>{e.event}</code>
                  {e.revenue ? <span className="revenue"> · {money(e.revenue)}</span> : null}
                </td>
                <td>
                  {e.stepName ? (
                    <>
                      {e.stepName} <span className="muted">({e.stageName})</span>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                  {e.redPoints.length > 0 && <div className="red-flag">▲ Red point of the journey: {reasonsOf(e.redPoints)}</div>}
                </td>
                <td>
                  {e.feedback ? (
                    <>
                      <span className={e.feedback.low ? 'score low' : 'score'}>
                        {scoreText(e.feedback)}
                        {e.feedback.low && ' · low'}
                      </span>
                      {e.feedback.comment && <q className="comment">{e.feedback.comment}</q>}
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
