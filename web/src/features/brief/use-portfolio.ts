import { useQuery } from '@tanstack/react-query'

/** An opportunity or a pilot as the brief lists it: whatever the portfolio answers, read loosely. */
export type PortfolioItem = { id: string; title: string; status: string | null; kind: 'opportunity' | 'pilot' }
export type Portfolio = { available: false } | { available: true; items: PortfolioItem[] }

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined)

/** Items of this journey (when the portfolio says which journey an item is for; otherwise all of the workspace's). */
function itemsOf(body: unknown, kind: PortfolioItem['kind'], journeyId: string): PortfolioItem[] {
  const list = Array.isArray(body) ? body : Array.isArray((body as { items?: unknown })?.items) ? (body as { items: unknown[] }).items : []
  return list.flatMap((raw, i) => {
    const o = (raw ?? {}) as Record<string, unknown>
    const journey = text(o.journeyId) ?? text(o.journey)
    if (journey && journey !== journeyId) return []
    const title = text(o.title) ?? text(o.name) ?? text(o.problem) ?? text(o.hypothesis)
    return title ? [{ id: text(o.id) ?? `${kind}-${i}`, title, status: text(o.status) ?? null, kind }] : []
  })
}

/**
 * What the team is doing about the journey: its opportunities and pilots (experiments), read from
 * `/api/workspaces/:ws/opportunities` and `/experiments` once the server has them. Until then (404)
 * the brief says so and what to do instead. Plain fetches: these routes are not in the typed client yet.
 */
export function usePortfolio(slug: string, journeyId: string) {
  return useQuery({
    queryKey: ['portfolio', slug, journeyId],
    queryFn: async (): Promise<Portfolio> => {
      const read = async (what: string) => {
        const res = await fetch(`/api/workspaces/${encodeURIComponent(slug)}/${what}?journey=${encodeURIComponent(journeyId)}`, { credentials: 'same-origin' })
        if (res.status === 404) return undefined
        if (!res.ok) throw new Error(`The ${what} could not be read (${res.status})`)
        return res.json() as Promise<unknown>
      }
      const [opportunities, experiments] = await Promise.all([read('opportunities'), read('experiments')])
      if (opportunities === undefined && experiments === undefined) return { available: false }
      return { available: true, items: [...itemsOf(opportunities, 'opportunity', journeyId), ...itemsOf(experiments, 'pilot', journeyId)] }
    },
  })
}
