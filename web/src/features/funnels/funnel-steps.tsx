import type { Answer } from '../../api/client.ts'
import { EChart, type ChartOption } from '../../charts/echart.tsx'
import { hours, num, pct } from '../../ui/format.ts'
import type { FunnelWho } from './funnel-customers.tsx'
import { stepFigures, type StepFigures } from './funnel-figures.ts'

export type FunnelAnswer = Answer<'/api/workspaces/{ws}/journeys/{id}/funnel'>

/** A customer count that opens the customers behind it. */
export function CountButton({ n, who, onShow, label }: { n: number; who: FunnelWho; onShow: (w: FunnelWho) => void; label?: string }) {
  if (n === 0) return <>0</>
  return (
    <button type="button" className="count-link" onClick={() => onShow(who)} aria-label={label ?? `${num(n)} customers: ${who.title}`}>
      {num(n)}
    </button>
  )
}

function funnelOption(funnel: FunnelAnswer, nameOf: (k: string) => string): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${num(p.value)} customers` },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '3%',
        width: '52%',
        top: 8,
        bottom: 8,
        minSize: '6%',
        gap: 3,
        label: {
          position: 'right',
          color: '#0f172a',
          formatter: (p: { dataIndex: number }) => {
            const s = funnel.steps[p.dataIndex]!
            return `${p.dataIndex + 1}. ${nameOf(s.step)}: ${num(s.customers)} (${pct(s.conversion)} of the first)`
          },
        },
        labelLine: { show: true, length: 16 },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: funnel.steps.map((s, i) => ({ name: nameOf(s.step), value: s.customers, itemStyle: { color: i === 0 ? '#0f766e' : `rgba(15, 118, 110, ${Math.max(0.35, 1 - i * 0.12)})` } })),
      },
    ],
  }
}

/** The funnel as a chart and as a table: per step customers, conversion of the first and of the previous step, median time, drop-outs. */
export function FunnelSteps({ funnel, nameOf, onShow }: { funnel: FunnelAnswer; nameOf: (k: string) => string; onShow: (w: FunnelWho) => void }) {
  const figures: StepFigures[] = stepFigures(
    funnel.steps.map((s) => s.customers),
    funnel.steps.map((s) => s.medianHoursFromPrevious),
  )
  const last = funnel.steps.at(-1)!
  return (
    <section className="card funnel-section" aria-labelledby="funnel-title">
      <h2 id="funnel-title">Conversion</h2>
      <div className="funnel-summary">
        <div className="figure">
          <div className="figure-label">Entered</div>
          <div className="figure-value">{num(funnel.steps[0]!.customers)}</div>
        </div>
        <div className="figure">
          <div className="figure-label">Completed</div>
          <div className="figure-value">{num(last.customers)}</div>
        </div>
        <div className="figure">
          <div className="figure-label">Overall conversion</div>
          <div className="figure-value" data-testid="overall-conversion">
            {pct(last.conversion, 1)}
          </div>
        </div>
      </div>
      <EChart
        option={funnelOption(funnel, nameOf)}
        height={Math.max(200, funnel.steps.length * 56)}
        label={`Funnel of ${funnel.steps.length} steps: ${funnel.steps.map((s) => `${nameOf(s.step)} ${num(s.customers)}`).join(', ')}`}
        testId="funnel-chart"
      />
      <table className="data-table" data-testid="funnel-table">
        <caption className="sr-only">Conversion per funnel step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="num">
              Customers
            </th>
            <th scope="col" className="num">
              Of the first
            </th>
            <th scope="col" className="num">
              Of the previous
            </th>
            <th scope="col" className="num">
              Median time from the previous
            </th>
            <th scope="col" className="num">
              Stopped here
            </th>
          </tr>
        </thead>
        <tbody>
          {funnel.steps.map((s, i) => {
            const f = figures[i]!
            const name = nameOf(s.step)
            return (
              <tr key={`${s.step}-${i}`}>
                <th scope="row">
                  {i + 1}. {name}
                </th>
                <td className="num">
                  <CountButton n={f.customers} onShow={onShow} who={{ at: i + 1, outcome: 'reached', title: `Reached ${i + 1}. ${name}` }} />
                </td>
                <td className="num">{pct(f.ofFirst, 1)}</td>
                <td className="num">{i === 0 ? '—' : pct(f.ofPrevious, 1)}</td>
                <td className="num">{i === 0 ? '—' : hours(f.medianHours)}</td>
                <td className="num">
                  {i === funnel.steps.length - 1 ? (
                    '—'
                  ) : (
                    <CountButton n={f.droppedAfter} onShow={onShow} who={{ at: i + 1, outcome: 'dropped', title: `Stopped after ${i + 1}. ${name}` }} />
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
