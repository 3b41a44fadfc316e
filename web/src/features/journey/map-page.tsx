import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { money, num, pct } from '../../ui/format.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { StepOpportunities } from '../portfolio/step-opportunities.tsx'
import { EmotionCurve } from './emotion-curve.tsx'
import { coverageOf, CoverageLegend, type Coverage } from './evidence-coverage.tsx'
import { StepCard } from './step-card.tsx'
import { StepPanel } from './step-panel.tsx'

type MapAnswer = Answer<'/api/workspaces/{ws}/journeys/{id}/map'>
type Journey = Answer<'/api/workspaces/{ws}/journeys/{id}'>
export type Touchpoint = MapAnswer['touchpoints']['touchpoints'][number]
export type RedPoint = MapAnswer['analysis']['redPoints'][number]
export type MapStep = { stage: string; key: string; name: string; channel: string | null; touchpoint: Touchpoint | undefined; red: RedPoint[]; dark: boolean }

/** A step card's width: the map scrolls sideways rather than squeezing or cutting columns off. */
export const COLUMN_PX = 168


/** The journey map, measured: stages as columns, step cards with their figures and trends, red points, dark touchpoints and the emotion curve. */
export function MapPage() {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const path = { ws: slug, id: journeyId }
  const journey = useQuery({ queryKey: ['journey', slug, journeyId], queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path } })) })
  // One request per view: the server answers the analysis and the KPIs with trends together, cached until data arrives.
  const map = useQuery({
    queryKey: ['map', slug, journeyId, query],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/map', { params: { path, query: query as never } })),
  })
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) => (
        <Pending query={map} what="Measuring the journey (every event of the period, per customer)">
          {(m) => <MeasuredMap journey={j} map={m} />}
        </Pending>
      )}
    </Pending>
  )
}

function MeasuredMap({ journey, map }: { journey: Journey; map: MapAnswer }) {
  const [selected, setSelected] = useState<string | undefined>()
  const [params, setParams] = useSearchParams()
  // The URL keeps the toggle; local state shows a click at once (the router's navigation lands a moment later).
  const inUrl = params.get('coverage') === '1'
  const [showCoverage, setShowCoverage] = useState(inUrl)
  const [urlSeen, setUrlSeen] = useState(inUrl)
  if (urlSeen !== inUrl) {
    setUrlSeen(inUrl)
    setShowCoverage(inUrl)
  }
  const toggleCoverage = (on: boolean) => {
    setShowCoverage(on)
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (on) next.set('coverage', '1')
        else next.delete('coverage')
        return next
      },
      { replace: true },
    )
  }
  const byStep = new Map(map.touchpoints.touchpoints.map((t) => [t.step, t]))
  const dark = new Set(map.analysis.blindSpots.darkTouchpoints.map((d) => d.step))
  const doc = journey.document as unknown as JourneyDocument
  const steps: MapStep[] = doc.stages.flatMap((s) =>
    s.steps.map((t) => ({
      stage: s.key,
      key: t.key,
      name: t.name,
      channel: t.channel ?? null,
      touchpoint: byStep.get(t.key),
      red: map.analysis.redPoints.filter((r) => r.step === t.key),
      dark: dark.has(t.key),
    })),
  )
  const insightsOf = (key: string) => (doc.insights ?? []).filter((i) => i.steps?.includes(key)).length
  const coverage = new Map(steps.map((s) => [s.key, coverageOf(insightsOf(s.key), s.touchpoint?.customers ?? 0)]))
  const coverageCounts: Record<Coverage, number> = { none: 0, research: 0, live: 0, both: 0 }
  for (const c of coverage.values()) coverageCounts[c]++
  const valueAtRisk = map.analysis.redPoints.reduce((sum, r) => sum + r.valueAtRisk, 0)
  const open = steps.find((s) => s.key === selected)
  if (map.analysis.summary.events === 0) {
    return (
      <Empty title="No events in this view yet">
        Nothing was measured for this journey with these filters. Widen the period or channel above, or send events: the <Link to="../../../data">Data page</Link> has write keys and a file import.
      </Empty>
    )
  }
  return (
    <div className={open ? 'map-page with-panel' : 'map-page'}>
      <section className="map-summary" aria-label="Journey summary">
        <Figure label="Customers" value={num(map.analysis.summary.customers)} />
        <Figure label="Events" value={num(map.analysis.summary.events)} />
        <Figure label="Red points" value={num(map.analysis.redPoints.length)} tone={map.analysis.redPoints.length ? 'bad' : undefined} />
        <Figure label="Value at risk" value={money(valueAtRisk)} tone={valueAtRisk ? 'bad' : undefined} />
        <Figure label="Dark touchpoints" value={num(dark.size)} tone={dark.size ? 'warn' : undefined} />
        <Figure label="Conformance" value={pct(map.analysis.conformance.fitness)} />
        <label className="coverage-toggle">
          <input type="checkbox" checked={showCoverage} onChange={(e) => toggleCoverage(e.target.checked)} />
          Evidence coverage
        </label>
        {showCoverage && <CoverageLegend counts={coverageCounts} />}
        {map.touchpoints.previousPeriod && <p className="muted trend-note">Trends against {map.touchpoints.previousPeriod.from.slice(0, 10)} → {map.touchpoints.previousPeriod.to.slice(0, 10)}</p>}
      </section>
      <div className="map-scroll" tabIndex={0} aria-label="Journey map (scrolls sideways)">
        <div className="map-grid" style={{ gridTemplateColumns: `repeat(${steps.length}, ${COLUMN_PX}px)`, width: steps.length * COLUMN_PX }}>
          {doc.stages.map((s) => (
            <div key={s.key} className="stage-head" style={{ gridColumn: `span ${Math.max(1, s.steps.length)}` }}>
              <strong>{s.name}</strong>
              {s.promise && <span className="promise">Promise: “{s.promise}”</span>}
            </div>
          ))}
          {steps.map((s) => (
            <StepCard key={s.key} step={s} selected={selected === s.key} onOpen={() => setSelected(s.key)} coverage={showCoverage ? coverage.get(s.key) : undefined} />
          ))}
          <StepOpportunities journeyId={journey.id} steps={steps} />
          <div className="curve-row" style={{ gridColumn: `1 / span ${steps.length}` }}>
            <EmotionCurve steps={steps} width={steps.length * COLUMN_PX} />
          </div>
        </div>
      </div>
      {open && <StepPanel step={open} onClose={() => setSelected(undefined)} />}
    </div>
  )
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'warn' }) {
  return (
    <div className={`figure ${tone ?? ''}`}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
    </div>
  )
}

