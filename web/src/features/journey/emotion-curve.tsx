import { useCallback, useMemo } from 'react'
import { EChart, type Chart } from '../../charts/echart.tsx'
import { EMOTION_MAX, EMOTION_MIN } from '../../../../src/domain/journey/journey.ts'
import { signed } from '../../ui/format.ts'

/** One column of the curve: a step (or an empty stage's slot, without values). */
export type CurvePoint = { key: string; name: string; designed: number | null; measured: number | null; red: boolean }

export const CURVE_HEIGHT = 140
const GRID = { left: 0, right: 0, top: 12, bottom: 8 }
const EMOTIONS: Record<number, string> = { [-2]: '−2 very negative', [-1]: '−1 negative', 0: '0 neutral', 1: '+1 positive', 2: '+2 very positive' }
const clamp = (v: number) => Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, Math.round(v)))

/**
 * Designed emotion (dashed) against measured feedback (solid, dots; red where
 * the step has a red point) on the −2…+2 scale, one category per step column so
 * it lines up with the cards above. Steps without feedback break the measured
 * line rather than being bridged: a line never claims a measure nobody took.
 * The values are also written under the chart. With `onDesign` (the editor)
 * each designed point is a handle dragged up or down to a whole value, and a
 * picker under each column does the same from the keyboard.
 */
export function EmotionCurve({ points, width, onDesign, print }: { points: CurvePoint[]; width: number; onDesign?: (key: string, emotion: number | undefined) => void; print?: boolean }) {
  const option = useMemo(
    () => ({
      grid: GRID,
      xAxis: { type: 'category', data: points.map((s) => s.name), boundaryGap: true, show: false },
      yAxis: { type: 'value', min: EMOTION_MIN, max: EMOTION_MAX, interval: 1, axisLabel: { inside: true, color: '#6b7280' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
      legend: { show: false },
      tooltip: { trigger: 'axis' },
      series: [
        { name: 'Designed emotion', type: 'line', data: points.map((s) => s.designed), lineStyle: { type: 'dashed', color: '#6b7280' }, itemStyle: { color: '#6b7280' }, symbol: 'none', connectNulls: true },
        {
          name: 'Measured feedback',
          type: 'line',
          data: points.map((s) => ({ value: s.measured, itemStyle: { color: s.red ? '#dc2626' : '#2563eb' }, symbolSize: s.red ? 12 : 8 })),
          lineStyle: { color: '#2563eb', width: 2 },
          symbol: 'circle',
          connectNulls: false,
        },
      ],
    }),
    [points, onDesign],
  )
  // The designed points as handles, placed once the chart has laid out its axes.
  const placeHandles = useCallback(
    (chart: Chart) => {
      if (!onDesign) return
      chart.setOption({
        graphic: points.flatMap((p, i) =>
          p.key
            ? [
                {
                  type: 'circle',
                  id: `designed-${p.key}`,
                  position: chart.convertToPixel('grid', [i, p.designed ?? 0]),
                  shape: { r: 6 },
                  style: { fill: p.designed === null ? '#fff' : '#0f766e', stroke: '#0f766e', lineWidth: 2 },
                  cursor: 'ns-resize',
                  draggable: 'vertical',
                  z: 100,
                  ondragend(this: { x: number; y: number }) {
                    const [, value] = chart.convertFromPixel('grid', [this.x, this.y]) as number[]
                    onDesign(p.key, clamp(value!))
                  },
                },
              ]
            : [],
        ),
      })
    },
    [points, onDesign],
  )
  return (
    <figure className="emotion-curve" style={{ width }}>
      <figcaption>
        <span className="designed-key">- - designed emotion{onDesign ? ' (drag a point, or pick below)' : ''}</span> <span className="measured-key">● measured feedback (−2…+2)</span>
      </figcaption>
      <EChart
        option={option}
        height={CURVE_HEIGHT}
        width={print ? width : undefined}
        label="Emotion curve: designed emotion against measured feedback per step"
        testId={print ? undefined : 'emotion-curve'}
        onChart={onDesign ? placeHandles : undefined}
      />
      <ol className="curve-values" style={{ gridTemplateColumns: `repeat(${points.length}, 1fr)` }} aria-label="Measured feedback per step">
        {points.map((s, i) => (
          <li key={s.key || i}>{s.measured === null ? '—' : signed(s.measured)}</li>
        ))}
      </ol>
      {onDesign && (
        <ol className="curve-pickers" style={{ gridTemplateColumns: `repeat(${points.length}, 1fr)` }} aria-label="Designed emotion per step">
          {points.map((s, i) => (
            <li key={s.key || i}>
              {s.key && (
                <select aria-label={`Designed emotion of ${s.name}`} value={s.designed ?? ''} onChange={(e) => onDesign(s.key, e.target.value === '' ? undefined : Number(e.target.value))}>
                  <option value="">not set</option>
                  {[2, 1, 0, -1, -2].map((v) => (
                    <option key={v} value={v}>
                      {EMOTIONS[v]}
                    </option>
                  ))}
                </select>
              )}
            </li>
          ))}
        </ol>
      )}
    </figure>
  )
}
