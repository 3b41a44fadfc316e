import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { money, num } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'

const LIMIT = 50

/** The customers who reached a step in the filtered period (the drill-down API), most valuable first, each opening their timeline. */
export function StepCustomers({ step, stepName }: { step: string; stepName: string }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const customers = useQuery({
    queryKey: ['customers-behind', slug, journeyId, step, 'reached', query],
    queryFn: () =>
      ok(client.GET('/api/workspaces/{ws}/journeys/{id}/customers', { params: { path: { ws: slug, id: journeyId }, query: { ...query, step, metric: 'reached', limit: LIMIT } as never } })),
  })
  return (
    <Pending query={customers} what="Finding the customers">
      {(c) =>
        c.total === 0 ? (
          <p className="muted">Nobody reached {stepName} in this period.</p>
        ) : (
          <div className="customer-list">
            <p className="muted">
              {num(c.total)} customers reached {stepName} in this period (anywhere in their journey); the {Math.min(LIMIT, c.customers.length)} most valuable:
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
