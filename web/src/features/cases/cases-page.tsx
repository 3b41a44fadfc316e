import { useQuery } from '@tanstack/react-query'
import { Link, useParams, useSearchParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import '../experiments/experiments.css'

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ')

/** Customers to follow up: the cases triggers opened, open first, overdue ones marked. */
export function CasesPage() {
  const { slug = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const status = params.get('status') === 'closed' ? 'closed' : 'open'
  const cases = useQuery({ queryKey: ['cases', slug, status], queryFn: () => ok(client.GET('/api/workspaces/{ws}/cases', { params: { path: { ws: slug }, query: { status } } })), refetchInterval: 15_000 })
  const triggers = useQuery({ queryKey: ['triggers', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/triggers', { params: { path: { ws: slug } } })) })
  return (
    <div className="page decide cases-page">
      <div className="page-head">
        <h1>Cases</h1>
      </div>
      <p className="muted intro">
        Triggers open a case within a minute of the event that meets their condition (a detractor after repeated contacts, an exit at a red point): one customer to call back before the
        due time. A case closes with its root cause and outcome, which count as evidence for the opportunity it is linked to.{' '}
        {triggers.data && `${triggers.data.filter((t) => t.enabled).length} trigger(s) active.`}
      </p>
      <div className="chips" role="group" aria-label="Which cases">
        {(['open', 'closed'] as const).map((s) => (
          <button key={s} className={status === s ? 'chip on' : 'chip'} aria-pressed={status === s} onClick={() => setParams(s === 'open' ? {} : { status: s })}>
            {s === 'open' ? 'Open' : 'Closed'}
          </button>
        ))}
      </div>
      <Pending query={cases} what="Reading the cases">
        {(list) =>
          list.length === 0 ? (
            <Empty title={status === 'open' ? 'No open cases' : 'No closed cases yet'}>
              {triggers.data?.length ? 'Nobody needs a call back right now. New cases appear here within a minute of their event.' : 'Add a trigger (POST …/triggers) to open cases for customers who need a follow-up.'}
            </Empty>
          ) : (
            <table className="results-table">
              <caption className="sr-only">Cases</caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Why</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Due</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/w/${slug}/cases/${c.id}`}>{c.customerId}</Link>
                    </td>
                    <td>{c.reason}</td>
                    <td>{when(c.openedAt)}</td>
                    <td>{when(c.dueAt)}</td>
                    <td>{c.status === 'closed' ? 'Closed' : c.overdue ? <strong className="error">Overdue{c.escalatedAt ? ', escalated' : ''}</strong> : 'Open'}</td>
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
