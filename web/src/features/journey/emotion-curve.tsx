type Point = { key: string; designed: number | null; measured: number | null; red: boolean }

const H = 120
const y = (emotion: number) => H / 2 - (emotion / 2) * (H / 2 - 12)

/** Designed emotion (dashed) against measured feedback (solid) per step, on the −2…+2 scale. */
export function EmotionCurve({ steps }: { steps: Point[] }) {
  const w = 100
  const x = (i: number) => w * i + w / 2
  const line = (pick: (p: Point) => number | null) =>
    steps
      .map((p, i) => [i, pick(p)] as const)
      .filter(([, v]) => v !== null)
      .map(([i, v]) => `${x(i)},${y(v!)}`)
      .join(' ')
  return (
    <svg className="curve" viewBox={`0 0 ${w * steps.length} ${H}`} preserveAspectRatio="none" role="img" aria-label="Emotion curve: designed against measured">
      <line x1="0" x2={w * steps.length} y1={y(0)} y2={y(0)} className="axis" />
      <polyline points={line((p) => p.designed)} className="designed" />
      <polyline points={line((p) => p.measured)} className="measured" />
      {steps.map((p, i) =>
        p.measured === null ? null : <circle key={p.key} cx={x(i)} cy={y(p.measured)} r={p.red ? 6 : 4.5} className={p.red ? 'dot red' : 'dot'} />,
      )}
    </svg>
  )
}
