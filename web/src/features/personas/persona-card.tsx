import { useId } from 'react'
import { Link } from 'react-router'
import { jobSegments } from './job-statement.ts'
import type { Persona } from './persona-form.tsx'

type JourneyRef = { id: string; name: string }

/** One persona as read: who they are, goals, frustrations, jobs with desired outcomes, and the journeys that name them. */
export function PersonaCard({ slug, persona: p, journeys, onEdit, onDelete }: { slug: string; persona: Persona; journeys: JourneyRef[]; onEdit?: () => void; onDelete?: () => void }) {
  const titleId = useId()
  return (
    <article className="card persona" aria-labelledby={titleId} data-testid={`persona-${p.id}`}>
      <header className="persona-head">
        <h2 id={titleId}>{p.name}</h2>
        {p.valueTier && <span className="tier">Value tier: {p.valueTier}</span>}
        <span className="spacer" />
        {onEdit && (
          <button className="ghost" onClick={onEdit} aria-label={`Edit ${p.name}`}>
            Edit
          </button>
        )}
        {onDelete && (
          <button className="ghost danger" onClick={onDelete} aria-label={`Delete ${p.name}`}>
            Delete
          </button>
        )}
      </header>
      {p.description && <p className="persona-description">{p.description}</p>}
      <div className="persona-body">
        <section>
          <h3>Jobs to be done</h3>
          {p.jobs.length === 0 ? (
            <p className="muted">No job written yet.</p>
          ) : (
            <ol className="jobs">
              {p.jobs.map((job) => (
                <li key={job.statement}>
                  <JobStatement statement={job.statement} />
                  {job.outcomes.length > 0 && (
                    <>
                      <h4>Desired outcomes</h4>
                      <ul className="outcomes">
                        {job.outcomes.map((o) => (
                          <li key={o}>{o}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
        <section>
          <Facts title="Goals" items={p.goals} />
          <Facts title="Frustrations" items={p.frustrations} />
        </section>
      </div>
      <footer className="persona-journeys">
        <h3>Journeys</h3>
        {journeys.length === 0 ? (
          <p className="muted">No journey names this persona yet.</p>
        ) : (
          <ul>
            {journeys.map((j) => (
              <li key={j.id}>
                <Link to={`/w/${slug}/journeys/${j.id}/map`}>{j.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </footer>
    </article>
  )
}

/** The statement with its "When / I want to / so I can" stressed. */
function JobStatement({ statement }: { statement: string }) {
  return <p className="job">{jobSegments(statement).map((s, i) => (s.connector ? <b key={i}>{s.text}</b> : s.text))}</p>
}

function Facts({ title, items }: { title: string; items: string[] }) {
  return (
    <>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">None written yet.</p>
      ) : (
        <ul className="facts">
          {items.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
    </>
  )
}
