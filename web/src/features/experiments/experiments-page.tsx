import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { Empty, Pending } from '../../ui/states.tsx'
import { useCanEdit } from '../shell/session.ts'
import { ExperimentForm } from './experiment-form.tsx'
import { useExperiments } from './experiment-queries.ts'
import './experiments.css'

/** Pilots: every experiment with its step, mode, plan and status; editors plan new ones. */
export function ExperimentsPage() {
  const { slug = '' } = useParams()
  const canEdit = useCanEdit(slug)
  const list = useExperiments(slug)
  const [creating, setCreating] = useState(false)
  return (
    <div className="page decide experiments-page">
      <div className="page-head">
        <h1>Experiments</h1>
        <span className="spacer" />
        {canEdit && !creating && <button onClick={() => setCreating(true)}>New experiment</button>}
      </div>
      <p className="muted intro">
        Prove a change on a pilot before rolling it out. Each customer gets a stable variant from <code>GET …/experiments/:id/assignment?customer=…</code>; your app sends the
        exposure (<code>Experiment Viewed</code>) through the collector. Fixed-horizon pilots are judged once, at the planned sample; sequential ones may be looked at every day.
      </p>
      {creating && <ExperimentForm onDone={() => setCreating(false)} />}
      <Pending query={list} what="Reading the experiments">
        {(rows) =>
          rows.length === 0 ? (
            <Empty title="No experiments yet">{canEdit ? 'Plan one with “New experiment”: pick the step it changes, the metric, and the effect you want to detect.' : 'Editors plan experiments; they will appear here.'}</Empty>
          ) : (
            <table className="results-table experiments-table">
              <caption className="sr-only">Experiments</caption>
              <thead>
                <tr>
                  <th scope="col">Experiment</th>
                  <th scope="col">Step</th>
                  <th scope="col">Variants</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Planned per variant</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link to={`/w/${slug}/experiments/${e.id}`}>{e.name}</Link>
                    </td>
                    <td>{e.step}</td>
                    <td>{e.variants.map((v) => `${v.name} (${v.weight})`).join(' · ')}</td>
                    <td>{e.mode === 'fixed' ? 'Fixed horizon' : 'Sequential'}</td>
                    <td>{e.plannedPerVariant.toLocaleString('en')}</td>
                    <td>{e.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Pending>
    </div>
  )
}
