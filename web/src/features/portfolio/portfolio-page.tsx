import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { money, num } from '../../ui/format.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { useCanEdit } from '../shell/session.ts'
import { OpportunityCard } from './opportunity-card.tsx'
import { OpportunityForm } from './opportunity-form.tsx'
import { CATEGORY_LABEL, usePortfolio, type Opportunity, type Portfolio } from './portfolio-queries.ts'
import { ValueEffortMatrix } from './value-effort-matrix.tsx'
import './portfolio.css'

const VIEWS = [
  { key: 'list', label: 'Ranked list' },
  { key: 'matrix', label: 'Value × effort' },
  { key: 'category', label: 'By category' },
  { key: 'stage', label: 'By stage' },
  { key: 'journey', label: 'By journey' },
  { key: 'roadmap', label: 'Roadmap' },
] as const
type View = (typeof VIEWS)[number]['key']

/** The portfolio: what to fix first (ranked by the workspace's formula), what not to do and why, and the roadmap. */
export function PortfolioPage() {
  const { slug = '' } = useParams()
  const canEdit = useCanEdit(slug)
  const [params, setParams] = useSearchParams()
  const view = (VIEWS.find((v) => v.key === params.get('view'))?.key ?? 'list') as View
  const q = params.get('q') ?? ''
  const [search, setSearch] = useState(q)
  const [creating, setCreating] = useState(false)
  const portfolio = usePortfolio(slug, q)
  const setParam = (k: string, v: string) =>
    setParams((cur) => {
      const next = new URLSearchParams(cur)
      if (v) next.set(k, v)
      else next.delete(k)
      return next
    })
  return (
    <div className="page decide portfolio-page">
      <div className="page-head">
        <h1>Portfolio</h1>
        <span className="spacer" />
        {canEdit && !creating && <button onClick={() => setCreating(true)}>New opportunity</button>}
      </div>
      <p className="muted intro">
        What to fix first. Opportunities come from red points on the map (one click in a red point&apos;s panel), from research insights, from drivers or by hand, and are
        ranked by score = category × (1 + promise × fit) × confidence × (log₁₀(1 + value at risk) + log₁₀(1 + customers)) ÷ effort — must-haves and work that keeps a
        stage&apos;s brand promise before stars that keep none. Pins go first.{!canEdit && ' You are a viewer: editors change the portfolio.'}
      </p>
      {creating && <OpportunityForm onDone={() => setCreating(false)} />}
      <div className="portfolio-controls">
        <div className="chips" role="group" aria-label="View">
          {VIEWS.map((v) => (
            <button key={v.key} className={view === v.key ? 'chip on' : 'chip'} aria-pressed={view === v.key} onClick={() => setParam('view', v.key === 'list' ? '' : v.key)}>
              {v.label}
            </button>
          ))}
        </div>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault()
            setParam('q', search.trim())
          }}
        >
          <input type="search" aria-label="Search the portfolio, declined items too" placeholder="Search, declined items too" value={search} onChange={(e) => setSearch(e.target.value)} />
        </form>
      </div>
      <Pending query={portfolio} what="Ranking the portfolio (reading each red point's value at risk live)">
        {(p) => <PortfolioView portfolio={p} view={view} canEdit={canEdit} searched={q} />}
      </Pending>
    </div>
  )
}

function PortfolioView({ portfolio, view, canEdit, searched }: { portfolio: Portfolio; view: View; canEdit: boolean; searched: string }) {
  const ranked = portfolio.opportunities.filter((o) => o.rank !== null)
  const rest = portfolio.opportunities.filter((o) => o.rank === null)
  const pinnedCount = ranked.filter((o) => o.pinnedRank !== null).length
  const card = (o: Opportunity) => <OpportunityCard key={o.id} o={o} canEdit={canEdit} pinnedCount={pinnedCount} />
  if (portfolio.opportunities.length === 0) {
    return searched ? (
      <Empty title="Nothing found">No opportunity mentions “{searched}”. Clear the search to see the whole portfolio.</Empty>
    ) : (
      <Empty title="No opportunities yet">Open a journey&apos;s map, click a red point and choose “Create opportunity” — or add one by hand with “New opportunity”.</Empty>
    )
  }
  const total = ranked.reduce((s, o) => s + o.valueAtRisk, 0)
  return (
    <>
      <p className="muted">
        {num(ranked.length)} in the ranking, {money(total)} value at risk · {num(rest.filter((o) => o.status === 'declined').length)} declined · {num(rest.filter((o) => o.status === 'done').length)} done
      </p>
      {view === 'list' && <ol className="opportunity-list">{ranked.map((o) => <li key={o.id}>{card(o)}</li>)}</ol>}
      {view === 'matrix' && (
        <section className="card">
          <h2>Value × effort</h2>
          <ValueEffortMatrix items={ranked} onPick={(id) => document.getElementById(id)?.scrollIntoView()} />
          <ol className="opportunity-list">{ranked.map((o) => <li key={o.id}>{card(o)}</li>)}</ol>
        </section>
      )}
      {view === 'category' && <Grouped items={ranked} keyOf={(o) => CATEGORY_LABEL[o.category]} card={card} />}
      {view === 'stage' && <Grouped items={ranked} keyOf={(o) => o.steps[0] ? `${o.steps[0].stageName || 'No stage'}${o.steps[0].promise ? ` — promise “${o.steps[0].promise}”` : ''}` : 'Not linked to a step'} card={card} />}
      {view === 'journey' && <Grouped items={ranked} keyOf={(o) => o.steps[0]?.journeyName ?? 'Not linked to a journey'} card={card} />}
      {view === 'roadmap' && <Roadmap />}
      {rest.length > 0 && view !== 'roadmap' && (
        <section className="not-ranked" aria-label="Done and declined">
          <h2>Done and declined — what we will not do, and why</h2>
          {rest.map(card)}
        </section>
      )}
    </>
  )
}

function Grouped({ items, keyOf, card }: { items: Opportunity[]; keyOf: (o: Opportunity) => string; card: (o: Opportunity) => React.ReactNode }) {
  const groups = new Map<string, Opportunity[]>()
  for (const o of items) groups.set(keyOf(o), [...(groups.get(keyOf(o)) ?? []), o])
  return (
    <>
      {[...groups].map(([k, list]) => (
        <section key={k} className="opportunity-group" aria-label={k}>
          <h2>
            {k} <span className="muted">({list.length})</span>
          </h2>
          {list.map(card)}
        </section>
      ))}
    </>
  )
}

function Roadmap() {
  const { slug = '' } = useParams()
  const roadmap = useQuery({ queryKey: ['roadmap', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/roadmap', { params: { path: { ws: slug } } })) })
  return (
    <Pending query={roadmap} what="Reading the roadmap">
      {(r) =>
        r.length === 0 ? (
          <Empty title="No solutions planned">Add a solution or project under an opportunity: the roadmap lists them in the portfolio&apos;s order.</Empty>
        ) : (
          <table className="roadmap">
            <caption className="sr-only">Roadmap</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Solution</th>
                <th scope="col">For</th>
                <th scope="col">Status</th>
                <th scope="col">Start</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {r.map((s) => (
                <tr key={s.id}>
                  <td>{s.opportunityRank}</td>
                  <td>{s.title}</td>
                  <td>
                    <a href={`#${s.opportunityId}`}>{s.opportunityTitle}</a>
                  </td>
                  <td>{s.status.replace('_', ' ')}</td>
                  <td>{s.startDate ?? '—'}</td>
                  <td>{s.dueDate ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Pending>
  )
}
