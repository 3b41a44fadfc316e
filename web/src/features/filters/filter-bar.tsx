import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { client, ok } from '../../api/client.ts'
import { useFilter } from './use-filter.ts'

const DAY = 86_400_000
const VALUE_TIER = 'value tier'
const TIERS = ['high', 'mid', 'low']
const iso = (d: Date) => d.toISOString().slice(0, 10)
/** Periods end at the last day with data (a demo's data may be months old), so "last 30 days" is never empty by accident. */
const PRESETS = [
  { label: 'All time', days: 0 },
  { label: 'Last 7 days', days: 7 },
  { label: 'Last 30 days', days: 30 },
  { label: 'Last 90 days', days: 90 },
]

/** Period (presets and custom), channel and segment: applied to every figure on the page, kept in the URL. */
export function FilterBar({ workspace }: { workspace: string }) {
  const { filter, set } = useFilter()
  const queries = useQueryClient()
  // The lists of channels and segments, and the last day with data, are read once the page's own answers are in (or
  // a control needs them), so they never queue before the page's analysis in the engine.
  const [opened, setOpened] = useState(false)
  const pageBusy = useIsFetching({ predicate: (q) => !['dimensions', 'stats'].includes(String(q.queryKey[0])) }) > 0
  const statsQuery = { queryKey: ['stats', workspace], queryFn: () => ok(client.GET('/api/workspaces/{ws}/stats', { params: { path: { ws: workspace } } })) }
  const dims = useQuery({
    queryKey: ['dimensions', workspace],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/dimensions', { params: { path: { ws: workspace } } })),
    enabled: opened || !pageBusy || !!filter.channel || Object.keys(filter.traits).length > 0,
  })
  const stats = useQuery({ ...statsQuery, enabled: !!(filter.from || filter.to) })
  const lastDayOf = (last: string | null | undefined) => (last ? new Date(`${last.slice(0, 10)}T00:00:00Z`) : new Date())
  const lastDay = lastDayOf(stats.data?.lastEventAt)
  const presetOf = PRESETS.find((p) => (p.days === 0 ? !filter.from && !filter.to : filter.to === iso(new Date(lastDay.getTime() + DAY)) && filter.from === iso(new Date(lastDay.getTime() + DAY - p.days * DAY))))
  const choosePreset = async (label: string) => {
    const p = PRESETS.find((x) => x.label === label)
    if (!p) return
    const end = new Date(lastDayOf((await queries.fetchQuery(statsQuery)).lastEventAt).getTime() + DAY)
    set(p.days === 0 ? { from: undefined, to: undefined } : { from: iso(new Date(end.getTime() - p.days * DAY)), to: iso(end) })
  }
  // One segment at a time: a trait's value, or a value tier (`value tier=high`).
  const segment = filter.valueTiers ? [VALUE_TIER, filter.valueTiers] : Object.entries(filter.traits)[0]
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()} onFocus={() => setOpened(true)} onPointerOver={() => setOpened(true)}>
      <label>
        Period
        <select value={presetOf?.label ?? 'Custom'} onChange={(e) => void choosePreset(e.target.value)}>
          {PRESETS.map((p) => (
            <option key={p.label}>{p.label}</option>
          ))}
          <option disabled>Custom</option>
        </select>
      </label>
      <label>
        From
        <input type="date" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
      </label>
      <label>
        To (exclusive)
        <input type="date" value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
      </label>
      <label>
        Channel
        <select value={filter.channel ?? ''} onChange={(e) => set({ channel: e.target.value || undefined })}>
          <option value="">All channels</option>
          {filter.channel && !dims.data && <option>{filter.channel}</option>}
          {dims.data?.channels.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Segment
        <select
          value={segment ? `${segment[0]}=${segment[1]}` : ''}
          onChange={(e) => {
            const [trait, value] = e.target.value.split('=')
            const cleared = { valueTiers: undefined, ...Object.fromEntries(Object.keys(filter.traits).map((t) => [`trait.${t}`, undefined])) }
            set({ ...cleared, ...(trait === VALUE_TIER ? { valueTiers: value } : trait ? { [`trait.${trait}`]: value } : {}) })
          }}
        >
          <option value="">All customers</option>
          {segment && segment[0] !== VALUE_TIER && !dims.data && <option value={`${segment[0]}=${segment[1]}`}>{`${segment[0]} ${segment[1]}`}</option>}
          <optgroup label="Value tier (paying customers by revenue)">
            {TIERS.map((t) => (
              <option key={t} value={`${VALUE_TIER}=${t}`}>
                {t}-value customers
              </option>
            ))}
          </optgroup>
          {dims.data?.traits.map((t) => (
            <optgroup key={t.trait} label={t.trait}>
              {t.values.map((v) => (
                <option key={v} value={`${t.trait}=${v}`}>
                  {t.trait} {v}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
    </form>
  )
}
