import { measuredRuns } from './measured-runs.ts'

type Point = { key: string; designed: number | null; measured: number | null; red: boolean }

const H = 120
const y = (emotion: number) => H / 2 - (emotion / 2) * (H / 2 - 12)
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}`

/**
 * Designed emotion (dashed) against measured feedback (solid line and dots) per
 * step, on the −2…+2 scale. Steps without feedback break the measured line
 * rather than being bridged, so a line never claims a measure nobody took.
 */
export function EmotionCurve({ steps }: { steps: Point[] }) {
  const w = 100
  const x = (i: number) => w * i + w / 2
  const points = (run: Array<[number, number]>) => run.map(([i, v]) => `${x(i)},${y(v)}`).join(' ')
  return (
    <svg className="curve" viewBox={`0 0 ${w * steps.length} ${H}`} preserveAspectRatio="none" role="img" aria-label="Emotion curve: designed against measured">
      <line x1="0" x2={w * steps.length} y1={y(0)} y2={y(0)} className="axis" />
      {measuredRuns(steps, (p) => p.designed).map((run) => (
        <polyline key={`d${run[0]![0]}`} points={points(run)} className="designed" />
      ))}
      {measuredRuns(steps, (p) => p.measured)
        .filter((run) => run.length > 1)
        .map((run) => (
          <polyline key={`m${run[0]![0]}`} points={points(run)} className="measured" />
        ))}
      {steps.map((p, i) =>
        p.measured === null ? null : (
          <circle key={p.key} cx={x(i)} cy={y(p.measured)} r={p.red ? 6 : 4.5} className={p.red ? 'dot red' : 'dot'}>
            <title>{`${p.key}: measured ${signed(p.measured)}${p.designed === null ? '' : `, designed ${signed(p.designed)}`}`}</title>
          </circle>
        ),
      )}
    </svg>
  )
}
