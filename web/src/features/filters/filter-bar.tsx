import { useQuery } from '@tanstack/react-query'
import { client, ok } from '../../api/client.ts'
import { useFilter } from './use-filter.ts'

const DAY = 86_400_000
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
  const dims = useQuery({ queryKey: ['dimensions', workspace], queryFn: () => ok(client.GET('/api/workspaces/{ws}/dimensions', { params: { path: { ws: workspace } } })) })
  const stats = useQuery({ queryKey: ['stats', workspace], queryFn: () => ok(client.GET('/api/workspaces/{ws}/stats', { params: { path: { ws: workspace } } })) })
  const lastDay = stats.data?.lastEventAt ? new Date(`${stats.data.lastEventAt.slice(0, 10)}T00:00:00Z`) : new Date()
  const presetOf = PRESETS.find((p) => (p.days === 0 ? !filter.from && !filter.to : filter.to === iso(new Date(lastDay.getTime() + DAY)) && filter.from === iso(new Date(lastDay.getTime() + DAY - p.days * DAY))))
  const choosePreset = (label: string) => {
    const p = PRESETS.find((x) => x.label === label)
    if (!p) return
    const end = new Date(lastDay.getTime() + DAY)
    set(p.days === 0 ? { from: undefined, to: undefined } : { from: iso(new Date(end.getTime() - p.days * DAY)), to: iso(end) })
  }
  const segment = Object.entries(filter.traits)[0]
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Period
        <select value={presetOf?.label ?? 'Custom'} onChange={(e) => choosePreset(e.target.value)}>
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
            set({ ...Object.fromEntries(Object.keys(filter.traits).map((t) => [`trait.${t}`, undefined])), ...(trait ? { [`trait.${trait}`]: value } : {}) })
          }}
        >
          <option value="">All customers</option>
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
