import { Link, useParams } from 'react-router'
import type { StepCellProps } from '../journey/lanes.tsx'
import { usePortfolio, type Opportunity } from './portfolio-queries.ts'
import './portfolio.css'

/**
 * The journey map's opportunities lane: under a step, the open opportunities that link to it (rank, title),
 * each opening the portfolio.
 */
export function StepOpportunities({ step }: StepCellProps) {
  const { slug = '', journeyId = '' } = useParams()
  const portfolio = usePortfolio(slug)
  const list: Opportunity[] = (portfolio.data?.opportunities ?? []).filter(
    (o) => o.status !== 'declined' && o.status !== 'done' && o.steps.some((s) => s.journeyId === journeyId && s.step === step.key),
  )
  return (
    <div className="step-opportunities" aria-label={`Opportunities at ${step.name}`} role="group" data-testid={`opportunities-${step.key}`}>
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
}
