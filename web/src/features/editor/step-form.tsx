import { useId } from 'react'
import type { JourneyDocument, Step } from '../../api/journey.ts'
import { EMOTION_MAX, EMOTION_MIN } from '../../../../src/domain/journey/journey.ts'
import type { StepPatch } from './edit-map.ts'
import { EvidenceEditor } from './evidence-editor.tsx'
import { AreaField, ListField, TextField } from './fields.tsx'
import { RulesEditor } from './rules-editor.tsx'

const EMOTIONS: Record<number, string> = { [-2]: 'very negative', [-1]: 'negative', 0: 'neutral', 1: 'positive', 2: 'very positive' }
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/

/** The selected step: the touchpoint as the customer lives it (frontstage) and as the company runs it (backstage). */
export function StepForm({
  step,
  stageName,
  saved,
  keyTaken,
  channels,
  onChange,
  onDelete,
  doc,
  onEdit,
}: {
  step: Step
  stageName: string
  /** Saved steps keep their key: events are matched on it. */
  saved: boolean
  keyTaken: boolean
  channels: string[]
  onChange: (patch: StepPatch, field: string) => void
  onDelete: () => void
  /** The whole map, for the evidence (insights live beside the stages and may back several steps). */
  doc: JourneyDocument
  onEdit: (next: JourneyDocument) => void
}) {
  const id = useId()
  const field = <K extends keyof StepPatch>(k: K) => (v: StepPatch[K]) => onChange({ [k]: v } as StepPatch, k)
  const keyProblem = !KEY.test(step.key) ? 'Use 1–100 letters, digits, “_”, “-” or “.”, starting with a letter or digit.' : keyTaken ? 'Another step has this key.' : undefined
  return (
    <section className="editor-form" aria-labelledby="step-form-title">
      <h2 id="step-form-title">
        Step <span className="editor-form-context">in stage {stageName || 'unnamed'}</span>
      </h2>
      <TextField label="Step name" value={step.name} onChange={(v) => field('name')(v ?? '')} required />
      <label>
        Key
        <input value={step.key} readOnly={saved} aria-invalid={keyProblem ? true : undefined} aria-describedby={`${id}-key`} onChange={(e) => field('key')(e.target.value.trim())} maxLength={100} />
        <span id={`${id}-key`} className={keyProblem ? 'field-hint error' : 'field-hint'}>
          {keyProblem ?? (saved ? 'Fixed once saved: events named like the key count as this step.' : 'Follows the name until you save; events with this name will count as this step.')}
        </span>
      </label>
      <label>
        Channel
        <select value={step.channel ?? ''} onChange={(e) => field('channel')(e.target.value || undefined)}>
          <option value="">Not set</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <RulesEditor step={step} channels={channels} onChange={(match, f) => onChange({ match }, f)} />
      <AreaField label="Frontstage: what the customer sees and does" value={step.description} onChange={field('description')} />
      <fieldset className="emotion-choice">
        <legend>Designed emotion</legend>
        <label>
          <input type="radio" name={`${id}-emotion`} checked={step.emotion === undefined} onChange={() => field('emotion')(undefined)} />
          Not set
        </label>
        {Array.from({ length: EMOTION_MAX - EMOTION_MIN + 1 }, (_, i) => EMOTION_MIN + i).map((e) => (
          <label key={e}>
            <input type="radio" name={`${id}-emotion`} checked={step.emotion === e} onChange={() => field('emotion')(e)} />
            {e > 0 ? `+${e}` : e < 0 ? `−${-e}` : '0'} {EMOTIONS[e]}
          </label>
        ))}
      </fieldset>
      <AreaField label="Thoughts" value={step.thoughts} onChange={field('thoughts')} hint="What the customer thinks here, in their words." />
      <ListField label="Pains" value={step.pains} onChange={field('pains')} />
      <AreaField label="Backstage: processes and systems behind it" value={step.backstage} onChange={field('backstage')} />
      <TextField label="Owner" value={step.owner} onChange={field('owner')} hint="The team or person answerable for this touchpoint." />
      <label className="check">
        <input type="checkbox" checked={step.momentOfTruth ?? false} onChange={(e) => field('momentOfTruth')(e.target.checked || undefined)} />
        Moment of truth <span className="field-hint">(makes or breaks the relationship)</span>
      </label>
      <EvidenceEditor key={step.key} doc={doc} stepKey={step.key} stepName={step.name} onEdit={onEdit} />
      <button type="button" className="danger editor-delete" onClick={onDelete}>
        Delete step…
      </button>
    </section>
  )
}
