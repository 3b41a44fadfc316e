import { useState, type FormEvent } from 'react'
import type { JourneyDocument } from '../../api/journey.ts'
import { FEEDBACK_KINDS, FEEDBACK_SCALES } from '../../../../src/domain/feedback.ts'
import type { OutcomeMeasure } from '../../../../src/domain/journey/journey.ts'

const KINDS = [
  { value: 'reach', label: 'Reaches a step' },
  { value: 'avoid', label: 'Never needs a step' },
  { value: 'within', label: 'Reaches a step within a time' },
  { value: 'score', label: 'Scores a touchpoint at least' },
] as const

/** Binds a desired outcome to a measure over the journey's own steps. */
export function MeasureForm({ doc, outcome, initial, onSubmit, onCancel, pending }: { doc: JourneyDocument; outcome: string; initial: OutcomeMeasure | null; onSubmit: (m: OutcomeMeasure) => void; onCancel: () => void; pending: boolean }) {
  const steps = doc.stages.flatMap((s) => s.steps.map((t) => ({ key: t.key, name: t.name, stage: s.name })))
  const first = steps[0]?.key ?? ''
  const [kind, setKind] = useState<OutcomeMeasure['kind']>(initial?.kind ?? 'reach')
  const [step, setStep] = useState(initial && 'step' in initial ? initial.step : first)
  const [from, setFrom] = useState(initial?.kind === 'within' ? initial.from : first)
  const [to, setTo] = useState(initial?.kind === 'within' ? initial.to : (steps[1]?.key ?? first))
  const [days, setDays] = useState(initial?.kind === 'within' ? String(initial.hours / 24) : '3')
  const [scoreKind, setScoreKind] = useState<(typeof FEEDBACK_KINDS)[number]>(initial?.kind === 'score' ? initial.scoreKind : 'csat')
  const [min, setMin] = useState(initial?.kind === 'score' ? String(initial.min) : '4')
  const scale = FEEDBACK_SCALES[scoreKind]
  const hours = Number(days) * 24
  const minValue = Number(min)
  const problem =
    kind === 'within' && !(hours > 0)
      ? 'Give the time limit in days (more than 0).'
      : kind === 'within' && from === to
        ? 'Pick two different steps.'
        : kind === 'score' && !(minValue >= scale.min && minValue <= scale.max)
          ? `A ${scoreKind.toUpperCase()} score is ${scale.min}–${scale.max}.`
          : undefined
  const measure = (): OutcomeMeasure =>
    kind === 'within' ? { kind, from, to, hours } : kind === 'score' ? { kind, step, scoreKind, min: minValue } : { kind, step }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!problem) onSubmit(measure())
  }
  const stepSelect = (label: string, value: string, set: (v: string) => void) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value)}>
        {steps.map((s) => (
          <option key={s.key} value={s.key}>
            {s.name} ({s.stage})
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <form className="measure-form" onSubmit={submit} aria-label={`Measure for “${outcome}”`}>
      <label>
        Met when the customer
        <select value={kind} onChange={(e) => setKind(e.target.value as OutcomeMeasure['kind'])}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {(kind === 'reach' || kind === 'avoid' || kind === 'score') && stepSelect(kind === 'score' ? 'Touchpoint' : 'Step', step, setStep)}
      {kind === 'within' && (
        <>
          {stepSelect('From the first', from, setFrom)}
          {stepSelect('reaches', to, setTo)}
          <label>
            within (days)
            <input type="number" min="0" step="0.5" value={days} onChange={(e) => setDays(e.target.value)} />
          </label>
        </>
      )}
      {kind === 'score' && (
        <>
          <label>
            Feedback
            <select value={scoreKind} onChange={(e) => setScoreKind(e.target.value as (typeof FEEDBACK_KINDS)[number])}>
              {FEEDBACK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k.toUpperCase()} ({FEEDBACK_SCALES[k].min}–{FEEDBACK_SCALES[k].max})
                </option>
              ))}
            </select>
          </label>
          <label>
            latest answer at least
            <input type="number" min={scale.min} max={scale.max} value={min} onChange={(e) => setMin(e.target.value)} />
          </label>
        </>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={!!problem || pending || !steps.length}>
          {pending ? 'Saving…' : 'Save as new version'}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
