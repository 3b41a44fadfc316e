import { Link, useParams } from 'react-router'
import { client, ok, ApiError } from '../../api/client.ts'
import { useFilter } from '../filters/use-filter.ts'
import { useCanEdit } from '../shell/session.ts'
import { usePortfolioChange } from './portfolio-queries.ts'

type Point = { step: string; segment: { trait: string; value: string } | null }

/** One click on a red point: it becomes an opportunity in the portfolio, carrying its reasons, segment, customers and value at risk. */
export function CreateFromRedPoint({ journeyId, point }: { journeyId: string; point: Point }) {
  const { slug = '' } = useParams()
  const { query } = useFilter()
  const canEdit = useCanEdit(slug)
  const create = usePortfolioChange(slug, () =>
    ok(
      client.POST('/api/workspaces/{ws}/opportunities/from-red-point', {
        params: { path: { ws: slug }, query: query as never },
        body: { journeyId, step: point.step, segment: point.segment },
      }),
    ),
  )
  if (!canEdit) return null
  if (create.isSuccess) {
    return (
      <p className="done-note" role="status">
        Opportunity created. <Link to={`/w/${slug}/portfolio`}>Open the portfolio</Link>
      </p>
    )
  }
  const conflict = create.error instanceof ApiError && create.error.status === 409
  return (
    <div className="create-opportunity">
      <button onClick={() => create.mutate(undefined)} disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create opportunity'}
      </button>
      {create.error && (
        <p className={conflict ? 'muted' : 'error'} role="alert">
          {create.error.message} {conflict && <Link to={`/w/${slug}/portfolio`}>Open the portfolio</Link>}
        </p>
      )}
    </div>
  )
}
