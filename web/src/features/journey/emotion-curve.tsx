import { useMemo } from 'react'
import { EChart } from '../../charts/echart.tsx'
import { signed } from '../../ui/format.ts'
import type { MapStep } from './map-page.tsx'

/**
 * Designed emotion (dashed) against measured feedback (solid, dots; red where
 * the step has a red point) on the −2…+2 scale, one category per step column so
 * it lines up with the cards above. Steps without feedback break the measured
 * line rather than being bridged: a line never claims a measure nobody took.
 * The values are also written under the chart.
 */
export function EmotionCurve({ steps, width }: { steps: MapStep[]; width: number }) {
  const option = useMemo(
    () => ({
      grid: { left: 0, right: 0, top: 12, bottom: 8 },
      xAxis: { type: 'category', data: steps.map((s) => s.name), boundaryGap: true, show: false },
      yAxis: { type: 'value', min: -2, max: 2, interval: 1, axisLabel: { inside: true, color: '#6b7280' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
      legend: { show: false },
      tooltip: { trigger: 'axis' },
      series: [
        { name: 'Designed emotion', type: 'line', data: steps.map((s) => s.touchpoint?.designedEmotion ?? null), lineStyle: { type: 'dashed', color: '#9ca3af' }, itemStyle: { color: '#9ca3af' }, symbol: 'none', connectNulls: true },
        {
          name: 'Measured feedback',
          type: 'line',
          data: steps.map((s) => ({ value: s.touchpoint?.measuredEmotion ?? null, itemStyle: { color: s.red.length ? '#dc2626' : '#2563eb' }, symbolSize: s.red.length ? 12 : 8 })),
          lineStyle: { color: '#2563eb', width: 2 },
          symbol: 'circle',
          connectNulls: false,
        },
      ],
    }),
    [steps],
  )
  return (
    <figure className="emotion-curve" style={{ width }}>
      <figcaption>
        <span className="designed-key">- - designed emotion</span> <span className="measured-key">● measured feedback (−2…+2)</span>
      </figcaption>
      <EChart option={option} height={140} label="Emotion curve: designed emotion against measured feedback per step" testId="emotion-curve" />
      <ol className="curve-values" style={{ gridTemplateColumns: `repeat(${steps.length}, 1fr)` }} aria-label="Measured feedback per step">
        {steps.map((s) => (
          <li key={s.key}>{s.touchpoint?.measuredEmotion === null || s.touchpoint?.measuredEmotion === undefined ? '—' : signed(s.touchpoint.measuredEmotion)}</li>
        ))}
      </ol>
    </figure>
  )
}
