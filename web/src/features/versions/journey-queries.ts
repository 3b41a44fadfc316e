import { useQuery, type QueryClient } from '@tanstack/react-query'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'

/** The journey now (the map's query), or as of a version; versions never change, so they are cached for good. */
export function useJourneyAt(slug: string, journeyId: string, version?: number) {
  return useQuery({
    queryKey: version === undefined ? ['journey', slug, journeyId] : ['journey', slug, journeyId, 'at', version],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId }, query: version === undefined ? {} : { version } } })),
    staleTime: version === undefined ? 0 : Infinity,
    select: (j) => ({ ...j, document: j.document as unknown as JourneyDocument }),
  })
}

/** After a new version: the journey, its versions, the journeys list (names), the map and the brief are read again. */
export function refreshJourney(queries: QueryClient, slug: string, journeyId: string) {
  return Promise.all([
    queries.invalidateQueries({ queryKey: ['journey', slug, journeyId] }),
    queries.invalidateQueries({ queryKey: ['journeys', slug] }),
    queries.invalidateQueries({ queryKey: ['map', slug, journeyId] }),
    queries.invalidateQueries({ queryKey: ['brief', slug, journeyId] }),
  ])
}
