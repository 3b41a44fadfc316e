import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { num } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useCanEdit } from '../shell/session.ts'
import { VERDICT_LABEL, type ExperimentAnalysis } from './experiment-queries.ts'
import { IntervalChart } from './interval-chart.tsx'
import './experiments.css'

/** An experiment's result: the verdict in plain words, each variant's figures, the differences with their intervals drawn, SRM and guardrails. */
export function ExperimentPage() {
  const { slug = '', experimentId = '' } = useParams()
  const canEdit = useCanEdit(slug)
  const path = { ws: slug, id: experimentId }
  const queries = useQueryClient()
  const analysis = useQuery({ queryKey: ['experiment-analysis', slug, experimentId], queryFn: () => ok(client.GET('/api/workspaces/{ws}/experiments/{id}/analysis', { params: { path } })) })
  const setStatus = useMutation({
    mutationFn: (status: 'running' | 'stopped') => ok(client.PATCH('/api/workspaces/{ws}/experiments/{id}', { params: { path }, body: { status } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['experiment-analysis', slug, experimentId] }),
  })
  return (
    <div className="page decide experiment-page">
      <p>
        <Link to={`/w/${slug}/experiments`}>← Experiments</Link>
      </p>
      <Pending query={analysis} what="Analysing the experiment (exposures and outcomes, per day)">
        {(a) => (
          <>
            <div className="page-head">
              <h1>{a.experiment.name}</h1>
              <span className="badge">{a.experiment.status}</span>
              <span className="spacer" />
              {canEdit && a.experiment.status !== 'running' && <button onClick={() => setStatus.mutate('running')}>Start</button>}
              {canEdit && a.experiment.status === 'running' && (
                <button onClick={() => setStatus.mutate('stopped')}>Stop</button>
              )}
            </div>
            {a.experiment.hypothesis && <p className="hypothesis">Hypothesis: {a.experiment.hypothesis}</p>}
            <Verdict a={a} />
            <Figures a={a} />
            <Plan a={a} />
          </>
        )}
      </Pending>
    </div>
  )
}

function Verdict({ a }: { a: ExperimentAnalysis }) {
  return (
    <section className={`card verdict verdict-${a.verdict.kind}`} aria-label="Verdict">
      <h2>{VERDICT_LABEL[a.verdict.kind]}</h2>
      <p>{a.verdict.text}</p>
    </section>
  )
}

const isConversion = (a: ExperimentAnalysis) => a.experiment.primaryMetric.kind === 'conversion'

function Figures({ a }: { a: ExperimentAnalysis }) {
  const names = new Map(a.experiment.variants.map((v) => [v.key, v.name]))
  const conv = isConversion(a)
  const value = (x: number | null) => (x === null ? '—' : conv ? `${(x * 100).toFixed(1)} %` : x.toFixed(2))
  const diff = (x: number | null) => (x === null ? '…' : conv ? `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pt` : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`)
  const metric = a.experiment.primaryMetric
  const metricName = metric.kind === 'conversion' ? `Reached ${metric.step} within ${metric.windowHours} h` : `${metric.scoreKind.toUpperCase()} at ${metric.touchpoint}`
  const rows = a.primary.comparisons.map((c) => ({ label: names.get(c.variant) ?? c.variant, difference: c.difference, lo: c.ci[0] ?? null, hi: c.ci[1] ?? null }))
  const level = `${Math.round((1 - a.alpha) * 100)} % ${a.mode === 'sequential' ? 'always-valid ' : ''}interval`
  return (
    <section className="card" aria-label="Results per variant">
      <h2>{metricName}</h2>
      <table className="results-table">
        <caption className="sr-only">Per variant</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Customers exposed</th>
            <th scope="col">{conv ? 'Converted' : 'Answers'}</th>
            <th scope="col">{conv ? 'Rate' : 'Mean'}</th>
            <th scope="col">Difference</th>
            <th scope="col">{level}</th>
            <th scope="col">p</th>
          </tr>
        </thead>
        <tbody>
          {a.primary.arms.map((arm, i) => {
            const exposed = a.exposed[i]?.customers ?? 0
            const c = a.primary.comparisons.find((x) => x.variant === arm.variant)
            return (
              <tr key={arm.variant}>
                <th scope="row">
                  {names.get(arm.variant)}
                  {i === 0 && ' (control)'}
                </th>
                <td>{num(exposed)}</td>
                <td>{conv ? num(Math.round((arm.value ?? 0) * arm.n)) : num(arm.n)}</td>
                <td>{value(arm.value)}</td>
                <td>{c ? diff(c.difference) : '—'}</td>
                <td>{c ? `${diff(c.ci[0] ?? null)} to ${diff(c.ci[1] ?? null)}` : '—'}</td>
                <td>{c ? (c.p < 0.001 ? '< 0.001' : c.p.toFixed(3)) : '—'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {rows.length > 0 && <IntervalChart rows={rows} unit={conv ? 'points' : 'score'} label={`Difference from the control with its ${level}; the same figures are in the table above`} />}
      <p className={a.srm.flagged ? 'error' : 'muted'}>
        Sample ratio: {a.exposed.map((e) => `${names.get(e.variant)} ${num(e.customers)}`).join(', ')} against a planned {a.experiment.variants.map((v) => v.weight).join('/')} split — chi-square p{' '}
        {a.srm.p < 0.001 ? '< 0.001' : `= ${a.srm.p.toFixed(3)}`}
        {a.srm.flagged ? ': mismatch, fix assignment or exposure tracking first.' : ': as planned.'}
      </p>
      {a.guardrails.map((g, i) => (
        <p key={i} className={g.breached ? 'error' : 'muted'}>
          Guardrail {g.metric.kind === 'conversion' ? `reaching ${g.metric.step}` : `${g.metric.scoreKind.toUpperCase()} at ${g.metric.touchpoint}`}: {g.breached ? 'harmed by a treatment' : 'not harmed'}
          {' '}({g.arms.map((x) => `${names.get(x.variant)} ${x.value === null ? '—' : g.metric.kind === 'conversion' ? `${(x.value * 100).toFixed(1)} %` : x.value.toFixed(2)} (n ${num(x.n)})`).join(', ')})
        </p>
      ))}
    </section>
  )
}

function Plan({ a }: { a: ExperimentAnalysis }) {
  const e = a.experiment
  const conv = isConversion(a)
  return (
    <section className="card" aria-label="Plan">
      <h2>Plan</h2>
      <p>
        {e.mode === 'fixed'
          ? 'Fixed horizon: judged once, when every variant has its planned sample.'
          : 'Sequential: the mixture SPRT of Johari, Pekelis & Walsh (always-valid p-values and intervals), so looking every day does not inflate false positives.'}{' '}
        {num(a.plannedPerVariant)} customers per variant to detect {conv ? `${(e.mde * 100).toFixed(1)} points` : e.mde} from a baseline of {conv ? `${(e.baseline * 100).toFixed(1)} %` : `σ ${e.baseline}`} with α {e.alpha} and power {e.power}.
        {e.startAt && ` Started ${e.startAt.slice(0, 10)}.`}
        {e.stopAt && ` Stops ${e.stopAt.slice(0, 10)}.`} Targets step <strong>{e.step}</strong>.
      </p>
    </section>
  )
}
