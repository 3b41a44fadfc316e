import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { num, pct } from '../../ui/format.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { FIT_LABEL, pathFit, type PathFit } from './designed-path.ts'

/** A path with consecutive repeats folded: ["a", "b", "b", "b"] → a, b ×3. */
function folded(path: string[]): Array<{ step: string; times: number }> {
  const out: Array<{ step: string; times: number }> = []
  for (const step of path) {
    const last = out.at(-1)
    if (last?.step === step) last.times++
    else out.push({ step, times: 1 })
  }
  return out
}

/** The most common complete paths (variants) with their customers, each marked against the designed path. */
export function VariantsSection({ count, onCount, nameOf, stepOrder, goal }: { count: number; onCount: (n: number) => void; nameOf: (s: string) => string; stepOrder: string[]; goal: string | undefined }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const flow = useQuery({
    queryKey: ['flow', slug, journeyId, query, count],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/flow', { params: { path: { ws: slug, id: journeyId }, query: { ...query, by: 'step', variants: count } as never } })),
    placeholderData: keepPreviousData,
  })
  return (
    <section className="card flows-section" aria-labelledby="variants-title">
      <div className="section-head">
        <h2 id="variants-title">Most common paths</h2>
        <label className="inline">
          Show
          <select value={count} onChange={(e) => onCount(Number(e.target.value))}>
            {[10, 25, 50, 100].map((n) => (
              <option key={n} value={n}>
                top {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Pending query={flow} what="Counting every customer's whole path">
        {(f) => {
          if (f.customers === 0) return <Empty title="No paths in this view">No customer has a journey event with these filters: widen the period or channel above.</Empty>
          const rows = f.variants.map((v) => ({ ...v, fit: pathFit(v.path, stepOrder, goal) }))
          const covered = rows.reduce((sum, v) => sum + v.customers, 0)
          const designed = rows.filter((v) => v.fit === 'designed').reduce((sum, v) => sum + v.customers, 0)
          return (
            <>
              <p className="muted">
                {num(f.customers)} customers took {rows.length === count ? `more than ${num(count)}` : num(rows.length)} different paths. The {num(rows.length)} shown cover {pct(covered / f.customers)} of
                them; {pct(designed / f.customers)} of the customers took one of the designed paths among them.
              </p>
              <ul className="fit-legend" aria-label="Legend">
                {(Object.keys(FIT_LABEL) as PathFit[]).map((fit) => (
                  <li key={fit}>
                    <span className={`fit fit-${fit.replace(' ', '-')}`} aria-hidden="true">
                      {FIT_LABEL[fit].mark}
                    </span>{' '}
                    <strong>{FIT_LABEL[fit].text}</strong>: {FIT_LABEL[fit].legend}
                  </li>
                ))}
              </ul>
              <table className="data-table variants" data-testid="variants">
                <caption className="sr-only">The most common paths, with their customers</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">Fit</th>
                    <th scope="col">Path</th>
                    <th scope="col" className="num">
                      Steps
                    </th>
                    <th scope="col" className="num">
                      Customers
                    </th>
                    <th scope="col" className="num">
                      Share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((v, i) => (
                    <tr key={v.path.join('>')} className={v.fit === 'designed' ? 'designed' : undefined} data-fit={v.fit}>
                      <td className="num">{i + 1}</td>
                      <td className="fit-cell">
                        <span className={`fit fit-${v.fit.replace(' ', '-')}`} aria-hidden="true">
                          {FIT_LABEL[v.fit].mark}
                        </span>{' '}
                        {FIT_LABEL[v.fit].text}
                      </td>
                      <td>
                        <ol className="path" aria-label={`Path ${i + 1}`}>
                          {folded(v.path).map((s, j) => (
                            <li key={j}>
                              {nameOf(s.step)}
                              {s.times > 1 && <span className="repeat"> ×{s.times}</span>}
                            </li>
                          ))}
                        </ol>
                      </td>
                      <td className="num">{v.path.length}</td>
                      <td className="num">{num(v.customers)}</td>
                      <td className="num">
                        <span className="share-bar" aria-hidden="true">
                          <span style={{ width: pct(v.share) }} />
                        </span>
                        {pct(v.share, 1)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }}
      </Pending>
    </section>
  )
}
