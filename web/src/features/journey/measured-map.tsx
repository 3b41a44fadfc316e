import { useMutation, useQueryClient } from '@tanstack/react-query'
import { toPng } from 'html-to-image'
import { useRef, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument, Stage, Step } from '../../api/journey.ts'
import { money, num, pct } from '../../ui/format.ts'
import { Empty } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { SaveOutcome } from '../settings/conflict-note.tsx'
import { refreshJourney } from '../versions/journey-queries.ts'
import { coverageOf, CoverageLegend, type Coverage } from './evidence-coverage.tsx'
import { LaneChooser, lanesOf } from './lanes.tsx'
import { MapGrid } from './map-grid.tsx'
import type { MapAnswer, MapStep } from './map-types.ts'
import { PrintMap } from './print-map.tsx'
import { StepPanel } from './step-panel.tsx'

type Journey = { id: string; version: number; name: string; document: JourneyDocument }

/** Each step with what was measured of it. */
export function measuredSteps(map: MapAnswer | undefined) {
  const byStep = new Map(map?.touchpoints.touchpoints.map((t) => [t.step, t]) ?? [])
  const dark = new Set(map?.analysis.blindSpots.darkTouchpoints.map((d) => d.step) ?? [])
  return (stage: Stage, step: Step): MapStep => ({
    stage: stage.key,
    key: step.key,
    name: step.name,
    channel: step.channel ?? null,
    touchpoint: byStep.get(step.key),
    red: map?.analysis.redPoints.filter((r) => r.step === step.key) ?? [],
    dark: dark.has(step.key),
  })
}

/** A URL toggle shown at once: the router's navigation lands a moment after the click. */
function useUrlState(name: string) {
  const [params, setParams] = useSearchParams()
  const inUrl = params.get(name)
  const [value, setValue] = useState(inUrl)
  const [seen, setSeen] = useState(inUrl)
  if (seen !== inUrl) {
    setSeen(inUrl)
    setValue(inUrl)
  }
  const set = (next: string | null) => {
    setValue(next)
    setParams(
      (current) => {
        const p = new URLSearchParams(current)
        if (next === null) p.delete(name)
        else p.set(name, next)
        return p
      },
      { replace: true },
    )
  }
  return [value, set] as const
}

