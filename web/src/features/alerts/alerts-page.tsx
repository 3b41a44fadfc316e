import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { useSession } from '../shell/session.ts'
import { useJourneys } from '../shell/workspace-layout.tsx'
import '../experiments/experiments.css'
import './alerts.css'
import { FormFooter } from '../../ui/form-footer.tsx'

type Rule = Answer<'/api/workspaces/{ws}/alert-rules'>[number]
const KIND_LABEL: Record<Rule['kind'], string> = {
  score_below: 'Score below',
  exit_rate_above: 'Exit rate above',
  repeat_rate_above: 'Repeat contacts above',
  volume_drop: 'Volume drops by more than',
  new_red_point: 'A new red point',
}
const STATE_LABEL: Record<Rule['state'], string> = { ok: 'OK', pending: 'Pending', firing: 'Firing', no_data: 'No data', error: 'Error' }
const rate = (k: Rule['kind']) => k === 'exit_rate_above' || k === 'repeat_rate_above' || k === 'volume_drop'
const show = (r: Pick<Rule, 'kind'>, x: number | null) => (x === null ? '—' : rate(r.kind) ? `${(x * 100).toFixed(1)} %` : r.kind === 'new_red_point' ? String(x) : x.toFixed(2))

/** Monitoring: every rule with its state, a rule's history of evaluations, new rules, and (owners) the webhooks. */
export function AlertsPage() {
  const { slug = '' } = useParams()
  const { session } = useSession()
  const role = session.workspaces.find((w) => w.slug === slug)?.role ?? 'viewer'
  const rules = useQuery({ queryKey: ['alert-rules', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/alert-rules', { params: { path: { ws: slug } } })) })
  const [open, setOpen] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  return (
    <div className="page decide alerts-page">
      <div className="page-head">
        <h1>Alerts</h1>
        <span className="spacer" />
        {role !== 'viewer' && !creating && <button onClick={() => setCreating(true)}>New alert rule</button>}
      </div>
      <p className="muted intro">
        Rules watch a touchpoint every hour or day, on complete windows only. A rule is pending until its condition holds for its pending period, then fires once (a webhook), stays
        quiet while the condition stays true or while snoozed, and sends “resolved” when it clears. Every evaluation is kept with its value.
      </p>
      {creating && <RuleForm onDone={() => setCreating(false)} />}
      <Pending query={rules} what="Reading the alert rules">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No alert rules yet">{role !== 'viewer' ? 'Add one with “New alert rule”: pick a touchpoint, what to watch and the threshold.' : 'Editors add alert rules; they will appear here.'}</Empty>
          ) : (
            <table className="results-table">
              <caption className="sr-only">Alert rules</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Condition</th>
                  <th scope="col">State</th>
                  <th scope="col">Last value</th>
                  <th scope="col">Window</th>
                  <th scope="col">History</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <RuleRow key={r.id} r={r} open={open === r.id} onToggle={() => setOpen(open === r.id ? null : r.id)} />
                ))}
              </tbody>
            </table>
          )
        }
      </Pending>
      {role === 'owner' && <Webhooks />}
    </div>
  )
}

function RuleRow({ r, open, onToggle }: { r: Rule; open: boolean; onToggle: () => void }) {
  return (
    <>
      <tr>
        <th scope="row">{r.name}</th>
        <td>
          {r.step ?? 'journey'}
          {r.segment && ` (${r.segment.trait} ${r.segment.value})`}: {KIND_LABEL[r.kind]} {r.kind === 'new_red_point' ? '' : show(r, r.threshold)}, {r.pendingEvaluations}× in a row, ≥ {r.minSample}
        </td>
        <td>
          <span className={`state state-${r.state}`}>{STATE_LABEL[r.state]}</span>
          {r.snoozedUntil && new Date(r.snoozedUntil) > new Date() && <span className="muted"> · snoozed until {r.snoozedUntil.slice(0, 16).replace('T', ' ')}</span>}
        </td>
        <td>{r.kind === 'volume_drop' ? (r.lastValue ?? '—') : show(r, r.lastValue)}</td>
        <td>{r.lastWindowEnd ? `${r.window} to ${r.lastWindowEnd.slice(0, 16).replace('T', ' ')}` : `${r.window}: not evaluated yet`}</td>
        <td>
          <button className="link" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide' : 'Show'} history of {r.name}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <History rule={r} />
          </td>
        </tr>
      )}
    </>
  )
}

