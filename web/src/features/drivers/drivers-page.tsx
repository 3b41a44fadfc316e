import { useQuery } from '@tanstack/react-query'
import { Link, useParams, useSearchParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { num, pct } from '../../ui/format.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { DriverCustomers } from './driver-customers.tsx'
import { factorWords, journeyNames, outcomeHad, outcomeWords } from '../../../../src/domain/journey/driver-words.ts'
import { LiftChart } from './lift-chart.tsx'
import { bounds, lift, pValue } from './lift-format.ts'
import './drivers.css'

type Analysis = Answer<'/api/workspaces/{ws}/journeys/{id}/analysis'>
type Driver = Analysis['drivers'][number]
type Names = ReturnType<typeof journeyNames>

/** What predicts a bad outcome: pick an outcome, read its ranked factors (chart and table), open the customers behind one. */
export function DriversPage() {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const path = { ws: slug, id: journeyId }
  const journey = useQuery({ queryKey: ['journey', slug, journeyId], queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path } })) })
  // The cached analysis of the journey (the map's own): drivers come with it.
  const analysis = useQuery({
    queryKey: ['analysis', slug, journeyId, query],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/analysis', { params: { path, query: query as never } })),
  })
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) => (
        <Pending query={analysis} what="Testing every factor against every outcome (every customer of the period)">
          {(a) => <Drivers analysis={a} doc={j.document as unknown as JourneyDocument} />}
        </Pending>
      )}
    </Pending>
  )
}

/** The outcomes a team asks about: the goal, NPS detractors, then each touchpoint with drivers of low scores, in journey order. */
function outcomesOf(doc: JourneyDocument, drivers: Driver[]): string[] {
  const steps = doc.stages.flatMap((s) => s.steps.map((t) => t.key))
  const goal = doc.goal && steps.includes(doc.goal) ? [`not reaching ${doc.goal}`] : []
  const lowScores = steps.map((s) => `low score at ${s}`).filter((o) => drivers.some((d) => d.outcome === o))
  return [...goal, 'NPS detractor', ...lowScores]
}

function Drivers({ analysis, doc }: { analysis: Analysis; doc: JourneyDocument }) {
  const [params, setParams] = useSearchParams()
  const names = journeyNames(doc)
  const outcomes = outcomesOf(doc, analysis.drivers)
  const driversOf = (o: string) => analysis.drivers.filter((d) => d.outcome === o)
  const asked = params.get('outcome')
  const outcome = asked && outcomes.includes(asked) ? asked : (outcomes.find((o) => driversOf(o).length > 0) ?? outcomes[0]!)
  const drivers = driversOf(outcome)
  const factor = drivers.find((d) => d.factor === params.get('factor'))?.factor
  /** The page's state lives in the URL (next to the filters): a view is a link. */
  const paramsWith = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v)
      else next.delete(k)
    }
    return next
  }
  const choose = (changes: Record<string, string | undefined>) => setParams(paramsWith(changes))
  if (analysis.summary.events === 0) {
    return (
      <Empty title="No events in this view yet">
        Drivers need customers to compare. Widen the period or channel above, or send events: the <Link to="../../../data">Data page</Link> has write keys and a file import.
      </Empty>
    )
  }
  return (
    <div className={factor ? 'drivers-page with-panel' : 'drivers-page'}>
      <div className="drivers-main">
        <p className="drivers-intro">
          What makes a bad outcome more likely. Customers with a factor are compared with those who could have had it but did not: a <strong>lift</strong> of ×2 means twice as
          likely. A factor is listed only when at least 30 customers had it and its whole 95 % confidence interval lies above ×1, after correcting for the number of factors tested.
        </p>
        <fieldset className="outcome-picker">
          <legend>Outcome</legend>
          {outcomes.map((o) => {
            const n = driversOf(o).length
            return (
              <label key={o} className={o === outcome ? 'chip on' : 'chip'}>
                <input type="radio" name="outcome" className="sr-only" checked={o === outcome} onChange={() => choose({ outcome: o, factor: undefined })} />
                {outcomeWords(o, names)} <span className="chip-count">· {n ? `${n} factor${n > 1 ? 's' : ''}` : 'none found'}</span>
              </label>
            )
          })}
        </fieldset>
        {drivers.length === 0 ? (
          <Empty title={`No factor predicts: ${outcomeWords(outcome, names)}`}>
            In this view no step, repeat, channel, customer segment or slow wait makes this outcome clearly more likely: either too few customers had the factor (fewer than 30, or
            fewer than 30 without it) or the difference could be chance. Widen the period or remove filters to compare more customers, or pick another outcome above.
          </Empty>
        ) : (
          <section className="card" aria-labelledby="drivers-title">
            <h2 id="drivers-title">What predicts: {outcomeWords(outcome, names)}</h2>
            <p className="muted legend">
              <span className="key-bar" aria-hidden="true" /> lift, strongest first <span className="key-whisker" aria-hidden="true" /> 95 % confidence interval
              <span className="key-line" aria-hidden="true" /> ×1: no difference. Click a factor for its customers.
            </p>
            <LiftChart
              rows={drivers.map((d) => ({ factor: d.factor, label: factorWords(d.factor, names), lift: d.lift, ci: bounds(d) }))}
              outcome={outcomeWords(outcome, names)}
              onPick={(f) => choose({ outcome, factor: f })}
            />
            <DriverTable drivers={drivers} names={names} selected={factor} linkTo={(f) => `?${paramsWith({ outcome, factor: f })}`} />
            {drivers.some((d) => d.baselineRate === 0) && (
              <p className="muted footnote">
                A lift in the hundreds or thousands means that (almost) no customer without the factor had the outcome: read the two rates side by side.
              </p>
            )}
          </section>
        )}
      </div>
      {factor && (
        <DriverCustomers
          outcome={outcome}
          factor={factor}
          words={{ factor: factorWords(factor, names), had: outcomeHad(outcome, names) }}
          onClose={() => choose({ factor: undefined })}
        />
      )}
    </div>
  )
}

function DriverTable({ drivers, names, selected, linkTo }: { drivers: Driver[]; names: Names; selected: string | undefined; linkTo: (factor: string) => string }) {
  return (
    <table className="drivers-table">
      <caption className="sr-only">Factors ranked by the lower end of their confidence interval</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Factor</th>
          <th scope="col" className="num">
            Lift
          </th>
          <th scope="col" className="num">
            95 % CI
          </th>
          <th scope="col" className="num">
            Outcome rate with factor
          </th>
          <th scope="col" className="num">
            Without (baseline)
          </th>
          <th scope="col" className="num">
            Customers with factor
          </th>
          <th scope="col" className="num">
            p (adjusted)
          </th>
        </tr>
      </thead>
      <tbody>
        {drivers.map((d, i) => {
          const words = factorWords(d.factor, names)
          return (
            <tr key={d.factor} className={d.factor === selected ? 'selected' : undefined} data-factor={d.factor}>
              <td>{i + 1}</td>
              <th scope="row">{words}</th>
              <td className="num strong">{lift(d.lift)}</td>
              <td className="num">
                {bounds(d).map(lift).join('–')}
              </td>
              <td className="num">{pct(d.outcomeRate, 1)}</td>
              <td className="num">{pct(d.baselineRate, 1)}</td>
              <td className="num">
                <Link to={linkTo(d.factor)} aria-label={`${num(d.support)} customers with ${words}: show them`} aria-current={d.factor === selected ? 'true' : undefined}>
                  {num(d.support)} customers
                </Link>
              </td>
              <td className="num">{pValue(d.p)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
