import { useState } from 'react'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { CATEGORY_LABEL, FIT_LABEL, usePortfolioChange, type Opportunity } from './portfolio-queries.ts'
import { FormFooter } from '../../ui/form-footer.tsx'

/** A new opportunity by hand: title, problem, category, promise fit, value, reach, confidence, effort. */
export function OpportunityForm({ onDone }: { onDone: () => void }) {
  const { slug = '' } = useParams()
  const [f, setF] = useState({ title: '', problem: '', category: 'must_have' as Opportunity['category'], promiseFit: 'none' as Opportunity['promiseFit'], valueAtRisk: '0', customersAffected: '0', confidence: '0.5', effort: '1' })
  const create = usePortfolioChange(slug, () =>
    ok(
      client.POST('/api/workspaces/{ws}/opportunities', {
        params: { path: { ws: slug } },
        body: { title: f.title, problem: f.problem, category: f.category, promiseFit: f.promiseFit, valueAtRisk: Number(f.valueAtRisk), customersAffected: Number(f.customersAffected), confidence: Number(f.confidence), effort: Number(f.effort) },
      }),
    ),
  )
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value })
  return (
    <form
      className="card opportunity-form"
      aria-label="New opportunity"
      onSubmit={(e) => {
        e.preventDefault()
        create.mutate(undefined, { onSuccess: onDone })
      }}
    >
      <h2>New opportunity</h2>
      <label className="field wide">
        Title
        <input value={f.title} onChange={set('title')} required />
      </label>
      <label className="field wide">
        Problem statement
        <textarea value={f.problem} onChange={set('problem')} rows={2} />
      </label>
      <label className="field">
        Category
        <select value={f.category} onChange={set('category')}>
          {Object.entries(CATEGORY_LABEL).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Brand promise
        <select value={f.promiseFit} onChange={set('promiseFit')}>
          {Object.entries(FIT_LABEL).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Value at risk
        <input type="number" min={0} value={f.valueAtRisk} onChange={set('valueAtRisk')} />
      </label>
      <label className="field">
        Customers affected
        <input type="number" min={0} step={1} value={f.customersAffected} onChange={set('customersAffected')} />
      </label>
      <label className="field">
        Confidence (0–1)
        <input type="number" min={0} max={1} step={0.05} value={f.confidence} onChange={set('confidence')} />
      </label>
      <label className="field">
        Effort (person-weeks)
        <input type="number" min={0.1} step={0.1} value={f.effort} onChange={set('effort')} />
      </label>
      <FormFooter error={create.error} busy={create.isPending} submit="Create opportunity" onCancel={onDone} />
    </form>
  )
}
