import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import { money, num } from '../../ui/format.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { formatCustomerSearch, parseCustomerSearch, searchFromParams } from './customer-search.ts'
import { day, TraitList } from './customer-traits.tsx'
import './customers.css'

type Found = Answer<'/api/workspaces/{ws}/customers'>
type Sort = 'recent' | 'value' | 'events'

const PAGE = 50
const SORTS: Record<Sort, string> = { recent: 'Last seen', value: 'Most valuable', events: 'Most events' }

/** Find customers by id or trait (and, from other pages' links, by event and channel); each opens their timeline. */
export function CustomersPage() {
  const { slug = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const search = searchFromParams(params)
  const searched = formatCustomerSearch(search)
  const [text, setText] = useState(searched)
  // A link from another page (or Back) changes the search: the box shows it.
  useEffect(() => setText(searched), [searched])
  const sort = (params.get('sort') as Sort | null) ?? 'recent'
  const offset = Number(params.get('offset') ?? 0) || 0
  const event = params.get('event') ?? undefined
  const channel = params.get('channel') ?? undefined
  const query = {
    ...(search.q ? { q: search.q } : {}),
    ...Object.fromEntries(Object.entries(search.traits).map(([k, v]) => [`trait.${k}`, v])),
    ...(event ? { event } : {}),
    ...(channel ? { channel } : {}),
    sort,
    limit: PAGE,
    offset,
  }
  const found = useQuery({
    queryKey: ['customers', slug, query],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/customers', { params: { path: { ws: slug }, query: query as never } })),
    placeholderData: keepPreviousData,
  })

  const change = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current)
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v)
        else next.delete(k)
      }
      if (!('offset' in changes)) next.delete('offset')
      return next
    })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const typed = parseCustomerSearch(text)
    const clearTraits = Object.fromEntries([...params.keys()].filter((k) => k.startsWith('trait.')).map((k) => [k, undefined]))
    change({ ...clearTraits, q: typed.q || undefined, ...Object.fromEntries(Object.entries(typed.traits).map(([k, v]) => [`trait.${k}`, v])) })
  }
  const searching = Boolean(search.q || Object.keys(search.traits).length || event || channel)

  return (
    <div className="page customers-page">
      <div className="page-head">
        <h1>Customers</h1>
      </div>
      <form className="customer-search card" role="search" onSubmit={submit}>
        <label htmlFor="customer-search">Find customers</label>
        <div className="row">
          <input
            id="customer-search"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="cust-0042   or   tier=gold   or both: cust tier=gold region=north"
            aria-describedby="customer-search-help"
            autoComplete="off"
          />
          <button type="submit">Search</button>
        </div>
        <p id="customer-search-help" className="muted">
          Type part of a customer id (anonymous ids linked to a customer find them too), or a trait as <code>key=value</code>. Several words narrow the search.
        </p>
        <TraitExamples slug={slug} onPick={(k, v) => {
          setText(formatCustomerSearch({ q: '', traits: { [k]: v } }))
          change({ ...Object.fromEntries([...params.keys()].filter((x) => x.startsWith('trait.')).map((x) => [x, undefined])), q: undefined, [`trait.${k}`]: v })
        }} />
        <div className="search-options">
          <label>
            Sort by{' '}
            <select value={sort} onChange={(e) => change({ sort: e.target.value === 'recent' ? undefined : e.target.value })}>
              {Object.entries(SORTS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {(event || channel) && (
            <span className="active-filter">
              Who had {event ? <code>{event}</code> : 'any event'}
              {channel && <> on {channel}</>}
              <button type="button" className="ghost" onClick={() => change({ event: undefined, channel: undefined })} aria-label="Remove the event filter">
                ✕
              </button>
            </span>
          )}
          {searching && (
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setText('')
                setParams(new URLSearchParams(sort === 'recent' ? {} : { sort }))
              }}
            >
              Show all customers
            </button>
          )}
        </div>
      </form>
      <Pending query={found} what="Searching the customers">
        {(f) => (
          <div className={found.isPlaceholderData ? 'stale' : undefined} aria-busy={found.isPlaceholderData}>
            <Results found={f} slug={slug} offset={offset} searching={searching} text={searched} onPage={(o) => change({ offset: o ? String(o) : undefined })} />
          </div>
        )}
      </Pending>
    </div>
  )
}

/** A few of the workspace's own traits as one-click searches: the empty box shows what can be typed. */
function TraitExamples({ slug, onPick }: { slug: string; onPick: (trait: string, value: string) => void }) {
  const dims = useQuery({ queryKey: ['dimensions', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/dimensions', { params: { path: { ws: slug } } })) })
  const examples = (dims.data?.traits ?? []).flatMap((t) => t.values.slice(0, 3).map((v) => [t.trait, v] as const)).slice(0, 8)
  if (!examples.length) return null
  return (
    <p className="trait-examples">
      <span className="muted">Try:</span>
      {examples.map(([k, v]) => (
        <button key={`${k}=${v}`} type="button" className="chip" onClick={() => onPick(k, v)}>
          {k}={v}
        </button>
      ))}
    </p>
  )
}

function Results({ found, slug, offset, searching, text, onPage }: { found: Found; slug: string; offset: number; searching: boolean; text: string; onPage: (offset: number) => void }) {
  if (found.total === 0 && offset > 0) {
    return (
      <Empty title="No more customers">
        This page is past the last match. <button className="ghost" onClick={() => onPage(0)}>Back to the first page</button>
      </Empty>
    )
  }
  if (found.total === 0) {
    return searching ? (
      <Empty title="No customer matches">
        Nothing matches “{text}”. Check the spelling, type a shorter part of the id (e.g. <code>cust-00</code>), or a trait exactly as it is stored (e.g. <code>tier=gold</code>).
      </Empty>
    ) : (
      <Empty title="No customers yet">
        Customers appear here once their events arrive. Send events with a write key or import a file on the <Link to={`/w/${slug}/data`}>Data page</Link>.
      </Empty>
    )
  }
  const last = Math.min(offset + found.customers.length, found.total)
  return (
    <section className="card customer-results" aria-label="Customers found">
      <p className="result-count" role="status">
        {searching ? `${num(found.total)} customers match` : `${num(found.total)} customers`} · showing {num(offset + 1)}–{num(last)}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Traits</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col">Channels</th>
            <th scope="col">Last seen</th>
            <th scope="col" className="num">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {found.customers.map((c) => (
            <tr key={c.customer}>
              <td>
                <Link to={`/w/${slug}/customers/${encodeURIComponent(c.customer)}`}>{c.customer}</Link>
              </td>
              <td>
                <TraitList traits={c.traits} />
              </td>
              <td className="num">{num(c.events)}</td>
              <td>{c.channels.length ? c.channels.join(', ') : <span className="muted">none yet</span>}</td>
              <td>{c.lastSeen ? day(c.lastSeen) : <span className="muted">traits only</span>}</td>
              <td className="num">{money(c.revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {found.total > PAGE && (
        <nav className="pager" aria-label="Pages of customers">
          <button className="ghost" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE))}>
            ← Previous
          </button>
          <span className="muted">
            {num(offset + 1)}–{num(last)} of {num(found.total)}
          </span>
          <button className="ghost" disabled={last >= found.total} onClick={() => onPage(offset + PAGE)}>
            Next →
          </button>
        </nav>
      )}
    </section>
  )
}
