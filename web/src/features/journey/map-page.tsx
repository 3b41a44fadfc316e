import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { Empty, Loading, Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { useSession } from '../shell/session.ts'
import { MeasuredMap } from './measured-map.tsx'

// The editor (and its drag-and-drop library) loads when a map is first edited.
const MapEditor = lazy(async () => ({ default: (await import('../editor/map-editor.tsx')).MapEditor }))

/** Whether the signed-in user may edit in the workspace (editors and owners). */
export function useCanEdit(slug: string) {
  const { session } = useSession()
  return session.workspaces.find((w) => w.slug === slug)?.role !== 'viewer'
}

/**
 * `/w/:slug/journeys/:id/map`: the journey map, measured; with `?edit=1` (editors and owners) the same
 * map in edit mode, its cards keeping their live figures while stages, steps and lanes are edited.
 */
export function MapPage() {
  const { slug = '', journeyId = '' } = useParams()
  const [params] = useSearchParams()
  const { query } = useFilter()
  const canEdit = useCanEdit(slug)
  const editing = params.get('edit') === '1'
  const path = { ws: slug, id: journeyId }
  const journey = useQuery({
    queryKey: ['journey', slug, journeyId],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path } })),
    select: (j) => ({ ...j, document: j.document as unknown as JourneyDocument }),
  })
  // One request per view: the server answers the analysis and the KPIs with trends together, cached until data arrives.
  const map = useQuery({
    queryKey: ['map', slug, journeyId, query],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/map', { params: { path, query: query as never } })),
  })
  if (editing && !canEdit) return <Empty title="Viewers cannot edit the map">You can read this journey&apos;s map and versions. Ask an owner to make you an editor to change it.</Empty>
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) =>
        editing ? (
          <Suspense fallback={<Loading what="Opening the editor" />}>
            {/* The editor keeps its own copy of the version it opened; figures come in (and refresh) beside it. */}
            <MapEditor key={j.id} journey={j} map={map.data} measuring={map.isFetching} />
          </Suspense>
        ) : (
          <Pending query={map} what="Measuring the journey (every event of the period, per customer)">
            {(m) => <MeasuredMap journey={j} map={m} canEdit={canEdit} />}
          </Pending>
        )
      }
    </Pending>
  )
}
