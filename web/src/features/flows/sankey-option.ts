import type { Answer } from '../../api/client.ts'
import type { ChartOption } from '../../charts/echart.tsx'
import { num } from '../../ui/format.ts'

export type SankeyAnswer = Answer<'/api/workspaces/{ws}/journeys/{id}/sankey'>
export type SankeyNode = SankeyAnswer['nodes'][number]

/** Names the Sankey adds to the journey's steps: rare steps grouped, and paths that begin or end within the depth. */
export const GROUPED = { other: 'other', start: '(start)', end: '(end)' } as const
export const isStep = (name: string) => !Object.values(GROUPED).includes(name as never)

const PALETTE = ['#0f766e', '#2563eb', '#9333ea', '#c2410c', '#0891b2', '#4d7c0f', '#be185d', '#a16207', '#4338ca', '#047857', '#b91c1c', '#0369a1']
const GREY = '#94a3b8'

/** Where a node sits, in words: "the step itself", "2 steps after", "1 step before". */
export function positionLabel(position: number, step: string): string {
  if (position === 0) return step
  const n = Math.abs(position)
  return `${n} step${n > 1 ? 's' : ''} ${position > 0 ? 'after' : 'before'}`
}

/**
 * The ECharts option for a Sankey answer. Node ids ("<position>:<name>") keep a
 * step that comes back later (a loop) in its own column, so the graph stays
 * acyclic without dropping it; each step keeps one colour in every column.
 */
export function sankeyOption(sankey: SankeyAnswer, nameOf: (step: string) => string, stepOrder: string[]): ChartOption {
  const first = Math.min(...sankey.nodes.map((n) => n.position))
  const label = new Map(sankey.nodes.map((n) => [n.id, `${nameOf(n.name)}  ${num(n.customers)}`]))
  const colour = (name: string) => (isStep(name) ? PALETTE[Math.max(0, stepOrder.indexOf(name)) % PALETTE.length] : GREY)
  const byId = new Map(sankey.nodes.map((n) => [n.id, n]))
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataType?: string; data: { source?: string; target?: string; value: number; name?: string } }) =>
        p.dataType === 'edge'
          ? `${nameOf(byId.get(p.data.source!)!.name)} → ${nameOf(byId.get(p.data.target!)!.name)}: ${num(p.data.value)} customers`
          : `${label.get(p.data.name!)} customers`,
    },
    series: [
      {
        type: 'sankey',
        left: 16,
        right: 190,
        top: 12,
        bottom: 12,
        nodeGap: 10,
        draggable: false,
        layoutIterations: 0,
        emphasis: { focus: 'adjacency' },
        data: sankey.nodes.map((n) => ({ name: n.id, value: n.customers, depth: n.position - first, itemStyle: { color: colour(n.name) } })),
        links: sankey.links.map((l) => ({ source: l.source, target: l.target, value: l.customers })),
        label: { formatter: (p: { name: string }) => label.get(p.name) ?? p.name, fontSize: 12, color: '#0f172a' },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      },
    ],
  }
}
