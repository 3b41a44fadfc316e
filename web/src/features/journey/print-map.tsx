import type { JourneyDocument, Stage, Step } from '../../api/journey.ts'
import { money, num } from '../../ui/format.ts'
import { MapGrid, slotsOf } from './map-grid.tsx'
import { LANES } from './lanes.tsx'
import type { MapAnswer, MapStep } from './map-types.ts'

/** Columns per printed page: the lane labels and five steps fill a landscape A4 page at full size. */
export const PRINT_COLUMNS = 5

/**
 * The map as printed (the print stylesheet shows it in place of the screen's): a header with the
 * journey, persona, period and summary, then the map cut into pages of a few columns, each with its
 * stage heads, the chosen rows and its part of the emotion curve, so nothing is cut off or shrunk.
 */
export function PrintMap({ journey, map, lanes, measured, period, valueAtRisk }: { journey: { name: string; version: number; document: JourneyDocument }; map: MapAnswer; lanes: string[]; measured: (stage: Stage, step: Step) => MapStep; period: string; valueAtRisk: number }) {
  const doc = journey.document
  const columns = slotsOf(doc).length
  const pages = Array.from({ length: Math.ceil(columns / PRINT_COLUMNS) }, (_, i) => [i * PRINT_COLUMNS, Math.min(columns, (i + 1) * PRINT_COLUMNS)] as [number, number])
  const rows = LANES.filter((l) => lanes.includes(l.id)).map((l) => l.label)
  return (
    <div className="print-map" aria-hidden="true">
      <header className="print-head">
        <h1>{doc.name}</h1>
        <p>
          {doc.persona ? `Persona: ${doc.persona.name}${doc.persona.job ? ` — “${doc.persona.job}”` : ''} · ` : ''}Version {journey.version} · Period: {period} · Printed {new Date().toISOString().slice(0, 10)}
        </p>
        <p>
          {num(map.analysis.summary.customers)} customers · {num(map.analysis.summary.events)} events · {num(map.analysis.redPoints.length)} red points · {money(valueAtRisk)} value at risk ·{' '}
          {num(map.analysis.blindSpots.darkTouchpoints.length)} dark touchpoints · Rows: {rows.length ? rows.join(', ') : 'touchpoints only'}
        </p>
      </header>
      {pages.map((slice, i) => (
        <section key={i} className="print-page">
          <p className="print-page-no">
            Page {i + 1} of {pages.length}: steps {slice[0] + 1}–{slice[1]} of {columns}
          </p>
          <MapGrid doc={doc} measured={measured} lanes={lanes} onOpen={() => undefined} slice={slice} print />
        </section>
      ))}
    </div>
  )
}
