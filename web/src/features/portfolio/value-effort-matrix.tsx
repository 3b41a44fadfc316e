import { useMemo } from 'react'
import { EChart } from '../../charts/echart.tsx'
import { money, num } from '../../ui/format.ts'
import { CATEGORY_LABEL, type Opportunity } from './portfolio-queries.ts'

const COLOR: Record<Opportunity['category'], string> = { must_have: '#0f766e', strategic: '#7c3aed', star: '#d97706' }

/** Value at risk (logarithmic) against effort, one dot per ranked opportunity, sized by reach: quick wins sit top left. */
export function ValueEffortMatrix({ items, onPick }: { items: Opportunity[]; onPick: (id: string) => void }) {
  const option = useMemo(
    () => ({
      grid: { left: 16, right: 24, top: 40, bottom: 40, containLabel: true },
      legend: { top: 0, data: Object.values(CATEGORY_LABEL) },
      xAxis: { type: 'value', name: 'Effort (person-weeks)', nameLocation: 'middle', nameGap: 28, min: 0, axisLabel: { color: '#475569' } },
      yAxis: { type: 'log', name: 'Value at risk', min: 1, axisLabel: { color: '#475569', formatter: (v: number) => money(v) } },
      tooltip: { trigger: 'item', formatter: (p: { data: { o: Opportunity } }) => `${p.data.o.title}<br/>value at risk ${money(p.data.o.valueAtRisk)} · effort ${p.data.o.effort} · ${num(p.data.o.customersAffected)} customers` },
      series: (Object.keys(COLOR) as Array<Opportunity['category']>).map((c) => ({
        name: CATEGORY_LABEL[c],
        type: 'scatter',
        itemStyle: { color: COLOR[c] },
        label: { show: true, position: 'right', color: '#0f172a', fontSize: 11, formatter: (p: { data: { o: Opportunity } }) => `#${p.data.o.rank} ${p.data.o.title.slice(0, 28)}` },
        data: items
          .filter((o) => o.category === c)
          .map((o) => ({ value: [o.effort, Math.max(1, o.valueAtRisk)], symbolSize: 10 + Math.min(30, Math.log10(1 + o.customersAffected) * 7), o })),
      })),
    }),
    [items],
  )
  return (
    <EChart
      option={option}
      height={440}
      label="Value at risk against effort for each ranked opportunity, sized by customers affected; the same figures are in the list"
      onClick={(e) => {
        const o = (e.data as { o?: Opportunity } | undefined)?.o
        if (o) onPick(o.id)
      }}
      testId="value-effort-matrix"
    />
  )
}
