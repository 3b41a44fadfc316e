import { useSearchParams } from 'react-router'

/** The analysis filters a page shares through its URL: period, channels, segments (a trait value, or value tiers). */
export type Filter = { from?: string; to?: string; channel?: string; valueTiers?: string; traits: Record<string, string> }

const FILTER_KEYS = ['from', 'to', 'channel', 'valueTiers']

/** Reads and writes the filters in the query string, so every view is a shareable link. */
export function useFilter() {
  const [params, setParams] = useSearchParams()
  const traits = Object.fromEntries([...params].filter(([k]) => k.startsWith('trait.')).map(([k, v]) => [k.slice('trait.'.length), v]))
  const filter: Filter = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined, channel: params.get('channel') ?? undefined, valueTiers: params.get('valueTiers') ?? undefined, traits }
  /** The API's query parameters for the filter (the same names as the URL's). */
  const query: Record<string, string> = Object.fromEntries([...params].filter(([k]) => FILTER_KEYS.includes(k) || k.startsWith('trait.')))
  // From the address bar, not this render's params: a change made before the last one has rendered (navigations are
  // transitions) or after an await (a period preset reads the last day first) would otherwise drop it.
  const set = (changes: Record<string, string | undefined>) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search)
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v)
        else next.delete(k)
      }
      return next
    })
  /** The filter part of the URL, to carry it to another page. */
  const search = new URLSearchParams(query).toString()
  return { filter, query, set, search: search ? `?${search}` : '' }
}
