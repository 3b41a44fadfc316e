import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { money, num } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'

const LIMIT = 50

/** Which customers of the funnel to list: those who reached step `at` (1-based) or dropped out after it, optionally by what they did next and by breakdown group. */
export type FunnelWho = { at: number; outcome: 'reached' | 'dropped'; next?: string; group?: string; title: string }

/** The customers behind a funnel figure, most valuable first, each opening their timeline. */
export function FunnelCustomers({ who, funnel, nameOf, steps, onClose }: { who: FunnelWho; funnel: Record<string, string | number>; nameOf: (key: string) => string; steps: number; onClose: () => void }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const asked = { ...query, ...funnel, at: who.at, outcome: who.outcome, limit: LIMIT, ...(who.next !== undefined ? { next: who.next } : {}), ...(who.group !== undefined ? { group: who.group } : {}) }
  const customers = useQuery({
    queryKey: ['funnel-customers', slug, journeyId, asked],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/funnel/customers', { params: { path: { ws: slug, id: journeyId }, query: asked as never } })),
  })
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [who])
  return (
    <aside className="side-panel funnel-customers" aria-label="Customers behind the figure" data-testid="funnel-customers">
      <div className="row">
        <h2 ref={heading} tabIndex={-1}>
          {who.title}
        </h2>
        <span className="spacer" />
        <button className="ghost" onClick={onClose} aria-label="Close the customer list">
          ✕
        </button>
      </div>
      <Pending query={customers} what="Finding the customers">
        {(c) =>
          c.total === 0 ? (
            <p className="muted">No customer.</p>
          ) : (
            <>
              <p className="muted">
                {num(c.total)} customers; {c.total > c.customers.length ? `the ${c.customers.length} most valuable` : 'most valuable first'}. Value is the revenue in this view or, for
                a customer who has not paid yet, the payers’ mean.
              </p>
              <ul className="customer-list">
                {c.customers.map((x) => (
                  <li key={x.customer}>
                    <Link to={`/w/${slug}/customers/${encodeURIComponent(x.customer)}`}>{x.customer}</Link>
                    <span className="muted">
                      {' '}
                      · reached {x.stepsReached} of {steps}
                      {x.next !== null && ` · then ${x.next === '(left)' ? 'nothing more' : nameOf(x.next)}`} · value {money(x.value)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Pending>
    </aside>
  )
}
