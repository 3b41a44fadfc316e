import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { useJourneys } from '../shell/workspace-layout.tsx'
import { FormFooter } from '../../ui/form-footer.tsx'

/** Plan a pilot: the step it changes, control and treatment, the metric, the effect to detect; the planned sample is shown as you type. */
export function ExperimentForm({ onDone }: { onDone: () => void }) {
  const { slug = '' } = useParams()
  const navigate = useNavigate()
  const queries = useQueryClient()
  const journeys = useJourneys(slug)
  const [f, setF] = useState({ journeyId: '', step: '', name: '', hypothesis: '', treatment: 'Treatment', target: '', windowHours: '168', baseline: '0.1', mde: '0.02', mode: 'fixed' as 'fixed' | 'sequential', start: true })
  const journeyId = f.journeyId || journeys.data?.[0]?.id || ''
  const journey = useQuery({
    queryKey: ['journey', slug, journeyId],
    enabled: !!journeyId,
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId } } })),
  })
  const steps = ((journey.data?.document as unknown as JourneyDocument | undefined)?.stages ?? []).flatMap((s) => s.steps.map((t) => ({ key: t.key, name: t.name })))
  const step = f.step || steps[0]?.key || ''
  const target = f.target || steps[1]?.key || step
  const power = useQuery({
    queryKey: ['power', slug, f.baseline, f.mde],
    enabled: Number(f.baseline) > 0 && Number(f.mde) > 0,
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/experiments/power', { params: { path: { ws: slug }, query: { metric: 'conversion', baseline: Number(f.baseline), mde: Number(f.mde) } as never } })),
    retry: false,
  })
  const create = useMutation({
    mutationFn: () =>
      ok(
        client.POST('/api/workspaces/{ws}/experiments', {
          params: { path: { ws: slug } },
          body: {
            journeyId,
            step,
            name: f.name,
            hypothesis: f.hypothesis,
            variants: [
              { key: 'control', name: 'Control', weight: 1 },
              { key: 'treatment', name: f.treatment || 'Treatment', weight: 1 },
            ],
            primaryMetric: { kind: 'conversion', step: target, windowHours: Number(f.windowHours) },
            guardrails: [],
            mode: f.mode,
            alpha: 0.05,
            power: 0.8,
            mde: Number(f.mde),
            baseline: Number(f.baseline),
            status: f.start ? 'running' : 'draft',
            startAt: null,
            stopAt: null,
            opportunityId: null,
          },
        }),
      ),
    onSuccess: async (e) => {
      await queries.invalidateQueries({ queryKey: ['experiments', slug] })
      onDone()
      navigate(`/w/${slug}/experiments/${e.id}`)
    },
  })
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value })
  const stepOptions = steps.map((s) => (
    <option key={s.key} value={s.key}>
      {s.name}
    </option>
  ))
  return (
    <form
      className="card experiment-form"
      aria-label="New experiment"
      onSubmit={(e) => {
        e.preventDefault()
        create.mutate()
      }}
    >
      <h2>New experiment</h2>
      <label className="field wide">
        Name
        <input value={f.name} onChange={set('name')} required />
      </label>
      <label className="field wide">
        Hypothesis
        <textarea value={f.hypothesis} onChange={set('hypothesis')} rows={2} placeholder="If we …, then more customers will …, because …" />
      </label>
      <label className="field">
        Journey
        <select value={journeyId} onChange={set('journeyId')}>
          {(journeys.data ?? []).map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Step it changes
        <select value={step} onChange={set('step')}>
          {stepOptions}
        </select>
      </label>
      <label className="field">
        Treatment’s name
        <input value={f.treatment} onChange={set('treatment')} />
      </label>
      <label className="field">
        Mode
        <select value={f.mode} onChange={set('mode')}>
          <option value="fixed">Fixed horizon (one look at the plan)</option>
          <option value="sequential">Sequential (look every day)</option>
        </select>
      </label>
      <label className="field">
        Success: reaching
        <select value={target} onChange={set('target')}>
          {stepOptions}
        </select>
      </label>
      <label className="field">
        Within (hours)
        <input type="number" min={1} value={f.windowHours} onChange={set('windowHours')} />
      </label>
      <label className="field">
        Control’s conversion today (0–1)
        <input type="number" min={0.001} max={0.999} step={0.001} value={f.baseline} onChange={set('baseline')} />
      </label>
      <label className="field">
        Smallest lift worth detecting (0–1)
        <input type="number" min={0.001} max={0.5} step={0.001} value={f.mde} onChange={set('mde')} />
      </label>
      <p className="muted wide" role="status">
        {power.data ? `Plan: ${power.data.plannedPerVariant.toLocaleString('en')} customers per variant (α 5 %, power 80 %).` : 'Give the conversion today and the lift to see the planned sample.'}
      </p>
      <label className="check wide">
        <input type="checkbox" checked={f.start} onChange={(e) => setF({ ...f, start: e.target.checked })} /> Start now
      </label>
      <FormFooter error={create.error} busy={create.isPending || !journeyId} submit="Create experiment" onCancel={onDone} />
    </form>
  )
}
