import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { num } from '../../ui/format.ts'
import { ErrorState, Loading, Pending } from '../../ui/states.tsx'
import { useJourneys } from '../shell/workspace-layout.tsx'
import { channelCoverage, type OffPlanEvent, type TrackingPlan } from './channel-coverage.ts'

/** Which customers did an event (on a channel): a link to them on the customers page. */
const customersWho = (slug: string, event: string, channel: string) => `/w/${slug}/customers?${new URLSearchParams({ event, ...(channel ? { channel } : {}) })}`

/**
 * The journey's mapping rules are the tracking plan: per channel, the touchpoints
 * planned there and the dark ones (no event), the events that map to no
 * touchpoint, and, with a strict plan, the events stored off it.
 */
export function TrackingCoverage({ slug, isOwner }: { slug: string; isOwner: boolean }) {
  const journeys = useJourneys(slug)
  const [picked, setPicked] = useState<string | undefined>()
  const journeyId = picked ?? journeys.data?.[0]?.id
  const offPlan = useQuery({
    queryKey: ['off-plan', slug],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/off-plan-events', { params: { path: { ws: slug }, query: { limit: 100 } } })),
  })
  return (
    <section className="card data-section" id="tracking-plan" aria-labelledby="tracking-title">
      <h2 id="tracking-title">Tracking plan coverage</h2>
      <p className="muted">
        A journey's mapping rules say which events each touchpoint should produce. Dark touchpoints receive none (a blind spot); unmapped events arrive but belong to no touchpoint (a rule is
        missing, or they do not matter).
      </p>
      <StrictPlan slug={slug} isOwner={isOwner} />
      {journeys.error ? (
        <ErrorState error={journeys.error} />
      ) : !journeys.data ? (
        <Loading what="Reading the journeys" />
      ) : !journeyId ? (
        <p className="note">
          No journey yet: the plan is empty. <Link to={`/w/${slug}/journeys`}>Add a journey</Link> and map its touchpoints to events.
        </p>
      ) : (
        <>
          {journeys.data.length > 1 && (
            <label className="inline-label">
              Journey{' '}
              <select value={journeyId} onChange={(e) => setPicked(e.target.value)}>
                {journeys.data.map((j) => (
                  <option key={j.id} value={j.id}>
                    {j.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <JourneyCoverage slug={slug} journeyId={journeyId} offPlan={offPlan.data ?? []} />
        </>
      )}
      <Pending query={offPlan} what="Reading the events off the plan">
        {(rows) => <OffPlanTable slug={slug} rows={rows} />}
      </Pending>
    </section>
  )
}

function StrictPlan({ slug, isOwner }: { slug: string; isOwner: boolean }) {
  const queries = useQueryClient()
  const workspace = useQuery({ queryKey: ['workspace', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}', { params: { path: { ws: slug } } })) })
  // The box shows the asked-for value from the click on: the mutation's own pending state arrives a tick
  // later, and a controlled checkbox would flick back to the stored value in between.
  const [asked, setAsked] = useState<boolean | undefined>()
  const change = useMutation({
    mutationFn: (strict: boolean) => ok(client.PATCH('/api/workspaces/{ws}', { params: { path: { ws: slug } }, body: { strictTrackingPlan: strict } })),
    onSuccess: (saved) => {
      queries.setQueryData(['workspace', slug], saved)
      void queries.invalidateQueries({ queryKey: ['off-plan', slug] })
      void queries.invalidateQueries({ queryKey: ['stats', slug] })
    },
    onSettled: () => setAsked(undefined),
  })
  const strict = asked ?? workspace.data?.strictTrackingPlan ?? false
  return (
    <div className="strict-plan">
      <label className="toggle">
        <input type="checkbox" checked={strict} disabled={!isOwner || !workspace.data || change.isPending}
          onChange={(e) => {
            setAsked(e.target.checked)
            change.mutate(e.target.checked)
          }}
        />
        Strict tracking plan
      </label>
      <span className="muted">
        {strict ? 'On: events no journey maps are stored, flagged as off the plan, and the collector says so to the sender.' : 'Off: every event is stored unflagged.'}
        {!isOwner && ' Owners can change this.'}
      </span>
      {change.error && (
        <p className="error" role="alert">
          {change.error.message}
        </p>
      )}
    </div>
  )
}

function JourneyCoverage({ slug, journeyId, offPlan }: { slug: string; journeyId: string; offPlan: OffPlanEvent[] }) {
  const plan = useQuery({
    queryKey: ['tracking-plan', slug, journeyId],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/tracking-plan', { params: { path: { ws: slug, id: journeyId } } })),
  })
  const journey = useQuery({
    queryKey: ['journey', slug, journeyId],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId } } })),
  })
  const doc = journey.data?.document as unknown as JourneyDocument | undefined
  const names = new Map((doc?.stages ?? []).flatMap((s) => [[`stage:${s.key}`, s.name] as const, ...s.steps.map((t) => [t.key, t.name] as const)]))
  return (
    <Pending query={plan} what="Measuring the tracking plan">
      {(p) => <Coverage slug={slug} journeyId={journeyId} plan={p} offPlan={offPlan} names={names} />}
    </Pending>
  )
}

function Coverage({ slug, journeyId, plan, offPlan, names }: { slug: string; journeyId: string; plan: TrackingPlan; offPlan: OffPlanEvent[]; names: Map<string, string> }) {
  const channels = channelCoverage(plan, offPlan)
  const live = plan.touchpoints.length - plan.darkTouchpoints.length
  return (
    <>
      <p className="coverage-summary">
        <strong>{num(live)}</strong> of <strong>{num(plan.touchpoints.length)}</strong> touchpoints receive events ·{' '}
        <strong className={plan.darkTouchpoints.length ? 'warn' : ''}>{num(plan.darkTouchpoints.length)}</strong> dark · <strong>{num(plan.unmappedEvents.length)}</strong> unmapped event names ·{' '}
        <Link to={`/w/${slug}/journeys/${journeyId}/map`}>open the map</Link>
      </p>
      <h3>By channel</h3>
      <table className="data-table">
        <caption className="sr-only">Tracking plan coverage by channel</caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col" className="num">Touchpoints</th>
            <th scope="col" className="num">Dark</th>
            <th scope="col" className="num">Mapped events</th>
            <th scope="col" className="num">Unmapped names</th>
            <th scope="col" className="num">Unmapped events</th>
            <th scope="col" className="num">Off plan</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c.channel}>
              <th scope="row">{c.channel}</th>
              <td className="num">{num(c.touchpoints)}</td>
              <td className={c.dark ? 'num warn' : 'num'}>{num(c.dark)}</td>
              <td className="num">{num(c.mappedEvents)}</td>
              <td className="num">{num(c.unmappedNames)}</td>
              <td className="num">{num(c.unmappedEvents)}</td>
              <td className={c.offPlanEvents ? 'num warn' : 'num'}>{num(c.offPlanEvents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="coverage-columns">
        <div>
          <h3>Touchpoints</h3>
          <table className="data-table" data-testid="touchpoint-coverage">
            <caption className="sr-only">Events and customers per touchpoint</caption>
            <thead>
              <tr>
                <th scope="col">Touchpoint</th>
                <th scope="col">Channel</th>
                <th scope="col" className="num">Events</th>
                <th scope="col" className="num">Customers</th>
              </tr>
            </thead>
            <tbody>
              {plan.touchpoints.map((t) => (
                <tr key={t.step} className={t.dark ? 'dark-row' : ''}>
                  <td>
                    {names.get(t.step) ?? t.step} <span className="muted">({names.get(`stage:${t.stage}`) ?? t.stage})</span>
                    {t.dark && <div className="dark-flag">Dark: no events</div>}
                  </td>
                  <td>{t.channel ?? 'any'}</td>
                  <td className="num">{num(t.events)}</td>
                  <td className="num">{num(t.customers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Unmapped events</h3>
          {plan.unmappedEvents.length === 0 ? (
            <p className="ok-note">Every event maps to a touchpoint.</p>
          ) : (
            <table className="data-table">
              <caption className="sr-only">Events that map to no touchpoint</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Channel</th>
                  <th scope="col" className="num">Events</th>
                  <th scope="col" className="num">Customers</th>
                </tr>
              </thead>
              <tbody>
                {plan.unmappedEvents.map((u) => (
                  <tr key={`${u.event}\u0000${u.channel}`}>
                    <td>
                      <code>{u.event}</code>
                    </td>
                    <td>{u.channel}</td>
                    <td className="num">{num(u.count)}</td>
                    <td className="num">
                      <Link to={customersWho(slug, u.event, u.channel)} title={`The customers who had ${u.event} on ${u.channel}`}>
                        {num(u.customers)}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </>
  )
}

function OffPlanTable({ slug, rows }: { slug: string; rows: OffPlanEvent[] }) {
  if (!rows.length) return null
  return (
    <>
      <h3>Off-plan events (stored while the plan was strict)</h3>
      <table className="data-table" data-testid="off-plan-events">
        <caption className="sr-only">Events stored off the strict tracking plan</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Channel</th>
            <th scope="col" className="num">Events</th>
            <th scope="col" className="num">Customers</th>
            <th scope="col">Last seen (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.event}\u0000${r.channel}`}>
              <td>
                <code>{r.event}</code>
              </td>
              <td>{r.channel}</td>
              <td className="num">{num(r.events)}</td>
              <td className="num">
                <Link to={customersWho(slug, r.event, r.channel)} title={`The customers who had ${r.event} on ${r.channel}`}>
                  {num(r.customers)}
                </Link>
              </td>
              <td>{r.lastSeenAt.slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
