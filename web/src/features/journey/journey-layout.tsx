import { Link, NavLink, Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router'
import { FilterBar } from '../filters/filter-bar.tsx'
import { useSession } from '../shell/session.ts'
import { useJourneys } from '../shell/workspace-layout.tsx'

/** A journey's pages (map, flows, funnels, drivers, editor): the journey picker and the filters they share. */
export function JourneyLayout() {
  const { slug = '', journeyId = '' } = useParams()
  const journeys = useJourneys(slug)
  const navigate = useNavigate()
  const location = useLocation()
  const current = journeys.data?.find((j) => j.id === journeyId)
  const { session } = useSession()
  const canEdit = session.workspaces.find((w) => w.slug === slug)?.role !== 'viewer'
  const [params] = useSearchParams()
  const editing = location.pathname.endsWith('/map') && params.get('edit') === '1'
  const editSearch = new URLSearchParams(params)
  editSearch.set('edit', '1')
  return (
    <div className="page">
      <div className="page-head">
        <h1>{current?.name ?? 'Journey'}</h1>
        {journeys.data && journeys.data.length > 1 && (
          <select aria-label="Journey" value={journeyId} onChange={(e) => navigate(location.pathname.replace(journeyId, e.target.value) + location.search)}>
            {journeys.data.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name}
              </option>
            ))}
          </select>
        )}
        <span className="spacer" />
        <nav aria-label="Journey" className="journey-links">
          {canEdit && (
            <Link to={`/w/${slug}/journeys/${journeyId}/map?${editSearch}`} className={editing ? 'active' : undefined} aria-current={editing ? 'page' : undefined}>
              Edit map
            </Link>
          )}
          <NavLink to={`/w/${slug}/journeys/${journeyId}/versions`}>Versions</NavLink>
          <NavLink to={`/w/${slug}/journeys/${journeyId}/settings`}>Settings</NavLink>
        </nav>
      </div>
      {!/\/(versions|settings)$/.test(location.pathname) && <FilterBar workspace={slug} />}
      <Outlet />
    </div>
  )
}
