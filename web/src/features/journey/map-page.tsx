import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { hours, money, num, pct, segmentLabel, signed } from '../../ui/format.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { EmotionCurve } from './emotion-curve.tsx'

type MapAnswer = Answer<'/api/workspaces/{ws}/journeys/{id}/map'>
type Journey = Answer<'/api/workspaces/{ws}/journeys/{id}'>
type Touchpoint = MapAnswer['touchpoints']['touchpoints'][number]
export type RedPoint = MapAnswer['analysis']['redPoints'][number]
export type MapStep = { stage: string; key: string; name: string; channel: string | null; touchpoint: Touchpoint | undefined; red: RedPoint[]; dark: boolean }

/** A step card's width: the map scrolls sideways rather than squeezing or cutting columns off. */
export const COLUMN_PX = 168

/** Plain symbols (every font has them); the channel's name is written beside. */
const CHANNEL_ICON: Record<string, string> = { web: '◎', app: '▯', email: '✉', phone: '☎', store: '⌂', chat: '✎', social: '☺', mail: '✉', field: '⚒' }

/** The journey map, measured: stages as columns, step cards with their figures and trends, red points, dark touchpoints and the emotion curve. */
export function MapPage() {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const path = { ws: slug, id: journeyId }
  const journey = useQuery({ queryKey: ['journey', slug, journeyId], queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path } })) })
  // One request per view: the server answers the analysis and the KPIs with trends together, cached until data arrives.
  const map = useQuery({
    queryKey: ['map', slug, journeyId, query],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/map', { params: { path, query: query as never } })),
  })
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) => (
        <Pending query={map} what="Measuring the journey (every event of the period, per customer)">
          {(m) => <MeasuredMap journey={j} map={m} />}
        </Pending>
      )}
    </Pending>
  )
}

function MeasuredMap({ journey, map }: { journey: Journey; map: MapAnswer }) {
  const [selected, setSelected] = useState<string | undefined>()
  const byStep = new Map(map.touchpoints.touchpoints.map((t) => [t.step, t]))
  const dark = new Set(map.analysis.blindSpots.darkTouchpoints.map((d) => d.step))
  const doc = journey.document as unknown as JourneyDocument
  const steps: MapStep[] = doc.stages.flatMap((s) =>
    s.steps.map((t) => ({
      stage: s.key,
      key: t.key,
      name: t.name,
      channel: t.channel ?? null,
      touchpoint: byStep.get(t.key),
      red: map.analysis.redPoints.filter((r) => r.step === t.key),
      dark: dark.has(t.key),
    })),
  )
  const valueAtRisk = map.analysis.redPoints.reduce((sum, r) => sum + r.valueAtRisk, 0)
  const open = steps.find((s) => s.key === selected)
  if (map.analysis.summary.events === 0) {
    return (
      <Empty title="No events in this view yet">
        Nothing was measured for this journey with these filters. Widen the period or channel above, or send events: the <Link to="../../../data">Data page</Link> has write keys and a file import.
      </Empty>
    )
  }
  return (
    <div className={open ? 'map-page with-panel' : 'map-page'}>
      <section className="map-summary" aria-label="Journey summary">
        <Figure label="Customers" value={num(map.analysis.summary.customers)} />
        <Figure label="Events" value={num(map.analysis.summary.events)} />
        <Figure label="Red points" value={num(map.analysis.redPoints.length)} tone={map.analysis.redPoints.length ? 'bad' : undefined} />
        <Figure label="Value at risk" value={money(valueAtRisk)} tone={valueAtRisk ? 'bad' : undefined} />
        <Figure label="Dark touchpoints" value={num(dark.size)} tone={dark.size ? 'warn' : undefined} />
        <Figure label="Conformance" value={pct(map.analysis.conformance.fitness)} />
        {map.touchpoints.previousPeriod && <p className="muted trend-note">Trends against {map.touchpoints.previousPeriod.from.slice(0, 10)} → {map.touchpoints.previousPeriod.to.slice(0, 10)}</p>}
      </section>
      <div className="map-scroll" tabIndex={0} aria-label="Journey map (scrolls sideways)">
        <div className="map-grid" style={{ gridTemplateColumns: `repeat(${steps.length}, ${COLUMN_PX}px)`, width: steps.length * COLUMN_PX }}>
          {doc.stages.map((s) => (
            <div key={s.key} className="stage-head" style={{ gridColumn: `span ${Math.max(1, s.steps.length)}` }}>
              <strong>{s.name}</strong>
              {s.promise && <span className="promise">Promise: “{s.promise}”</span>}
            </div>
          ))}
          {steps.map((s) => (
            <StepCard key={s.key} step={s} selected={selected === s.key} onOpen={() => setSelected(s.key)} />
          ))}
          <div className="curve-row" style={{ gridColumn: `1 / span ${steps.length}` }}>
            <EmotionCurve steps={steps} width={steps.length * COLUMN_PX} />
          </div>
        </div>
      </div>
      {open && <StepPanel step={open} onClose={() => setSelected(undefined)} />}
    </div>
  )
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'warn' }) {
  return (
    <div className={`figure ${tone ?? ''}`}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
    </div>
  )
}

