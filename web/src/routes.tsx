import { createBrowserRouter, Navigate, RouterProvider, useParams } from 'react-router'
import { JourneyLayout } from './features/journey/journey-layout.tsx'
import { MapPage } from './features/journey/map-page.tsx'
import { useSession } from './features/shell/session.ts'
import { useJourneys, WorkspaceLayout } from './features/shell/workspace-layout.tsx'
import { Empty, Loading } from './ui/states.tsx'

/** `/`: the first workspace. */
function Home() {
  const { session } = useSession()
  const first = session.workspaces[0]
  if (!first) return <Empty title="No workspace yet">You are not a member of any workspace yet. Ask an owner to add you.</Empty>
  return <Navigate to={`/w/${first.slug}`} replace />
}

/** A workspace opens on its first journey's map; without journeys, on the journeys list (which says how to add one). */
function WorkspaceHome() {
  const { slug = '' } = useParams()
  const journeys = useJourneys(slug)
  if (!journeys.data) return <Loading what="Opening the workspace" />
  const first = journeys.data[0]
  return <Navigate to={first ? `/w/${slug}/journeys/${first.id}/map` : `/w/${slug}/journeys`} replace />
}

// The map, where a workspace opens, is in the main bundle; every other page loads when first visited.
const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  {
    path: '/w/:slug',
    element: <WorkspaceLayout />,
    children: [
      { index: true, element: <WorkspaceHome /> },
      { path: 'journeys', lazy: async () => ({ Component: (await import('./features/journeys/journeys-page.tsx')).JourneysPage }) },
      {
        path: 'journeys/:journeyId',
        element: <JourneyLayout />,
        children: [
          { index: true, element: <Navigate to="map" replace /> },
          { path: 'map', element: <MapPage /> },
          { path: 'flows', lazy: async () => ({ Component: (await import('./features/flows/flows-page.tsx')).FlowsPage }) },
          { path: 'funnels', lazy: async () => ({ Component: (await import('./features/funnels/funnels-page.tsx')).FunnelsPage }) },
          { path: 'drivers', lazy: async () => ({ Component: (await import('./features/drivers/drivers-page.tsx')).DriversPage }) },
          { path: 'versions', lazy: async () => ({ Component: (await import('./features/versions/versions-page.tsx')).VersionsPage }) },
          // The editor is the map's edit mode; old links to the editor page land there.
          { path: 'edit', element: <Navigate to="../map?edit=1" replace /> },
          { path: 'brief', lazy: async () => ({ Component: (await import('./features/brief/brief-page.tsx')).BriefPage }) },
          { path: 'settings', lazy: async () => ({ Component: (await import('./features/settings/settings-page.tsx')).JourneySettingsPage }) },
        ],
      },
      { path: 'portfolio', lazy: async () => ({ Component: (await import('./features/portfolio/portfolio-page.tsx')).PortfolioPage }) },
      { path: 'experiments', lazy: async () => ({ Component: (await import('./features/experiments/experiments-page.tsx')).ExperimentsPage }) },
      { path: 'experiments/:experimentId', lazy: async () => ({ Component: (await import('./features/experiments/experiment-page.tsx')).ExperimentPage }) },
      { path: 'alerts', lazy: async () => ({ Component: (await import('./features/alerts/alerts-page.tsx')).AlertsPage }) },
      { path: 'cases', lazy: async () => ({ Component: (await import('./features/cases/cases-page.tsx')).CasesPage }) },
      { path: 'cases/:caseId', lazy: async () => ({ Component: (await import('./features/cases/case-page.tsx')).CasePage }) },
      { path: 'personas', lazy: async () => ({ Component: (await import('./features/personas/personas-page.tsx')).PersonasPage }) },
      { path: 'customers', lazy: async () => ({ Component: (await import('./features/customers/customers-page.tsx')).CustomersPage }) },
      { path: 'customers/:customerId', lazy: async () => ({ Component: (await import('./features/customers/customer-page.tsx')).CustomerPage }) },
      { path: 'data', lazy: async () => ({ Component: (await import('./features/data/data-page.tsx')).DataPage }) },
      { path: 'members', lazy: async () => ({ Component: (await import('./features/members/members-page.tsx')).MembersPage }) },
    ],
  },
  { path: '*', element: <Empty title="Page not found">This address does not exist. Use the navigation above, or go to the <a href="/">start page</a>.</Empty> },
])

export function AppRouter() {
  return <RouterProvider router={router} />
}
