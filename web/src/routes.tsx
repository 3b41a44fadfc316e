import { createBrowserRouter, Navigate, RouterProvider, useParams } from 'react-router'
import { CustomerPage } from './features/customers/customer-page.tsx'
import { CustomersPage } from './features/customers/customers-page.tsx'
import { DataPage } from './features/data/data-page.tsx'
import { DriversPage } from './features/drivers/drivers-page.tsx'
import { FlowsPage } from './features/flows/flows-page.tsx'
import { FunnelsPage } from './features/funnels/funnels-page.tsx'
import { JourneyLayout } from './features/journey/journey-layout.tsx'
import { MapPage } from './features/journey/map-page.tsx'
import { JourneysPage } from './features/journeys/journeys-page.tsx'
import { MembersPage } from './features/members/members-page.tsx'
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

const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  {
    path: '/w/:slug',
    element: <WorkspaceLayout />,
    children: [
      { index: true, element: <WorkspaceHome /> },
      { path: 'journeys', element: <JourneysPage /> },
      {
        path: 'journeys/:journeyId',
        element: <JourneyLayout />,
        children: [
          { index: true, element: <Navigate to="map" replace /> },
          { path: 'map', element: <MapPage /> },
          { path: 'flows', element: <FlowsPage /> },
          { path: 'funnels', element: <FunnelsPage /> },
          { path: 'drivers', element: <DriversPage /> },
        ],
      },
      { path: 'customers', element: <CustomersPage /> },
      { path: 'customers/:customerId', element: <CustomerPage /> },
      { path: 'data', element: <DataPage /> },
      { path: 'members', element: <MembersPage /> },
    ],
  },
  { path: '*', element: <Empty title="Page not found">This address does not exist. Use the navigation above, or go to the <a href="/">start page</a>.</Empty> },
])

export function AppRouter() {
  return <RouterProvider router={router} />
}
