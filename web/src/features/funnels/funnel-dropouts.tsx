import { num, pct } from '../../ui/format.ts'
import type { FunnelWho } from './funnel-customers.tsx'
import { CountButton, type FunnelAnswer } from './funnel-steps.tsx'

/** For each step but the last: how many stopped there, what they did next instead (top 5), and who they are. */
export function FunnelDropouts({ funnel, nameOf, onShow }: { funnel: FunnelAnswer; nameOf: (k: string) => string; onShow: (w: FunnelWho) => void }) {
  return (
    <section className="card funnel-section" aria-labelledby="dropouts-title">
      <h2 id="dropouts-title">Drop-outs: what they did instead</h2>
      <p className="muted">Customers who reached a step but not the next one within the window, and the step they took right after instead (“nothing more”: their path ends there).</p>
      <div className="dropouts" data-testid="dropouts">
        {funnel.dropOffNext.map((d, i) => {
          const at = funnel.steps[i]!
          const stopped = at.customers - funnel.steps[i + 1]!.customers
          const name = nameOf(d.after)
          return (
            <article key={`${d.after}-${i}`} className="dropout" aria-labelledby={`dropout-${i}`}>
              <h3 id={`dropout-${i}`}>
                After {i + 1}. {name}
              </h3>
              {stopped === 0 ? (
                <p className="muted">Nobody stopped here.</p>
              ) : (
                <p>
                  <strong>
                    <CountButton n={stopped} onShow={onShow} who={{ at: i + 1, outcome: 'dropped', title: `Stopped after ${i + 1}. ${name}` }} label={`${num(stopped)} customers stopped after ${name}: list them`} />
                  </strong>{' '}
                  stopped ({pct(at.customers ? stopped / at.customers : 0, 1)} of {num(at.customers)})
                </p>
              )}
              {d.next.length > 0 && (
                <table className="data-table compact">
                  <caption className="sr-only">What those who stopped after {name} did next</caption>
                  <thead>
                    <tr>
                      <th scope="col">Then</th>
                      <th scope="col" className="num">
                        Customers
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.next.map((n) => {
                      const then = n.name === '(left)' ? 'nothing more' : nameOf(n.name)
                      return (
                        <tr key={n.name}>
                          <td>{then}</td>
                          <td className="num">
                            <CountButton
                              n={n.customers}
                              onShow={onShow}
                              who={{ at: i + 1, outcome: 'dropped', next: n.name, title: `Stopped after ${name}, then ${then}` }}
                              label={`${num(n.customers)} customers stopped after ${name} and then ${then === 'nothing more' ? 'did nothing more' : `did ${then}`}: list them`}
                            />
                          </td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              )}
            </article>
          )
        })}
      </div>
    </section>
  )
}
