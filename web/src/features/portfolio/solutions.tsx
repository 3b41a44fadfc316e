import { useState } from 'react'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { usePortfolioChange, type Opportunity } from './portfolio-queries.ts'

const SOLUTION_STATUS = { idea: 'Idea', planned: 'Planned', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' } as const

/** The solutions or projects under an opportunity, with status and dates; editors add them and move them on. */
export function Solutions({ opportunity, canEdit }: { opportunity: Opportunity; canEdit: boolean }) {
  const { slug = '' } = useParams()
  const [title, setTitle] = useState('')
  const [dates, setDates] = useState({ startDate: '', dueDate: '' })
  const add = usePortfolioChange(slug, () =>
    ok(
      client.POST('/api/workspaces/{ws}/opportunities/{id}/solutions', {
        params: { path: { ws: slug, id: opportunity.id } },
        body: { title, status: 'planned', startDate: dates.startDate || null, dueDate: dates.dueDate || null },
      }),
    ),
  )
  const setStatus = usePortfolioChange(slug, (b: { id: string; status: keyof typeof SOLUTION_STATUS }) =>
    ok(client.PATCH('/api/workspaces/{ws}/solutions/{id}', { params: { path: { ws: slug, id: b.id } }, body: { status: b.status } })),
  )
  if (!canEdit && opportunity.solutions.length === 0) return null
  return (
    <section className="solutions" aria-label={`Solutions for ${opportunity.title}`}>
      {opportunity.solutions.length > 0 && (
        <ul>
          {opportunity.solutions.map((s) => (
            <li key={s.id}>
              <span>{s.title}</span>
              <span className="muted">
                {s.startDate ?? '—'} → {s.dueDate ?? '—'}
              </span>
              {canEdit ? (
                <select aria-label={`Status of ${s.title}`} value={s.status} onChange={(e) => setStatus.mutate({ id: s.id, status: e.target.value as keyof typeof SOLUTION_STATUS })}>
                  {Object.entries(SOLUTION_STATUS).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="badge">{SOLUTION_STATUS[s.status]}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          className="add-solution"
          onSubmit={(e) => {
            e.preventDefault()
            if (title.trim()) add.mutate(undefined, { onSuccess: () => setTitle('') })
          }}
        >
          <input aria-label={`New solution for ${opportunity.title}`} placeholder="Add a solution or project" value={title} onChange={(e) => setTitle(e.target.value)} />
          <input type="date" aria-label="Start" value={dates.startDate} onChange={(e) => setDates({ ...dates, startDate: e.target.value })} />
          <input type="date" aria-label="Due" value={dates.dueDate} onChange={(e) => setDates({ ...dates, dueDate: e.target.value })} />
          <button type="submit" className="ghost" disabled={add.isPending || !title.trim()}>
            Add
          </button>
        </form>
      )}
    </section>
  )
}
