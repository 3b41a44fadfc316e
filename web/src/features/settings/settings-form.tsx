import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { refreshJourney } from '../versions/journey-queries.ts'
import { SaveOutcome } from './conflict-note.tsx'
import { applyFields, fieldsOf, KINDS, STATUSES, type SettingsFields } from './settings-fields.ts'

type Journey = { id: string; version: number; document: JourneyDocument }
type Persona = Answer<'/api/workspaces/{ws}/personas'>[number]

/**
 * The settings form edits the version it was opened on (`base`), not whatever
 * arrives in the background: a newer version only replaces it on "reload".
 */
export function SettingsForm({ journey, personas, canEdit }: { journey: Journey; personas: Persona[]; canEdit: boolean }) {
  const { slug = '', journeyId = '' } = useParams()
  const queries = useQueryClient()
  const listId = useId()
  const [base, setBase] = useState(journey)
  const [fields, setFields] = useState(fieldsOf(journey.document))
  const [saved, setSaved] = useState<string | null>(null)
  const set = (patch: Partial<SettingsFields>) => {
    setFields((f) => ({ ...f, ...patch }))
    setSaved(null)
  }
  const reset = (j: Journey) => {
    setBase(j)
    setFields(fieldsOf(j.document))
  }
  const save = useMutation({
    mutationFn: () =>
      ok(
        client.PUT('/api/workspaces/{ws}/journeys/{id}', {
          params: { path: { ws: slug, id: journeyId } },
          body: { version: base.version, document: applyFields(base.document, fields, personas) },
        }),
      ),
    onSuccess: (answer) => {
      const j = { ...answer, document: answer.document as unknown as JourneyDocument }
      setSaved(answer.version === base.version ? 'Nothing to save: no setting changed.' : `Saved as version ${answer.version}.`)
      reset(j)
      void refreshJourney(queries, slug, journeyId)
    },
  })
  const reload = async () => {
    save.reset()
    await refreshJourney(queries, slug, journeyId)
    const fresh = queries.getQueryData<Answer<'/api/workspaces/{ws}/journeys/{id}'>>(['journey', slug, journeyId])
    if (fresh) reset({ ...fresh, document: fresh.document as unknown as JourneyDocument })
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate()
  }
  const doc = base.document
  const goalIsStep = !fields.goal || doc.stages.some((s) => s.steps.some((t) => t.key === fields.goal))

  return (
    <form className="card settings-form" onSubmit={submit} aria-labelledby="settings-title">
      <h2 id="settings-title">Journey settings</h2>
      {!canEdit && <p className="muted">You are a viewer, so these settings are read-only. Editors and owners can change them.</p>}
      <fieldset disabled={!canEdit || save.isPending}>
        <label>
          Name
          <input value={fields.name} onChange={(e) => set({ name: e.target.value })} required maxLength={200} />
        </label>
        <label>
          Persona
          <input value={fields.persona} list={listId} onChange={(e) => pickPersona(e.target.value)} maxLength={200} placeholder="Pick a workspace persona or type a name" />
          <datalist id={listId}>
            {personas.map((p) => (
              <option key={p.id} value={p.name} />
            ))}
          </datalist>
        </label>
        <label>
          Job to be done
          <input value={fields.job} onChange={(e) => set({ job: e.target.value })} maxLength={2000} placeholder="When …, I want to …, so I can …" disabled={!fields.persona.trim()} />
          {!fields.persona.trim() && <span className="field-hint">The job belongs to the persona: name a persona first.</span>}
        </label>
        <label>
          Goal step
          <select value={fields.goal} onChange={(e) => set({ goal: e.target.value })}>
            <option value="">No goal step</option>
            {!goalIsStep && <option value={fields.goal}>Event “{fields.goal}”</option>}
            {doc.stages.map((s) => (
              <optgroup key={s.key} label={s.name}>
                {s.steps.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <span className="field-hint">Reaching this step means the journey succeeded (funnels and drivers measure against it).</span>
        </label>
        <Choice legend="Kind" options={KINDS} value={fields.kind} onChange={(kind) => set({ kind })} />
        <Choice legend="Status" options={STATUSES} value={fields.status} onChange={(status) => set({ status })} />
      </fieldset>
      {canEdit && (
        <div className="settings-actions">
          <button type="submit" disabled={save.isPending || !fields.name.trim()}>
            {save.isPending ? 'Saving…' : 'Save settings'}
          </button>
          <span className="muted">Editing version {base.version}; saving makes a new version.</span>
        </div>
      )}
      <SaveOutcome slug={slug} journeyId={journeyId} edited={base.version} saved={saved} error={save.error} onReload={() => void reload()} />
    </form>
  )

  /** Picking a workspace persona brings its first job along, unless a job is already written. */
  function pickPersona(name: string) {
    const known = personas.find((p) => p.name === name)
    set({ persona: name, ...(known?.jobs[0] && !fields.job.trim() ? { job: known.jobs[0].statement } : {}) })
  }
}

function Choice<V extends string>({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string
  options: ReadonlyArray<{ value: V; label: string; hint: string }>
  value: string
  onChange: (v: V) => void
}) {
  const name = useId()
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>
            <strong>{o.label}</strong> <span className="field-hint">{o.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
