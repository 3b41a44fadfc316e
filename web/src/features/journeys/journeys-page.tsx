import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import { money, num } from '../../ui/format.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { NewJourney } from '../editor/new-journey.tsx'
import { useSession } from '../shell/session.ts'
import { useJourneys } from '../shell/workspace-layout.tsx'
import './journeys.css'

type JourneySummary = Answer<'/api/workspaces/{ws}/journeys'>[number]

const KIND: Record<string, string> = { current: 'Current state', future: 'Future state' }

/** Every journey of the workspace with its design and, as each analysis arrives, what it measures: customers, red points, value at risk. */
export function JourneysPage() {
  const { slug = '' } = useParams()
  const journeys = useJourneys(slug)
  const { session } = useSession()
  const canEdit = session.workspaces.find((w) => w.slug === slug)?.role !== 'viewer'
  return (
    <div className="page">
      <div className="page-head">
        <h1>Journeys</h1>
        <span className="spacer" />
        {canEdit && <NewJourney slug={slug} />}
      </div>
      <Pending query={journeys} what="Reading the workspace's journeys">
        {(list) => (list.length === 0 ? <NoJourneys slug={slug} /> : <JourneyTable slug={slug} journeys={list} />)}
      </Pending>
    </div>
  )
}

function JourneyTable({ slug, journeys }: { slug: string; journeys: JourneySummary[] }) {
  return (
    <section className="card journeys" aria-labelledby="journeys-title">
      <h2 id="journeys-title">
        {num(journeys.length)} journey{journeys.length > 1 ? 's' : ''} in this workspace
      </h2>
      <p className="muted">Measured over all the workspace's data; open a journey's map to filter by period, channel or segment.</p>
      <table className="journeys-table">
        <thead>
          <tr>
            <th scope="col">Journey</th>
            <th scope="col">Persona</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Stages
            </th>
            <th scope="col" className="num">
              Steps
            </th>
            <th scope="col" className="num">
              Customers measured
            </th>
            <th scope="col" className="num">
              Red points
            </th>
            <th scope="col" className="num">
              Value at risk
            </th>
          </tr>
        </thead>
        <tbody>
          {journeys.map((j) => (
            <JourneyRow key={j.id} slug={slug} journey={j} />
          ))}
        </tbody>
      </table>
      <p className="muted add-hint">
        To add a journey, draw it with “New journey”, or import its JSON or Mermaid file: <code>waymark journey import FILE --workspace {slug}</code>.
      </p>
    </section>
  )
}

/** One journey: its design at once, its measures when its (cached) analysis arrives. */
function JourneyRow({ slug, journey: j }: { slug: string; journey: JourneySummary }) {
  const path = { ws: slug, id: j.id }
  // The same query key as the drivers page without filters: one cached answer for both.
  const analysis = useQuery({ queryKey: ['analysis', slug, j.id, {}], queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/analysis', { params: { path } })) })
  const map = `/w/${slug}/journeys/${j.id}/map`
  const a = analysis.data
  const redPoints = a?.redPoints.length ?? 0
  const valueAtRisk = a?.redPoints.reduce((sum, r) => sum + r.valueAtRisk, 0) ?? 0
  return (
    <tr data-testid={`journey-${j.id}`}>
      <th scope="row">
        <Link to={map}>{j.name}</Link>
        <div className="muted">
          version {j.version} · updated {j.updatedAt.slice(0, 10)}
        </div>
      </th>
      <td>{j.persona ?? <span className="muted">none</span>}</td>
      <td>{KIND[j.kind] ?? j.kind}</td>
      <td className="num">{num(j.stages)}</td>
      <td className="num">{num(j.steps)}</td>
      {analysis.error ? (
        <td colSpan={3} className="error" role="alert">
          Could not measure this journey: {analysis.error.message}
        </td>
      ) : !a ? (
        <td colSpan={3} className="num">
          <span className="muted loading" role="status">
            Measuring
          </span>
        </td>
      ) : (
        <>
          <td className="num">{num(a.summary.customers)}</td>
          <td className={redPoints ? 'num bad' : 'num'}>
            {redPoints ? (
              <Link to={map} aria-label={`${num(redPoints)} red points: open the map of ${j.name}`}>
                ● {num(redPoints)}
              </Link>
            ) : (
              '0'
            )}
          </td>
          <td className={valueAtRisk ? 'num bad' : 'num'}>{money(valueAtRisk)}</td>
        </>
      )}
    </tr>
  )
}

/** A workspace without journeys: what a journey is for here, and how to add one today. */
function NoJourneys({ slug }: { slug: string }) {
  return (
    <Empty title="No journeys yet">
      <div className="no-journeys">
        <p>
        A journey map is what Waymark measures: its stages and touchpoints, and the events that tell when a customer reached each. Add one by importing a journey file, JSON
        (the <a href="/api/schemas/waymark.journey.v1.json">waymark.journey/v1 schema</a>) or Mermaid <code>journey</code> text:
      </p>
      <ul>
        <li>
          from the command line: <code>waymark journey import FILE --workspace {slug}</code>
        </li>
        <li>
          or through the API: <code>POST /api/workspaces/{slug}/journeys/import</code> with the file as the body.
        </li>
      </ul>
      <p>Editors and owners can also draw one from scratch with “New journey”. To try Waymark on sample data first, <code>waymark demo</code> creates a demo workspace with a journey and its customers.</p>
      </div>
    </Empty>
  )
}
