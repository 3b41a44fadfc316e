import { useQuery } from '@tanstack/react-query'
import { client, ok } from '../../api/client.ts'

/** An opportunity or a pilot of the journey, as the brief lists it. */
export type PortfolioItem = { id: string; title: string; status: string; rank: number | null; kind: 'opportunity' | 'pilot' }

/**
 * What the team is doing about the journey: its open opportunities (those linked to one of its steps, in
 * portfolio order) and its pilots (experiments on its steps).
 */
export function usePortfolio(slug: string, journeyId: string) {
  return useQuery({
    queryKey: ['brief-portfolio', slug, journeyId],
    queryFn: async (): Promise<PortfolioItem[]> => {
      const [portfolio, experiments] = await Promise.all([
        ok(client.GET('/api/workspaces/{ws}/opportunities', { params: { path: { ws: slug } } })),
        ok(client.GET('/api/workspaces/{ws}/experiments', { params: { path: { ws: slug } } })),
      ])
      return [
        ...portfolio.opportunities
          .filter((o) => o.steps.some((s) => s.journeyId === journeyId) && o.status !== 'declined')
          .map((o) => ({ id: o.id, title: o.title, status: o.status, rank: o.rank, kind: 'opportunity' as const })),
        ...experiments.filter((e) => e.journeyId === journeyId).map((e) => ({ id: e.id, title: e.name, status: e.status, rank: null, kind: 'pilot' as const })),
      ]
    },
  })
}
