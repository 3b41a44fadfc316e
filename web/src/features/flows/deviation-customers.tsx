import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import { money, num } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'

export type Deviation = Answer<'/api/workspaces/{ws}/journeys/{id}/analysis'>['conformance']['deviations'][number]

const LIMIT = 50

/** The customers who made a deviation at least once, most valuable first, each opening their timeline. Takes the focus when it opens. */
export function DeviationCustomers({ deviation: d, title, onClose }: { deviation: Deviation; title: string; onClose: () => void }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const channels = d.fromChannel !== null && d.toChannel !== null ? { fromChannel: d.fromChannel, toChannel: d.toChannel } : {}
  const asked = { ...query, kind: d.kind, fromStage: d.from, toStage: d.to, ...channels, limit: LIMIT }
  const customers = useQuery({
    queryKey: ['deviation-customers', slug, journeyId, asked],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/conformance/customers', { params: { path: { ws: slug, id: journeyId }, query: asked as never } })),
  })
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [title])
  return (
    <div className="customer-list" data-testid="deviation-customers">
      <div className="row">
        <h3 ref={heading} tabIndex={-1}>
          Customers: {title}
        </h3>
        <span className="spacer" />
        <button className="ghost" onClick={onClose} aria-label="Close the customer list">
          ✕
        </button>
      </div>
      <Pending query={customers} what="Finding the customers">
        {(c) =>
          c.total === 0 ? (
            <p className="muted">No customer made this deviation in this view.</p>
          ) : (
            <>
              <p className="muted">
                {num(c.total)} customers made it at least once; {c.total > c.customers.length ? `the ${num(c.customers.length)} most valuable` : 'most valuable first'}. Value is the
                revenue in this view or, for a customer who has not paid yet, the payers’ mean.
              </p>
              <ul>
                {c.customers.map((x) => (
                  <li key={x.customer}>
                    <Link to={`/w/${slug}/customers/${encodeURIComponent(x.customer)}`}>{x.customer}</Link> · value {money(x.value)} · {x.occurrences}× · last{' '}
                    {x.lastSeen.slice(0, 10)}
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Pending>
    </div>
  )
}
