import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { client, ok, type Answer } from '../../api/client.ts'
import { composeJob, parseJob, type JobParts } from './job-statement.ts'
import { ListField } from './list-field.tsx'

export type Persona = Answer<'/api/workspaces/{ws}/personas'>[number]
type Job = Persona['jobs'][number]

/** A job being edited: its three parts, or its text when it was not written as "When …, I want to …, so I can …". */
type JobDraft = JobParts & { free: string | null; original: string | null; outcomes: string[] }

const TIERS = ['high', 'mid', 'low']

function draftOf(job: Job): JobDraft {
  const parts = parseJob(job.statement)
  return { ...(parts ?? { when: '', want: '', soThat: '' }), free: parts ? null : job.statement, original: job.statement, outcomes: job.outcomes }
}

function jobOf(d: JobDraft): Job {
  const outcomes = clean(d.outcomes)
  if (d.free !== null) return { statement: d.free.trim(), outcomes }
  // An unchanged statement keeps its own wording ("I want working internet" is not rewritten to "I want to …").
  const before = d.original ? parseJob(d.original) : null
  const same = before && before.when === d.when && before.want === d.want && before.soThat === d.soThat
  return { statement: same ? d.original! : composeJob(d), outcomes }
}

const clean = (list: string[]) => list.map((s) => s.trim()).filter(Boolean)
const newJob = (): JobDraft => ({ when: '', want: '', soThat: '', free: null, original: null, outcomes: [''] })

/** Creates a persona (no `persona`) or edits one: who they are, goals, frustrations, value tier, jobs and their desired outcomes. */
export function PersonaForm({ slug, persona, tiers, onDone }: { slug: string; persona?: Persona; tiers: string[]; onDone: () => void }) {
  const queries = useQueryClient()
  const [name, setName] = useState(persona?.name ?? '')
  const [description, setDescription] = useState(persona?.description ?? '')
  const [valueTier, setValueTier] = useState(persona?.valueTier ?? '')
  const [goals, setGoals] = useState(persona?.goals.length ? persona.goals : [''])
  const [frustrations, setFrustrations] = useState(persona?.frustrations.length ? persona.frustrations : [''])
  const [jobs, setJobs] = useState<JobDraft[]>(persona ? persona.jobs.map(draftOf) : [newJob()])

  const save = useMutation({
    mutationFn: () => {
      const body = { name, description, valueTier: valueTier.trim() || null, goals: clean(goals), frustrations: clean(frustrations), jobs: jobs.map(jobOf) }
      return persona
        ? ok(client.PUT('/api/workspaces/{ws}/personas/{id}', { params: { path: { ws: slug, id: persona.id } }, body }))
        : ok(client.POST('/api/workspaces/{ws}/personas', { params: { path: { ws: slug } }, body }))
    },
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['personas', slug] })
      onDone()
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate()
  }
  const setJob = (i: number, change: Partial<JobDraft>) => setJobs(jobs.map((j, k) => (k === i ? { ...j, ...change } : j)))
  const title = persona ? `Edit ${persona.name}` : 'New persona'
  const tierId = `tiers-${persona?.id ?? 'new'}`

  return (
    <form className="card persona-form" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <div className="form-row">
        <label className="grow">
          Name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Remote worker" />
        </label>
        <label>
          Value tier
          <input list={tierId} maxLength={50} value={valueTier} onChange={(e) => setValueTier(e.target.value)} placeholder="e.g. high" />
          <datalist id={tierId}>
            {[...new Set([...TIERS, ...tiers])].map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
      </div>
      {persona && persona.name !== name.trim() && name.trim() && (
        <p className="field-hint warn-note">Journeys name their persona: those that name “{persona.name}” will no longer be listed under this persona.</p>
      )}
      <label>
        Who they are
        <textarea rows={2} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="A sentence or two: situation, context, what matters to them" />
      </label>
      <div className="form-columns">
        <ListField legend="Goals" item="Goal" values={goals} onChange={setGoals} />
        <ListField legend="Frustrations" item="Frustration" values={frustrations} onChange={setFrustrations} />
      </div>

      <h3>Jobs to be done</h3>
      <p className="field-hint">The progress they are trying to make, in their words, and how they would measure that it went well.</p>
      {jobs.map((job, i) => (
        <fieldset className="job-draft" key={i}>
          <legend>Job {i + 1}</legend>
          {job.free !== null ? (
            <label>
              Statement
              <input required maxLength={2000} value={job.free} onChange={(e) => setJob(i, { free: e.target.value })} />
            </label>
          ) : (
            <div className="job-parts">
              <label>
                When
                <input required value={job.when} onChange={(e) => setJob(i, { when: e.target.value })} placeholder="I move house" />
              </label>
              <label>
                I want to
                <input required value={job.want} onChange={(e) => setJob(i, { want: e.target.value })} placeholder="get online quickly" />
              </label>
              <label>
                so I can
                <input required value={job.soThat} onChange={(e) => setJob(i, { soThat: e.target.value })} placeholder="work from home" />
              </label>
            </div>
          )}
          <ListField
            legend="Desired outcomes"
            item="Desired outcome"
            hint="Short and measurable, e.g. “online within 3 days”."
            values={job.outcomes}
            onChange={(outcomes) => setJob(i, { outcomes })}
          />
          <button type="button" className="ghost danger" onClick={() => setJobs(jobs.filter((_, k) => k !== i))}>
            Remove job {i + 1}
          </button>
        </fieldset>
      ))}
      <div>
        <button type="button" className="ghost add" onClick={() => setJobs([...jobs, newJob()])}>
          + Add a job
        </button>
      </div>

      {save.error && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="ghost" onClick={onDone} disabled={save.isPending}>
          Cancel
        </button>
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : persona ? 'Save changes' : 'Create persona'}
        </button>
      </div>
    </form>
  )
}
