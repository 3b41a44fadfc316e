import type { Stage } from '../../api/journey.ts'
import type { StagePatch } from './edit-map.ts'
import { AreaField, ListField, TextField } from './fields.tsx'

/** The selected stage: what the customer wants and worries about there, and what the brand promises. */
export function StageForm({ stage, onChange, onDelete }: { stage: Stage; onChange: (patch: StagePatch, field: string) => void; onDelete: () => void }) {
  const field = <K extends keyof StagePatch>(k: K) => (v: StagePatch[K]) => onChange({ [k]: v } as StagePatch, k)
  return (
    <section className="editor-form" aria-labelledby="stage-form-title">
      <h2 id="stage-form-title">
        Stage <span className="editor-form-context">(its steps are edited on their cards)</span>
      </h2>
      <TextField label="Stage name" value={stage.name} onChange={(v) => field('name')(v ?? '')} required />
      <AreaField label="Customer goal" value={stage.goal} onChange={field('goal')} max={2000} hint="What the customer wants to achieve in this stage." />
      <ListField label="Motivations" value={stage.motivations} onChange={field('motivations')} />
      <ListField label="Questions" value={stage.questions} onChange={field('questions')} />
      <ListField label="Fears" value={stage.fears} onChange={field('fears')} />
      <AreaField label="Brand promise" value={stage.promise} onChange={field('promise')} max={2000} hint="What we promise the customer here." />
      <button type="button" className="danger editor-delete" onClick={onDelete}>
        Delete stage…
      </button>
    </section>
  )
}
