import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { client, ok, type Answer } from '../../api/client.ts'

export type Portfolio = Answer<'/api/workspaces/{ws}/opportunities'>
export type Opportunity = Portfolio['opportunities'][number]
export type Scoring = Portfolio['scoring']

export const CATEGORY_LABEL: Record<Opportunity['category'], string> = { must_have: 'Must-have', strategic: 'Strategic', star: 'Star' }
export const STATUS_LABEL: Record<Opportunity['status'], string> = {
  new: 'New',
  assessing: 'Assessing',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  declined: 'Declined',
}
export const FIT_LABEL: Record<Opportunity['promiseFit'], string> = { none: 'keeps no promise', partial: 'partly keeps the promise', full: 'keeps the promise' }

/** The workspace's portfolio (ranked, with live values at risk), optionally searched. */
export function usePortfolio(slug: string, q = '') {
  return useQuery({
    queryKey: ['portfolio', slug, q],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/opportunities', { params: { path: { ws: slug }, query: q ? { q } : {} } })),
  })
}

/** A change to the portfolio; every view of it is refreshed afterwards. */
export function usePortfolioChange<T>(slug: string, fn: (input: T) => Promise<unknown>) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([queries.invalidateQueries({ queryKey: ['portfolio', slug] }), queries.invalidateQueries({ queryKey: ['roadmap', slug] })]),
  })
}
