import { useState } from 'react'
import { api, type Workspace } from '../../api.ts'
import { useAsync } from '../../use-async.ts'
import { EmotionCurve } from './emotion-curve.tsx'
import type { Analysis, JourneySummary, RedPoint, TouchpointsReport } from './types.ts'

const pct = (x: number) => `${Math.round(x * 100)}%`

/** The journey map measured: stages as lanes, touchpoints with their figures, red points and blind spots, and the emotion curve. */
export function JourneyMap({ workspace }: { workspace: Workspace }) {
  const list = useAsync(() => api<JourneySummary[]>('GET', `/api/workspaces/${workspace.slug}/journeys`), [workspace.slug])
  const [picked, setPicked] = useState<string | undefined>()
  const journeyId = picked ?? list.data?.[0]?.id
  if (list.data && !list.data.length) {
    return (
      <section className="card">
        <h2>Journey map</h2>
        <p className="muted">No journey yet. Import one with <code>waymark journey import FILE --workspace {workspace.slug}</code>.</p>
      </section>
    )
  }
  return (
    <section className="card journey" aria-label="Journey map">
      <div className="row journey-head">
        <h2>Journey map</h2>
        {list.data && list.data.length > 1 && (
          <select aria-label="Journey" value={journeyId} onChange={(e) => setPicked(e.target.value)}>
            {list.data.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {journeyId && <MeasuredJourney key={journeyId} base={`/api/workspaces/${workspace.slug}/journeys/${journeyId}`} />}
    </section>
  )
}

function MeasuredJourney({ base }: { base: string }) {
  const tps = useAsync(() => api<TouchpointsReport>('GET', `${base}/touchpoints`), [base])
  const analysis = useAsync(() => api<Analysis>('GET', `${base}/analysis`), [base])
  const journey = useAsync(() => api<{ name: string; document: { stages: Array<{ key: string; name: string; promise?: string; steps: Array<{ key: string; name: string; channel?: string }> }> } }>('GET', base), [base])

  if (tps.error || analysis.error || journey.error) return <p className="error">{(tps.error ?? analysis.error ?? journey.error)!.message}</p>
  if (!tps.data || !journey.data) return <p className="muted">Measuring the journey…</p>

  const byStep = new Map(tps.data.touchpoints.map((t) => [t.step, t]))
  // A step can have a red point for all its customers and others for one segment of them.
  const red = new Map<string, RedPoint[]>()
  for (const r of analysis.data?.redPoints ?? []) red.set(r.step, [...(red.get(r.step) ?? []), r])
  const dark = new Set((analysis.data?.blindSpots.darkTouchpoints ?? []).map((d) => d.step))
  const steps = journey.data.document.stages.flatMap((s) => s.steps.map((t) => ({ stage: s.key, ...t })))

  return (
    <>
      <p className="muted">
        {journey.data.name} · {tps.data.customers.toLocaleString('en')} customers
        {analysis.data ? ` · ${analysis.data.redPoints.length} red points · ${dark.size} dark touchpoints` : ' · finding red points…'}
      </p>
      <div className="map" style={{ gridTemplateColumns: `repeat(${steps.length}, minmax(78px, 1fr))` }}>
        {journey.data.document.stages.map((s) => (
          <div key={s.key} className="stage" style={{ gridColumn: `span ${Math.max(1, s.steps.length)}` }} title={s.promise ? `Promise: ${s.promise}` : undefined}>
            <strong>{s.name}</strong>
            {s.promise && <span className="promise">“{s.promise}”</span>}
          </div>
        ))}
        <div className="curve-row" style={{ gridColumn: `1 / span ${steps.length}` }}>
          <div className="legend">
            <span className="designed-key">designed emotion</span> <span className="measured-key">measured feedback</span>
          </div>
          <EmotionCurve steps={steps.map((s) => ({ key: s.key, designed: byStep.get(s.key)?.designedEmotion ?? null, measured: byStep.get(s.key)?.measuredEmotion ?? null, red: red.has(s.key) }))} />
        </div>
        {steps.map((s) => {
          const t = byStep.get(s.key)
          const points = red.get(s.key) ?? []
          return (
            <div key={s.key} className={`step ${points.length ? 'red' : ''} ${dark.has(s.key) ? 'dark' : ''}`} data-testid={`step-${s.key}`}>
              <div className="step-name">{s.name}</div>
              <div className="channel">{s.channel ?? 'other'}</div>
              {dark.has(s.key) ? (
                <div className="badge-dark">no data</div>
              ) : (
                t && (
                  <>
                    <div className="reach" title={`reach ${pct(t.reach)}`}>
                      <span style={{ width: pct(t.reach) }} />
                    </div>
                    <div className="figures">
                      {t.customers.toLocaleString('en')}
                      {t.exitRate >= 0.05 && <span title="exit rate"> · exit {pct(t.exitRate)}</span>}
                      {t.repeatRate >= 0.2 && <span title="repeat rate"> · ↻ {pct(t.repeatRate)}</span>}
                    </div>
                  </>
                )
              )}
              {points.map((r) => (
                <div key={r.segment ? `${r.segment.trait}=${r.segment.value}` : 'all'} className="why" title={r.reasons.map((x) => `${x.metric}: ${x.value.toFixed(2)} vs ${x.baseline.toFixed(2)}`).join('\n')}>
                  ● {r.reasons.map((x) => x.metric.replace('Rate', '').replace('hoursToNextInStage', 'wait')).join(', ')}
                  {r.segment && <> · {r.segment.trait === 'value tier' ? `${r.segment.value}-value customers` : `${r.segment.trait} ${r.segment.value}`}</>}
                  <br />{Math.round(r.valueAtRisk).toLocaleString('en')} value at risk
                </div>
              ))}
            </div>
          )
        })}
      </div>
    </>
  )
}