function History({ rule }: { rule: Rule }) {
  const { slug = '' } = useParams()
  const evals = useQuery({ queryKey: ['alert-history', slug, rule.id], queryFn: () => ok(client.GET('/api/workspaces/{ws}/alert-rules/{id}/evaluations', { params: { path: { ws: slug, id: rule.id } } })) })
  return (
    <Pending query={evals} what="Reading the evaluations">
      {(list) =>
        list.length === 0 ? (
          <p className="muted">Not evaluated yet: the first complete window is evaluated within a minute of its end (or by `waymark check`).</p>
        ) : (
          <table className="results-table history" aria-label={`Evaluations of ${rule.name}`}>
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col">Value</th>
                <th scope="col">Sample</th>
                <th scope="col">State</th>
                <th scope="col">Notification</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.windowEnd}>
                  <td>
                    {e.windowStart.slice(0, 16).replace('T', ' ')} – {e.windowEnd.slice(11, 16)}
                  </td>
                  <td>{rule.kind === 'volume_drop' ? (e.value ?? '—') : show(rule, e.value)}</td>
                  <td>{e.sample}</td>
                  <td>{STATE_LABEL[e.state]}</td>
                  <td>{e.notification ? `${e.notification}${e.delivery ? `: ${e.delivery}` : ''}` : '—'}</td>
                  <td>{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Pending>
  )
}

function RuleForm({ onDone }: { onDone: () => void }) {
  const { slug = '' } = useParams()
  const queries = useQueryClient()
  const journeys = useJourneys(slug)
  const hooks = useQuery({ queryKey: ['webhooks', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/webhooks', { params: { path: { ws: slug } } })) })
  const [f, setF] = useState({ name: '', kind: 'exit_rate_above' as Rule['kind'], step: '', threshold: '0.3', window: 'day' as 'day' | 'hour', pending: '2', minSample: '30', webhookId: '' })
  const journeyId = journeys.data?.[0]?.id ?? ''
  const journey = useQuery({ queryKey: ['journey', slug, journeyId], enabled: !!journeyId, queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId } } })) })
  const steps = ((journey.data?.document as unknown as JourneyDocument | undefined)?.stages ?? []).flatMap((s) => s.steps)
  const create = useMutation({
    mutationFn: () =>
      ok(
        client.POST('/api/workspaces/{ws}/alert-rules', {
          params: { path: { ws: slug } },
          body: {
            journeyId,
            name: f.name,
            kind: f.kind,
            step: f.kind === 'new_red_point' ? null : f.step || steps[0]?.key || null,
            segment: null,
            scoreKind: null,
            threshold: Number(f.threshold),
            window: f.window,
            baselineWindows: 7,
            pendingEvaluations: Number(f.pending),
            minSample: Number(f.minSample),
            webhookId: f.webhookId || null,
            enabled: true,
          },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['alert-rules', slug] })
      onDone()
    },
  })
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value })
  return (
    <form
      className="card experiment-form"
      aria-label="New alert rule"
      onSubmit={(e) => {
        e.preventDefault()
        create.mutate()
      }}
    >
      <h2>New alert rule</h2>
      <label className="field wide">
        Rule name
        <input value={f.name} onChange={set('name')} required />
      </label>
      <label className="field">
        Watch
        <select value={f.kind} onChange={set('kind')}>
          {Object.entries(KIND_LABEL).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Touchpoint
        <select value={f.step || steps[0]?.key || ''} onChange={set('step')} disabled={f.kind === 'new_red_point'}>
          {steps.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Threshold {rate(f.kind) ? '(share, 0.3 = 30 %)' : f.kind === 'score_below' ? '(score)' : ''}
        <input type="number" step="any" value={f.threshold} onChange={set('threshold')} />
      </label>
      <label className="field">
        Window
        <select value={f.window} onChange={set('window')}>
          <option value="day">Day</option>
          <option value="hour">Hour</option>
        </select>
      </label>
      <label className="field">
        Pending period (windows in a row)
        <input type="number" min={1} value={f.pending} onChange={set('pending')} />
      </label>
      <label className="field">
        Minimum sample
        <input type="number" min={0} value={f.minSample} onChange={set('minSample')} />
      </label>
      <label className="field">
        Notify
        <select value={f.webhookId} onChange={set('webhookId')}>
          <option value="">No webhook</option>
          {(hooks.data ?? []).map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </label>
      <FormFooter error={create.error} busy={create.isPending} submit="Create rule" onCancel={onDone} />
    </form>
  )
}

function Webhooks() {
  const { slug = '' } = useParams()
  const queries = useQueryClient()
  const hooks = useQuery({ queryKey: ['webhooks', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/webhooks', { params: { path: { ws: slug } } })) })
  const [f, setF] = useState({ name: '', url: '', format: 'json' as 'json' | 'slack' })
  const add = useMutation({
    mutationFn: () => ok(client.POST('/api/workspaces/{ws}/webhooks', { params: { path: { ws: slug } }, body: f })),
    onSuccess: async () => {
      setF({ name: '', url: '', format: 'json' })
      await queries.invalidateQueries({ queryKey: ['webhooks', slug] })
    },
  })
  return (
    <section className="card" aria-label="Webhooks">
      <h2>Webhooks (owners)</h2>
      <Pending query={hooks} what="Reading the webhooks">
        {(list) => (list.length === 0 ? <p className="muted">No webhook yet: alerts and cases are only shown here until you add one.</p> : <ul>{list.map((h) => <li key={h.id}>{h.name} · {h.format} · {h.url}</li>)}</ul>)}
      </Pending>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          add.mutate()
        }}
      >
        <input aria-label="Webhook name" placeholder="Name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
        <input aria-label="Webhook URL" placeholder="https://…" type="url" value={f.url} onChange={(e) => setF({ ...f, url: e.target.value })} required />
        <select aria-label="Payload" value={f.format} onChange={(e) => setF({ ...f, format: e.target.value as 'json' | 'slack' })}>
          <option value="json">JSON</option>
          <option value="slack">Slack-compatible</option>
        </select>
        <button type="submit">Add webhook</button>
      </form>
      {add.error && (
        <p className="error" role="alert">
          {add.error.message}
        </p>
      )}
    </section>
  )
}
