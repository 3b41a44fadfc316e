import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { Link, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { money, num, pct } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'

const SHOWN = 50

/**
 * The customers behind one driver: everyone who had the factor (its support),
 * how many of them had the outcome, and the most valuable of them, each opening
 * their timeline. Takes the focus when it opens, so keyboard users land on it.
 */
export function DriverCustomers({ outcome, factor, words, onClose }: { outcome: string; factor: string; words: { factor: string; had: string }; onClose: () => void }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [outcome, factor])
  const customers = useQuery({
    queryKey: ['driver-customers', slug, journeyId, outcome, factor, query],
    queryFn: () =>
      ok(client.GET('/api/workspaces/{ws}/journeys/{id}/drivers/customers', { params: { path: { ws: slug, id: journeyId }, query: { ...query, outcome, factor, limit: SHOWN } as never } })),
  })
  return (
    <section className="card driver-customers" aria-labelledby="driver-customers-title" data-testid="driver-customers">
      <div className="row">
        <h2 id="driver-customers-title" ref={heading} tabIndex={-1}>
          Customers: {words.factor}
        </h2>
        <span className="spacer" />
        <button className="ghost" onClick={onClose} aria-label="Close the customers list">
          ✕
        </button>
      </div>
      <Pending query={customers} what="Finding the customers with this factor">
        {(c) => (
          <>
            <p>
              <strong>{num(c.total)}</strong> customers had this factor; <strong>{num(c.withOutcome)}</strong> of them ({pct(c.total ? c.withOutcome / c.total : 0)}) had the
              outcome. {c.total > c.customers.length ? `The ${num(c.customers.length)} most valuable:` : 'Most valuable first:'}
            </p>
            <table className="drivers-table compact">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col">{words.had}?</th>
                </tr>
              </thead>
              <tbody>
                {c.customers.map((x) => (
                  <tr key={x.customer}>
                    <td>
                      <Link to={`/w/${slug}/customers/${encodeURIComponent(x.customer)}`}>{x.customer}</Link>
                    </td>
                    <td className="num">{money(x.value)}</td>
                    <td>{x.hadOutcome ? <span className="had">● yes</span> : <span className="muted">no</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Pending>
    </section>
  )
}
