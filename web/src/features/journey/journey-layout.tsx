import { NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router'
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
          {canEdit && <NavLink to={`/w/${slug}/journeys/${journeyId}/edit`}>Edit map</NavLink>}
          <NavLink to={`/w/${slug}/journeys/${journeyId}/versions`}>Versions</NavLink>
          <NavLink to={`/w/${slug}/journeys/${journeyId}/settings`}>Settings</NavLink>
        </nav>
      </div>
      {!/\/(versions|settings|edit)$/.test(location.pathname) && <FilterBar workspace={slug} />}
      <Outlet />
    </div>
  )
}
