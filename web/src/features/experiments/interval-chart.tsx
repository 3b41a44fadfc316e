import { useMemo } from 'react'
import { EChart } from '../../charts/echart.tsx'

type Row = { label: string; difference: number; lo: number | null; hi: number | null }
type RenderApi = { value: (dim: number) => number; coord: (point: number[]) => number[]; size: (size: number[]) => number[] }

/** Each treatment's difference from the control as a dot with its interval as whiskers, and a line at 0 (no difference). */
export function IntervalChart({ rows, unit, label }: { rows: Row[]; unit: 'points' | 'score'; label: string }) {
  const option = useMemo(() => {
    const fmt = (x: number) => (unit === 'points' ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pt` : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`)
    return {
      grid: { left: 8, right: 32, top: 24, bottom: 36, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { color: '#0f172a' }, axisTick: { show: false } },
      xAxis: { type: 'value', name: 'Difference from the control', nameLocation: 'middle', nameGap: 24, axisLabel: { color: '#475569', formatter: fmt } },
      series: [
        {
          name: 'Difference',
          type: 'scatter',
          symbolSize: 12,
          itemStyle: { color: '#0f766e' },
          data: rows.map((r, i) => [r.difference, i]),
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#475569', type: 'dashed' }, label: { formatter: 'no difference', position: 'start', color: '#475569' }, data: [{ xAxis: 0 }] },
        },
        {
          name: 'Interval',
          type: 'custom',
          data: rows.map((r, i) => [i, r.lo ?? r.difference, r.hi ?? r.difference]),
          encode: { y: 0, x: [1, 2] },
          renderItem: (_: unknown, api: RenderApi) => {
            const [lo, hi] = [api.coord([api.value(1), api.value(0)]), api.coord([api.value(2), api.value(0)])]
            const cap = api.size([0, 1])[1]! * 0.3
            const style = { stroke: '#1e293b', lineWidth: 1.8 }
            const tick = (x: number, y: number) => ({ type: 'line', shape: { x1: x, y1: y - cap / 2, x2: x, y2: y + cap / 2 }, style })
            return { type: 'group', children: [{ type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style }, tick(lo[0]!, lo[1]!), tick(hi[0]!, hi[1]!)] }
          },
        },
      ],
    }
  }, [rows, unit])
  return <EChart option={option} height={rows.length * 44 + 80} label={label} testId="interval-chart" />
}
