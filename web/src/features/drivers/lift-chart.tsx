import { useMemo } from 'react'
import { EChart } from '../../charts/echart.tsx'
import { lift } from './lift-format.ts'

export type LiftRow = { factor: string; label: string; lift: number; ci: [number, number] }

const BAR = '#f87171'
/** The whiskers' colour; the e2e test finds the drawn whiskers by it. */
export const WHISKER = '#1e293b'
const ROW_PX = 34

type RenderApi = { value: (dim: number) => number; coord: (point: number[]) => number[]; size: (size: number[]) => number[] }

/**
 * Ranked factors as horizontal bars of their lift from 1, whiskers for the 95 %
 * confidence interval (a custom series) and a line at lift 1 (no difference).
 * Logarithmic: a lift of 2 and one of 0.5 are equally far from 1, and intervals
 * from a few to thousands fit one axis. Clicking a factor opens its customers.
 */
export function LiftChart({ rows, outcome, onPick }: { rows: LiftRow[]; outcome: string; onPick: (factor: string) => void }) {
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 32, top: 28, bottom: 36, containLabel: true },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.label),
        axisLabel: { width: 320, overflow: 'truncate', color: '#0f172a', fontSize: 12 },
        axisTick: { show: false },
      },
      xAxis: {
        type: 'log',
        min: 0.5,
        startValue: 1,
        name: 'Lift (× as likely, logarithmic)',
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: { color: '#475569' },
        axisLabel: { color: '#475569', showMinLabel: false, formatter: (v: number) => `×${v.toLocaleString('en')}` },
        splitLine: { lineStyle: { color: '#eef0f3' } },
      },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const r = rows[p.dataIndex]!
          return `${r.label}<br/>lift ${lift(r.lift)} (95 % CI ${lift(r.ci[0])}–${lift(r.ci[1])})`
        },
      },
      series: [
        {
          name: 'Lift',
          type: 'bar',
          data: rows.map((r) => r.lift),
          barWidth: 14,
          itemStyle: { color: BAR, borderRadius: [0, 3, 3, 0] },
          cursor: 'pointer',
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#475569', type: 'dashed', width: 1.5 },
            // The y axis runs top-down, so the line's start is at the top, clear of the axis labels.
            label: { formatter: 'no difference (×1)', position: 'start', color: '#475569' },
            data: [{ xAxis: 1 }],
          },
        },
        {
          name: '95 % confidence interval',
          type: 'custom',
          data: rows.map((r, i) => [i, r.ci[0], r.ci[1]]),
          encode: { y: 0, x: [1, 2] },
          z: 3,
          cursor: 'pointer',
          renderItem: (_: unknown, api: RenderApi) => {
            const [lo, hi] = [api.coord([api.value(1), api.value(0)]), api.coord([api.value(2), api.value(0)])]
            const cap = api.size([0, 1])[1]! * 0.3
            const style = { stroke: WHISKER, lineWidth: 1.6 }
            const tick = (x: number, y: number) => ({ type: 'line', shape: { x1: x, y1: y - cap / 2, x2: x, y2: y + cap / 2 }, style })
            return {
              type: 'group',
              children: [{ type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style }, tick(lo[0]!, lo[1]!), tick(hi[0]!, hi[1]!)],
            }
          },
        },
      ],
    }),
    [rows],
  )
  return (
    <EChart
      option={option}
      height={rows.length * ROW_PX + 70}
      label={`Lift of each factor on ${outcome}, with its 95 % confidence interval; the same figures are in the table below`}
      onClick={(e) => e.dataIndex !== undefined && rows[e.dataIndex] && onPick(rows[e.dataIndex]!.factor)}
      testId="lift-chart"
    />
  )
}
