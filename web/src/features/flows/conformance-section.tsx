import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import { num, pct } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'

type Deviation = Answer<'/api/workspaces/{ws}/journeys/{id}/analysis'>['conformance']['deviations'][number]

/** A deviation's detail with stage names: "discover → install", or "use: app → phone" for a channel switch (channels stay as they are). */
function detailOf(d: Deviation, stageName: (key: string) => string): string {
  if (d.kind === 'channel switch mid-stage') {
    const [stage, channels] = d.detail.split(': ')
    return `${stageName(stage!)}: ${channels}`
  }
  return d.detail
    .split(' → ')
    .map((s) => stageName(s))
    .join(' → ')
}

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
                  {c.deviations.map((d, i) => (
                    <tr key={`${d.kind}:${d.detail}`}>
                      <td className="num">{i + 1}</td>
                      <td>
                        <strong>{d.kind}</strong>
                        <div className="muted">{KIND_HELP[d.kind]}</div>
                      </td>
                      <td>{detailOf(d, stageName)}</td>
                      <td className="num">{num(d.customers)}</td>
                      <td className="num">{pct(c.customers ? d.customers / c.customers : 0, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Pending>
    </section>
  )
}