/** The trend of a step's customers against the previous period, as an arrow and a percentage (never colour alone). */
function Trend({ t }: { t: Touchpoint }) {
  const change = t.trend?.customers
  if (change === null || change === undefined) return null
  const arrow = change > 0.05 ? '▲' : change < -0.05 ? '▼' : '▶'
  return (
    <span className={`trend ${change > 0.05 ? 'up' : change < -0.05 ? 'down' : ''}`} title="Customers against the previous period">
      {arrow} {signed(change * 100, 0)}%
    </span>
  )
}

function StepCard({ step, selected, onOpen }: { step: MapStep; selected: boolean; onOpen: () => void }) {
  const t = step.touchpoint
  const main = t?.feedback.slice().sort((a, b) => b.n - a.n)[0]
  const channel = step.channel ?? 'any channel'
  return (
    <article className={`step-card ${step.red.length ? 'red' : ''} ${step.dark ? 'dark' : ''} ${selected ? 'selected' : ''}`} data-testid={`step-${step.key}`} aria-label={step.name}>
      <header>
        <span className="channel-icon" aria-hidden="true">
          {CHANNEL_ICON[step.channel ?? ''] ?? '•'}
        </span>
        <span className="step-name">{step.name}</span>
      </header>
      <div className="channel-name">{channel}</div>
      {step.dark || !t ? (
        <div className="dark-note">Dark touchpoint: no events measured</div>
      ) : (
        <dl className="kpis">
          <div>
            <dt>Customers</dt>
            <dd>
              <button className="link" onClick={onOpen} aria-label={`${num(t.customers)} customers at ${step.name}: show them`}>
                {num(t.customers)}
              </button>{' '}
              <Trend t={t} />
            </dd>
          </div>
          <div>
            <dt>Reach</dt>
            <dd>
              <span className="bar" aria-hidden="true">
                <span style={{ width: pct(t.reach) }} />
              </span>
              {pct(t.reach)}
            </dd>
          </div>
          <div>
            <dt>Exit</dt>
            <dd>{pct(t.exitRate)}</dd>
          </div>
          <div>
            <dt>Repeat</dt>
            <dd>{pct(t.contactRepeatRate || t.repeatRate)}</dd>
          </div>
          {main && (
            <div>
              <dt>{main.kind.toUpperCase()}</dt>
              <dd>{main.nps !== null ? `${signed(main.nps, 0)} NPS` : `${main.mean.toFixed(1)} (n ${num(main.n)})`}</dd>
            </div>
          )}
          <div>
            <dt>Next step</dt>
            <dd>{hours(t.medianHoursToNext)}</dd>
          </div>
        </dl>
      )}
      {step.red.length > 0 && (
        <button className="red-point" onClick={onOpen} aria-expanded={selected}>
          ● {step.red.length} red point{step.red.length > 1 ? 's' : ''}: {[...new Set(step.red.flatMap((r) => r.reasons.map((x) => METRIC[x.metric].short)))].join(', ')}
        </button>
      )}
    </article>
  )
}

/** What each red-point metric is called, and which customers lie behind it. */
const METRIC = {
  exitRate: { short: 'exits', long: 'Exit rate', drill: 'exited', show: (x: number) => pct(x, 1) },
  repeatRate: { short: 'repeat contacts', long: 'Repeat contacts (failure demand)', drill: 'contactRepeated', show: (x: number) => pct(x, 1) },
  feedback: { short: 'low scores', long: 'Feedback (−2…+2)', drill: 'lowFeedback', show: (x: number) => signed(x, 2) },
  hoursToNextInStage: { short: 'slow', long: 'Wait to the next step', drill: 'reached', show: (x: number) => hours(x) },
} as const

function StepPanel({ step, onClose }: { step: MapStep; onClose: () => void }) {
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
    </section>
  )
}

/** The customers behind a figure (the drill-down), most valuable first, each opening their timeline. */
function CustomerList({ step, metric, segment }: { step: MapStep; metric: string; segment: RedPoint['segment'] }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const scoped = { ...query, ...(segment && segment.trait !== 'value tier' ? { [`trait.${segment.trait}`]: segment.value } : {}) }
  const valueTier = segment?.trait === 'value tier' ? (segment.value as 'high' | 'mid' | 'low') : undefined
  const customers = useQuery({
    queryKey: ['customers-behind', slug, journeyId, step.key, metric, scoped, valueTier],
    queryFn: () =>
      ok(
        client.GET('/api/workspaces/{ws}/journeys/{id}/customers', {
          params: { path: { ws: slug, id: journeyId }, query: { ...scoped, step: step.key, metric, limit: 50, ...(valueTier ? { valueTier } : {}) } as never },
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
