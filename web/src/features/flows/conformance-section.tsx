import { useQuery } from '@tanstack/react-query'
import { Fragment, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { num, pct } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { DeviationCustomers, type Deviation } from './deviation-customers.tsx'

/** A deviation's detail with stage names: "Discover → Install", or "Use: app → phone" for a channel switch (channels stay as they are). */
function detailOf(d: Deviation, stageName: (key: string) => string): string {
  if (d.kind === 'channel switch mid-stage') return `${stageName(d.from)}: ${d.fromChannel} → ${d.toChannel}`
  return `${stageName(d.from)} → ${stageName(d.to)}`
}

const keyOf = (d: Deviation) => [d.kind, d.from, d.to, d.fromChannel, d.toChannel].join('\u0000')

const KIND_HELP: Record<Deviation['kind'], string> = {
  'stage skipped': 'went on to a later stage without the one between',
  'backward move': 'went back to an earlier stage',
  'channel switch mid-stage': 'changed channel between two steps of one stage',
}

/** How far customers follow the designed stage order: the fitness and the deviations, ranked by customers (from the cached analysis). */
export function ConformanceSection({ stageName }: { stageName: (key: string) => string }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const analysis = useQuery({
    queryKey: ['analysis', slug, journeyId, query],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/analysis', { params: { path: { ws: slug, id: journeyId }, query: query as never } })),
  })
  const [opened, setOpened] = useState<string>()
  // The count that opened the list gets the focus back when it closes.
  const opener = useRef<HTMLButtonElement | null>(null)
  const close = () => {
    setOpened(undefined)
    opener.current?.focus()
  }
  return (
    <section className="card flows-section" aria-labelledby="conformance-title">
      <h2 id="conformance-title">Conformance to the designed stage order</h2>
      <Pending query={analysis} what="Checking every path against the design">
        {({ conformance: c }) => (
          <>
            <div className="conformance-head">
              <div className="figure">
                <div className="figure-label">Fitness</div>
                <div className="figure-value" data-testid="fitness">
                  {pct(c.fitness)}
                </div>
              </div>
              <p>
                {num(Math.round(c.fitness * c.customers))} of {num(c.customers)} customers never skip a stage nor move back to an earlier one. The deviations below are ranked by the
                customers who made them at least once (one customer can make several); a channel switch within a stage does not lower the fitness, it shows where customers change channel.
              </p>
            </div>
            {c.deviations.length === 0 ? (
              <p className="muted">No deviation: every customer follows the designed stage order.</p>
            ) : (
              <table className="data-table" data-testid="deviations">
                <caption className="sr-only">Deviations from the designed stage order</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">Deviation</th>
                    <th scope="col">Where</th>
                    <th scope="col" className="num">
                      Customers
                    </th>
                    <th scope="col" className="num">
                      Of {num(c.customers)}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.deviations.map((d, i) => {
                    const key = keyOf(d)
                    const detail = detailOf(d, stageName)
                    const open = opened === key
                    return (
                      <Fragment key={key}>
                        <tr>
                          <td className="num">{i + 1}</td>
                          <td>
                            <strong>{d.kind}</strong>
                            <div className="muted">{KIND_HELP[d.kind]}</div>
                          </td>
                          <td>{detail}</td>
                          <td className="num">
                            <button
                              type="button"
                              className="link"
                              aria-expanded={open}
                              aria-label={`${num(d.customers)} customers made the ${d.kind} ${detail}: list them`}
                              onClick={(e) => {
                                opener.current = e.currentTarget
                                setOpened(open ? undefined : key)
                              }}
                            >
                              {num(d.customers)}
                            </button>
                          </td>
                          <td className="num">{pct(c.customers ? d.customers / c.customers : 0, 1)}</td>
                        </tr>
                        {open && (
                          <tr>
                            <td colSpan={5}>
                              <DeviationCustomers deviation={d} title={`${d.kind}, ${detail}`} onClose={close} />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    )
                  })}
                </tbody>
              </table>
            )}
          </>
        )}
      </Pending>
    </section>
  )
}
