import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { EChart } from '../../charts/echart.tsx'
import { num, pct } from '../../ui/format.ts'
import { Empty, ErrorState, Loading } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { NodePanel } from './node-panel.tsx'
import { GROUPED, positionLabel, sankeyOption, type SankeyAnswer, type SankeyNode } from './sankey-option.ts'
import type { FlowParams } from './use-flow-params.ts'

/** Links listed before "show all". */
const FIRST_LINKS = 15

type Props = { flow: FlowParams; onChange: (changes: Partial<FlowParams>) => void; nameOf: (step: string) => string; stepOrder: string[] }

/** The Sankey from or to the chosen step, a panel of actions on a clicked node, and every figure written out below. */
export function SankeySection({ flow, onChange, nameOf, stepOrder }: Props) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const asked = { step: flow.step, direction: flow.direction, depth: flow.depth, minShare: flow.minShare }
  const sankey = useQuery({
    queryKey: ['sankey', slug, journeyId, query, asked],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/sankey', { params: { path: { ws: slug, id: journeyId }, query: { ...query, ...asked } as never } })),
    placeholderData: keepPreviousData,
  })
  // A node chosen in one flow is not carried to another (the same id can mean another path there).
  const flowKey = JSON.stringify(asked)
  const [chosen, setChosen] = useState<{ id: string; fromKeyboard: boolean; flow: string } | undefined>()
  const selected = chosen?.flow === flowKey ? chosen : undefined
  const stepName = nameOf(flow.step)
  const title = `Paths ${flow.direction === 'from' ? 'from' : 'to'} ${stepName}`

  let body
  if (sankey.error) body = <ErrorState error={sankey.error} />
  else if (!sankey.data) body = <Loading what="Following every customer's path" />
  else if (sankey.data.customers === 0)
    body = (
      <Empty title={`No paths through ${stepName} in this view`}>
        No customer reached this step with these filters. Widen the period or channel above, or pick another step.
      </Empty>
    )
  else {
    const data = sankey.data
    const node = data.nodes.find((n) => n.id === selected?.id)
    const choose = (changes: Partial<FlowParams>) => {
      setChosen(undefined)
      onChange(changes)
    }
    body = (
      <>
        <p className="muted">
          {num(data.customers)} customers reached {stepName}. Each column is one step {flow.direction === 'from' ? 'further' : 'earlier'}; a step that comes back later (a loop) appears again
          in a later column. Click a step, or use its “Actions” button below, to start or end the flow there or list its customers.
        </p>
        <div className={node ? 'sankey-layout with-panel' : 'sankey-layout'}>
          <EChart
            option={sankeyOption(data, nameOf, stepOrder)}
            height={chartHeight(data)}
            label={`${title}: ${data.nodes.length} steps in ${flow.depth + 1} columns, ${num(data.customers)} customers. The figures are listed in the tables below.`}
            testId="sankey-chart"
            onClick={(e) => e.dataType === 'node' && e.name && setChosen({ id: e.name, fromKeyboard: false, flow: flowKey })}
          />
          {node && <NodePanel node={node} flow={flow} nameOf={nameOf} focus={selected!.fromKeyboard} onChoose={choose} onClose={() => setChosen(undefined)} />}
        </div>
        <p className="legend muted">
          <strong>other</strong>: steps reached by fewer than {pct(flow.minShare, flow.minShare < 0.01 ? 1 : 0)} of these customers at that column, grouped ·{' '}
          <strong>{flow.direction === 'from' ? GROUPED.end : GROUPED.start}</strong>: the path {flow.direction === 'from' ? 'ends' : 'begins'} there
        </p>
        <NodesTable sankey={data} nameOf={nameOf} onActions={(id) => setChosen({ id, fromKeyboard: true, flow: flowKey })} />
        <LinksTable sankey={data} nameOf={nameOf} />
      </>
    )
  }
  return (
    <section
      className={sankey.isPlaceholderData ? 'card flows-section updating' : 'card flows-section'}
      aria-labelledby="sankey-title"
      data-testid="sankey"
      data-answered={sankey.data && !sankey.isPlaceholderData ? `${flow.step}:${flow.direction}:${flow.depth}` : ''}
    >
      <div className="section-head">
        <h2 id="sankey-title">{title}</h2>
        {sankey.isPlaceholderData && <span className="muted loading" role="status">Updating</span>}
      </div>
      {body}
    </section>
  )
}

/** Tall enough for the busiest column's nodes and their labels. */
function chartHeight(sankey: SankeyAnswer): number {
  const perColumn = new Map<number, number>()
  for (const n of sankey.nodes) perColumn.set(n.position, (perColumn.get(n.position) ?? 0) + 1)
  return Math.max(320, Math.min(900, Math.max(...perColumn.values()) * 34 + 40))
}

function NodesTable({ sankey, nameOf, onActions }: { sankey: SankeyAnswer; nameOf: (s: string) => string; onActions: (id: string) => void }) {
  return (
    <table className="data-table" data-testid="sankey-nodes">
      <caption>Customers at each step of the flow</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Step</th>
          <th scope="col" className="num">
            Customers
          </th>
          <th scope="col" className="num">
            Of {num(sankey.customers)}
          </th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sankey.nodes.map((n: SankeyNode) => (
          <tr key={n.id}>
            <td>{positionLabel(n.position, 'The chosen step')}</td>
            <td>{nameOf(n.name)}</td>
            <td className="num">{num(n.customers)}</td>
            <td className="num">{pct(sankey.customers ? n.customers / sankey.customers : 0)}</td>
            <td>
              <button className="ghost small" onClick={() => onActions(n.id)} aria-label={`Actions for ${nameOf(n.name)} (${positionLabel(n.position, 'the chosen step')})`}>
                Actions
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function LinksTable({ sankey, nameOf }: { sankey: SankeyAnswer; nameOf: (s: string) => string }) {
  const [all, setAll] = useState(false)
  const byId = new Map(sankey.nodes.map((n) => [n.id, n]))
  const shown = all ? sankey.links : sankey.links.slice(0, FIRST_LINKS)
  const named = (id: string) => {
    const n = byId.get(id)!
    return `${nameOf(n.name)} (${positionLabel(n.position, 'the chosen step')})`
  }
  return (
    <>
      <table className="data-table" data-testid="sankey-links">
        <caption>Moves between steps, the largest first</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col" className="num">
              Customers
            </th>
            <th scope="col" className="num">
              Of {num(sankey.customers)}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((l) => (
            <tr key={`${l.source}>${l.target}`}>
              <td>{named(l.source)}</td>
              <td>{named(l.target)}</td>
              <td className="num">{num(l.customers)}</td>
              <td className="num">{pct(sankey.customers ? l.customers / sankey.customers : 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sankey.links.length > FIRST_LINKS && (
        <button className="ghost" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? `Show the first ${FIRST_LINKS} moves` : `Show all ${sankey.links.length} moves`}
        </button>
      )}
    </>
  )
}