/** The journey map, measured: summary figures, the chosen rows, step cards with their figures and trends, red points, dark touchpoints and the emotion curve. */
export function MeasuredMap({ journey, map, canEdit }: { journey: Journey; map: MapAnswer; canEdit: boolean }) {
  const { filter } = useFilter()
  const [selected, setSelected] = useState<string | undefined>()
  const [coverageParam, setCoverage] = useUrlState('coverage')
  const [lanesParam, setLanes] = useUrlState('lanes')
  const showCoverage = coverageParam === '1'
  const doc = journey.document
  const stored = lanesOf(doc)
  // The URL may show other rows than the journey keeps (a shared view); the journey's are the default.
  const lanes = lanesParam === null ? stored : lanesParam.split(',').filter(Boolean)
  const measured = measuredSteps(map)
  const steps = doc.stages.flatMap((s) => s.steps.map((t) => measured(s, t)))
  const insightsOf = (key: string) => (doc.insights ?? []).filter((i) => i.steps?.includes(key)).length
  const coverage = new Map(steps.map((s) => [s.key, coverageOf(insightsOf(s.key), s.touchpoint?.customers ?? 0)]))
  const coverageCounts: Record<Coverage, number> = { none: 0, research: 0, live: 0, both: 0 }
  for (const c of coverage.values()) coverageCounts[c]++
  const valueAtRisk = map.analysis.redPoints.reduce((sum, r) => sum + r.valueAtRisk, 0)
  const dark = map.analysis.blindSpots.darkTouchpoints.length
  const open = steps.find((s) => s.key === selected)
  const grid = useRef<HTMLDivElement>(null)
  const [exporting, setExporting] = useState<string | null>(null)

  const exportPng = async () => {
    const node = grid.current?.querySelector<HTMLElement>('.map-grid')
    if (!node) return
    setExporting('Drawing the map…')
    try {
      const url = await toPng(node, { backgroundColor: '#ffffff', width: node.scrollWidth, height: node.scrollHeight, pixelRatio: 2 })
      const a = document.createElement('a')
      a.href = url
      a.download = `${doc.name.replace(/[^\w.-]+/g, '_').slice(0, 80)}.png`
      a.click()
      setExporting(null)
    } catch (e) {
      setExporting(`The picture could not be drawn: ${(e as Error).message}`)
    }
  }

  if (map.analysis.summary.events === 0) {
    return (
      <Empty title="No events in this view yet">
        Nothing was measured for this journey with these filters. Widen the period or channel above, or send events: the <Link to="../../../data">Data page</Link> has write keys and a file import.
        {canEdit && (
          <>
            {' '}
            You can also <Link to="?edit=1">edit the map</Link> while the data arrives.
          </>
        )}
      </Empty>
    )
  }
  return (
    <div className={open ? 'map-page with-panel' : 'map-page'}>
      <section className="map-summary no-print" aria-label="Journey summary">
        <Figure label="Customers" value={num(map.analysis.summary.customers)} />
        <Figure label="Events" value={num(map.analysis.summary.events)} />
        <Figure label="Red points" value={num(map.analysis.redPoints.length)} tone={map.analysis.redPoints.length ? 'bad' : undefined} />
        <Figure label="Value at risk" value={money(valueAtRisk)} tone={valueAtRisk ? 'bad' : undefined} />
        <Figure label="Dark touchpoints" value={num(dark)} tone={dark ? 'warn' : undefined} />
        <Figure label="Conformance" value={pct(map.analysis.conformance.fitness)} />
        <label className="coverage-toggle">
          <input type="checkbox" checked={showCoverage} onChange={(e) => setCoverage(e.target.checked ? '1' : null)} />
          Evidence coverage
        </label>
        {showCoverage && <CoverageLegend counts={coverageCounts} />}
        {map.touchpoints.previousPeriod && <p className="muted trend-note">Trends against {map.touchpoints.previousPeriod.from.slice(0, 10)} → {map.touchpoints.previousPeriod.to.slice(0, 10)}</p>}
      </section>
      <div className="map-tools no-print">
        <LaneChooser
          shown={lanes}
          onChange={(next) => setLanes(next.join(',') === stored.join(',') ? null : next.join(','))}
          note={canEdit && lanesParam !== null && lanesParam !== stored.join(',') ? <KeepLanes journey={journey} lanes={lanes} onKept={() => setLanes(null)} /> : null}
        />
        <div className="export-buttons" role="group" aria-label="Export the map">
          <button type="button" className="ghost" onClick={() => void exportPng()}>
            Export PNG
          </button>
          <button type="button" className="ghost" onClick={() => window.print()}>
            Print or save as PDF
          </button>
          {exporting && (
            <span className="muted" role="status">
              {exporting}
            </span>
          )}
        </div>
      </div>
      <div ref={grid} className="map-scroll no-print" tabIndex={0} aria-label="Journey map (scrolls sideways)">
        <MapGrid doc={doc} measured={measured} lanes={lanes} coverage={showCoverage ? (k) => coverage.get(k) : undefined} selected={selected} onOpen={setSelected} />
      </div>
      {open && <StepPanel step={open} onClose={() => setSelected(undefined)} />}
      <PrintMap journey={journey} map={map} lanes={lanes} measured={measured} period={filter.from || filter.to ? `${filter.from ?? 'start'} → ${filter.to ?? 'now'}` : 'all time'} valueAtRisk={valueAtRisk} />
    </div>
  )
}

/** An editor keeps the rows on screen as the journey's own, for the whole team: one new version. */
function KeepLanes({ journey, lanes, onKept }: { journey: Journey; lanes: string[]; onKept: () => void }) {
  const { slug = '', journeyId = '' } = useParams()
  const queries = useQueryClient()
  const save = useMutation({
    mutationFn: () => ok(client.PUT('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId } }, body: { version: journey.version, document: { ...journey.document, lanes } } })),
    onSuccess: async () => {
      await refreshJourney(queries, slug, journeyId)
      onKept()
    },
  })
  return (
    <span className="keep-lanes">
      <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
        {save.isPending ? 'Keeping…' : 'Keep these rows for everyone'}
      </button>
      <SaveOutcome slug={slug} journeyId={journeyId} edited={journey.version} saved={null} error={save.error} onReload={() => void refreshJourney(queries, slug, journeyId).then(() => save.reset())} />
    </span>
  )
}

export function Figure({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'warn' }) {
  return (
    <div className={`figure ${tone ?? ''}`}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
    </div>
  )
}
