import { Link, useParams } from 'react-router'
import { usePortfolio, type Opportunity } from './portfolio-queries.ts'
import './portfolio.css'

/**
 * A lane of the journey map: under each step, the opportunities that link to it
 * (rank, title, status), each opening the portfolio. Renders one grid cell per
 * step, so it drops into the map grid as a row of its own.
 */
export function StepOpportunities({ journeyId, steps }: { journeyId: string; steps: Array<{ key: string; name: string }> }) {
  const { slug = '' } = useParams()
  const portfolio = usePortfolio(slug)
  const of = (step: string): Opportunity[] =>
    (portfolio.data?.opportunities ?? []).filter((o) => o.status !== 'declined' && o.status !== 'done' && o.steps.some((s) => s.journeyId === journeyId && s.step === step))
  return (
    <>
      {steps.map((s) => {
        const list = of(s.key)
        return (
          <div key={s.key} className="lane-cell step-opportunities" aria-label={`Opportunities at ${s.name}`} role="group" data-testid={`opportunities-${s.key}`}>
            {list.length === 0 ? (
              <span className="lane-empty">No opportunity</span>
            ) : (
              list.map((o) => (
                <Link key={o.id} to={`/w/${slug}/portfolio#${o.id}`} className="lane-item" title={o.title}>
                  {o.rank ? `#${o.rank} ` : ''}
                  {o.title}
                </Link>
              ))
            )}
          </div>
        )
      })}
    </>
  )
}
