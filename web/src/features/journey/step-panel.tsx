import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { hours, money, num, pct, segmentLabel, signed } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { CreateFromRedPoint } from '../portfolio/create-from-red-point.tsx'
import type { MapStep, RedPoint } from './map-types.ts'

/** What each red-point metric is called, and which customers lie behind it. */
export const METRIC = {
  exitRate: { short: 'exits', long: 'Exit rate', drill: 'exited', show: (x: number) => pct(x, 1) },
  repeatRate: { short: 'repeat contacts', long: 'Repeat contacts (failure demand)', drill: 'contactRepeated', show: (x: number) => pct(x, 1) },
  feedback: { short: 'low scores', long: 'Feedback (−2…+2)', drill: 'lowFeedback', show: (x: number) => signed(x, 2) },
  hoursToNextInStage: { short: 'slow', long: 'Wait to the next step', drill: 'reached', show: (x: number) => hours(x) },
} as const

export function StepPanel({ step, onClose }: { step: MapStep; onClose: () => void }) {
  return (
    <aside className="side-panel" aria-label={`${step.red.length ? 'Red points at' : 'Customers at'} ${step.name}`}>
      <div className="row">
        <h2>{step.name}</h2>
        <span className="spacer" />
        <button className="ghost" onClick={onClose} aria-label="Close the panel">
          ✕
        </button>
      </div>
      {step.red.map((r) => (
        <RedPointDetail key={r.segment ? `${r.segment.trait}=${r.segment.value}` : 'all'} step={step} point={r} />
      ))}
      <StepCustomers step={step} />
    </aside>
  )
}

const DRILLS = [
  { metric: 'reached', label: 'Reached' },
  { metric: 'exited', label: 'Left here' },
  { metric: 'contactRepeated', label: 'Repeated contact' },
  { metric: 'converted', label: 'Went on' },
  { metric: 'lowFeedback', label: 'Low score' },
] as const

/** Every figure of the step opens its customers: who reached it, left, repeated, went on or answered low. */
function StepCustomers({ step }: { step: MapStep }) {
  const [metric, setMetric] = useState<(typeof DRILLS)[number]['metric']>('reached')
  return (
    <section className="red-detail step-customers">
      <h3 className="plain">Customers at this step</h3>
      <div className="chips" role="group" aria-label="Which customers">
        {DRILLS.map((d) => (
          <button key={d.metric} className={metric === d.metric ? 'chip on' : 'chip'} aria-pressed={metric === d.metric} onClick={() => setMetric(d.metric)}>
            {d.label}
          </button>
        ))}
      </div>
      <CustomerList step={step} metric={metric} segment={null} />
    </section>
  )
}

function RedPointDetail({ step, point }: { step: MapStep; point: RedPoint }) {
  const { journeyId = '' } = useParams()
  const [shown, setShown] = useState(false)
  return (
    <section className="red-detail">
      <h3>{segmentLabel(point.segment)}</h3>
      <p>
        <strong>{num(point.customersAffected)}</strong> customers affected · <strong>{money(point.valueAtRisk)}</strong> value at risk
      </p>
      <table>
        <caption className="sr-only">Why this is a red point</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Here</th>
            <th scope="col">Baseline</th>
            <th scope="col">p</th>
          </tr>
        </thead>
        <tbody>
          {point.reasons.map((x) => (
            <tr key={x.metric}>
              <td>{METRIC[x.metric].long}</td>
              <td>{METRIC[x.metric].show(x.value)}</td>
              <td>{METRIC[x.metric].show(x.baseline)}</td>
              <td>{x.p < 0.001 ? '< 0.001' : x.p.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown ? <CustomerList step={step} metric={METRIC[point.reasons[0]!.metric].drill} segment={point.segment} /> : <button onClick={() => setShown(true)}>Show customers</button>}
      <CreateFromRedPoint journeyId={journeyId} point={point} />
    </section>
  )
}

/** The customers behind a figure (the drill-down), most valuable first, each opening their timeline. */
function CustomerList({ step, metric, segment }: { step: MapStep; metric: string; segment: RedPoint['segment'] }) {
  const { journeyId = '' } = useParams()
  const { query } = useFilter()
  return <CustomersBehind journeyId={journeyId} step={step.key} metric={metric} segment={segment} filter={query} />
}

/** The customers behind a step's figure in a journey under a filter, most valuable first, each opening their timeline. */
export function CustomersBehind({ journeyId, step, metric, segment, filter }: { journeyId: string; step: string; metric: string; segment: RedPoint['segment']; filter: Record<string, string> }) {
  const { slug = '' } = useParams()
  const query = filter
  const scoped = { ...query, ...(segment && segment.trait !== 'value tier' ? { [`trait.${segment.trait}`]: segment.value } : {}) }
  const valueTier = segment?.trait === 'value tier' ? (segment.value as 'high' | 'mid' | 'low') : undefined
  const customers = useQuery({
    queryKey: ['customers-behind', slug, journeyId, step, metric, scoped, valueTier],
    queryFn: () =>
      ok(
        client.GET('/api/workspaces/{ws}/journeys/{id}/customers', {
          params: { path: { ws: slug, id: journeyId }, query: { ...scoped, step, metric, limit: 50, ...(valueTier ? { valueTier } : {}) } as never },
        }),
      ),
  })
  return (
    <Pending query={customers} what="Finding the customers">
      {(c) =>
        c.total === 0 ? (
          <p className="muted">No customers.</p>
        ) : (
          <div className="customers-behind">
            <p className="muted">
              {num(c.total)} customers; {c.customers.length < c.total ? `the ${c.customers.length} most valuable` : 'most valuable first'}:
            </p>
            <ul>
              {c.customers.map((x) => (
                <li key={x.customer}>
                  <Link to={`/w/${slug}/customers/${encodeURIComponent(x.customer)}`}>{x.customer}</Link> · value {money(x.value)} · {x.occurrences}× · last {x.lastSeen.slice(0, 10)}
                </li>
              ))}
            </ul>
          </div>
        )
      }
    </Pending>
  )
}
