import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { money, num } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'

export type OutcomeWho = { outcome: string; which: 'met' | 'unmet' | 'pending' }
const LIMIT = 50
const WORDS: Record<OutcomeWho['which'], string> = { met: 'for whom it is met', unmet: 'for whom it is not met', pending: 'still within its time limit' }

/** The customers behind a desired outcome's share, most valuable first, each opening their timeline. Takes the focus when it opens. */
export function OutcomeCustomers({ who, onClose }: { who: OutcomeWho; onClose: () => void }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const asked = { ...query, outcome: who.outcome, which: who.which, limit: LIMIT }
  const customers = useQuery({
    queryKey: ['outcome-customers', slug, journeyId, asked],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/brief/customers', { params: { path: { ws: slug, id: journeyId }, query: asked as never } })),
  })
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [who.outcome, who.which])
  return (
    <div className="customer-list" data-testid="outcome-customers">
      <div className="row">
        <h4 ref={heading} tabIndex={-1}>
          Customers {WORDS[who.which]}: “{who.outcome}”
        </h4>
        <span className="spacer" />
        <button type="button" className="ghost" onClick={onClose} aria-label="Close the customer list">
          ✕
        </button>
      </div>
      <Pending query={customers} what="Finding the customers">
        {(c) =>
          c.total === 0 ? (
            <p className="muted">No customer in this view.</p>
          ) : (
            <>
              <p className="muted">
                {num(c.total)} customers; {c.total > c.customers.length ? `the ${num(c.customers.length)} most valuable` : 'most valuable first'}.
              </p>
              <ul>
                {c.customers.map((x) => (
                  <li key={x.customer}>
                    <Link to={`/w/${slug}/customers/${encodeURIComponent(x.customer)}?journey=${journeyId}`}>{x.customer}</Link> · value {money(x.value)} · last {x.lastSeen.slice(0, 10)}
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
