import { useQuery } from '@tanstack/react-query'
import { Link, NavLink, Outlet, useNavigate, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { Empty } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { useSession } from './session.ts'

/** A journey page's link; without a journey, the journey pages lead to the journeys list (which says how to add one). */
function JourneyLink({ slug, journey, search, page, children }: { slug: string; journey: string | undefined; search: string; page: string; children: string }) {
  return journey ? <NavLink to={`/w/${slug}/journeys/${journey}/${page}${search}`}>{children}</NavLink> : <Link to={`/w/${slug}/journeys`}>{children}</Link>
}

/** The journeys of a workspace (cached for every page that picks one). */
export function useJourneys(workspace: string) {
  return useQuery({ queryKey: ['journeys', workspace], queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys', { params: { path: { ws: workspace } } })) })
}

/** The workspace's pages under one navigation bar; the journey pages act on the journey in the URL, else the first. */
export function WorkspaceLayout() {
  const { slug = '', journeyId } = useParams()
  const { session, signOut } = useSession()
  const navigate = useNavigate()
  const journeys = useJourneys(slug)
  const { search } = useFilter()
  const workspace = session.workspaces.find((w) => w.slug === slug)
  const journey = journeyId ?? journeys.data?.[0]?.id
  if (!workspace) {
    return <Empty title="No such workspace">You are not a member of “{slug}”. Pick one of yours from the list above, or ask its owner to add you.</Empty>
  }
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          Waymark
        </a>
        <select aria-label="Workspace" value={slug} onChange={(e) => navigate(`/w/${e.target.value}`)}>
          {session.workspaces.map((w) => (
            <option key={w.id} value={w.slug}>
              {w.name}
            </option>
          ))}
        </select>
        <nav aria-label="Pages" className="nav">
          <NavLink to={`/w/${slug}/journeys`} end>
            Journeys
          </NavLink>
          <JourneyLink slug={slug} journey={journey} search={search} page="map">Map</JourneyLink>
          <JourneyLink slug={slug} journey={journey} search={search} page="brief">Brief</JourneyLink>
          <JourneyLink slug={slug} journey={journey} search={search} page="flows">Flows</JourneyLink>
          <JourneyLink slug={slug} journey={journey} search={search} page="funnels">Funnels</JourneyLink>
          <JourneyLink slug={slug} journey={journey} search={search} page="drivers">Drivers</JourneyLink>
          <NavLink to={`/w/${slug}/portfolio`}>Portfolio</NavLink>
          <NavLink to={`/w/${slug}/experiments`}>Experiments</NavLink>
          <NavLink to={`/w/${slug}/alerts`}>Alerts</NavLink>
          <NavLink to={`/w/${slug}/cases`}>Cases</NavLink>
          <NavLink to={`/w/${slug}/personas`}>Personas</NavLink>
          <NavLink to={`/w/${slug}/customers`}>Customers</NavLink>
          <NavLink to={`/w/${slug}/data`}>Data</NavLink>
          <NavLink to={`/w/${slug}/members`}>Members</NavLink>
        </nav>
        <span className="spacer" />
        <span className="who">
          {session.user.email} · {workspace.role}
        </span>
        <button className="ghost" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  )
}
