import { Fragment, type ReactNode } from 'react'
import type { JourneyDocument, Stage, Step } from '../../api/journey.ts'
import { EmotionCurve, type CurvePoint } from './emotion-curve.tsx'
import type { Coverage } from './evidence-coverage.tsx'
import { LANES, type Lane } from './lanes.tsx'
import { COLUMN_PX, LABEL_PX, type MapStep } from './map-types.ts'
import { StepCard } from './step-card.tsx'

/** A column of the map: a step, or the one empty slot of a stage without steps (so it can still be seen and dropped on). */
export type Slot = { stage: Stage; stageIndex: number; step: Step | undefined }

export function slotsOf(doc: JourneyDocument): Slot[] {
  return doc.stages.flatMap((stage, stageIndex): Slot[] => (stage.steps.length ? stage.steps.map((step) => ({ stage, stageIndex, step })) : [{ stage, stageIndex, step: undefined }]))
}

/** How the editor takes part in the grid: its own stage heads, cards, drop zones, and the draggable emotion curve. */
export type GridEditing = {
  stageHead: (stage: Stage, index: number) => ReactNode
  card: (step: MapStep, card: (extra: Partial<Parameters<typeof StepCard>[0]>) => ReactNode) => ReactNode
  stageZone: (stage: Stage) => ReactNode
  emptySlot: (stage: Stage) => ReactNode
  onDesign: (key: string, emotion: number | undefined) => void
  onPickStep: (key: string) => void
}

type Props = {
  doc: JourneyDocument
  /** The step with what was measured of it. */
  measured: (stage: Stage, step: Step) => MapStep
  lanes: string[]
  coverage?: (key: string) => Coverage | undefined
  selected?: string
  onOpen: (key: string) => void
  /** Why a step has no figures (not saved yet, being measured), when it has none for that reason. */
  unmeasured?: (key: string) => string | undefined
  editing?: GridEditing
  /** Only these columns (a printed page); stage heads of a stage cut in two say so. */
  slice?: [number, number]
  print?: boolean
}

/**
 * The journey map as a grid: a column per step under its stage, the rows the team chose (lanes) with
 * their labels on the left, the touchpoint cards with their figures and the emotion curve lined up
 * with the columns. The same grid serves the measured map, the editor and each printed page.
 */
export function MapGrid({ doc, measured, lanes, coverage, selected, onOpen, unmeasured, editing, slice, print }: Props) {
  const all = slotsOf(doc)
  const [from, to] = slice ?? [0, all.length]
  const slots = all.slice(from, to)
  const shown = (lane: Lane) => lanes.includes(lane.id)
  const stageLanes = LANES.filter((l) => l.kind === 'stage' && shown(l))
  const rowLanes = LANES.filter((l) => (l.kind === 'step' || l.kind === 'curve') && shown(l))
  const figures = lanes.includes('metrics')
  const column = (i: number) => i + 2
  // Stages as runs of consecutive slots.
  const runs: Array<{ stage: Stage; index: number; start: number; span: number; cut: boolean }> = []
  slots.forEach((slot, i) => {
    const last = runs.at(-1)
    if (last && last.stage === slot.stage) last.span++
    else runs.push({ stage: slot.stage, index: slot.stageIndex, start: i, span: 1, cut: i === 0 && from > 0 && all[from - 1]?.stage === slot.stage })
  })
  let row = 1
  const headRow = row++
  const stageRows = stageLanes.map((lane) => ({ lane, row: row++ }))
  const cardRow = row++
  const laneRows = rowLanes.map((lane) => ({ lane, row: row++ }))
  const steps = slots.map((s) => (s.step ? measured(s.stage, s.step) : undefined))
  const points: CurvePoint[] = slots.map((s, i) => ({
    key: s.step?.key ?? '',
    name: s.step?.name ?? s.stage.name,
    designed: s.step?.emotion ?? null,
    measured: steps[i]?.touchpoint?.measuredEmotion ?? null,
    red: (steps[i]?.red.length ?? 0) > 0,
  }))
  const label = (text: string, r: number, hint?: string) => (
    <div className="lane-label" style={{ gridColumn: 1, gridRow: r }} title={hint}>
      {text}
    </div>
  )
  return (
    <div className="map-grid" style={{ gridTemplateColumns: `${LABEL_PX}px repeat(${slots.length}, ${COLUMN_PX}px)`, width: LABEL_PX + slots.length * COLUMN_PX }}>
      {label('Stages', headRow)}
      {runs.map((r) => (
        <div key={`head-${r.stage.key}`} className="stage-cell" style={{ gridColumn: `${column(r.start)} / span ${r.span}`, gridRow: headRow }}>
          {editing ? (
            editing.stageHead(r.stage, r.index)
          ) : (
            <div className="stage-head">
              <strong>
                {r.stage.name}
                {r.cut ? ' (continued)' : ''}
              </strong>
              {r.stage.promise && <span className="promise">Promise: “{r.stage.promise}”</span>}
            </div>
          )}
        </div>
      ))}
      {stageRows.map(({ lane, row: r }) => (
        <Fragment key={lane.id}>
          {label(lane.label, r, lane.hint)}
          {lane.kind === 'stage' &&
            runs.map((run) => (
              <div key={run.stage.key} className="lane-cell stage-lane" style={{ gridColumn: `${column(run.start)} / span ${run.span}`, gridRow: r }}>
                <lane.Cell doc={doc} stage={run.stage} />
              </div>
            ))}
        </Fragment>
      ))}
      {label('Touchpoints', cardRow)}
      {editing && runs.map((r) => <Fragment key={`zone-${r.stage.key}`}>{<div className="stage-zone-cell" style={{ gridColumn: `${column(r.start)} / span ${r.span}`, gridRow: cardRow }}>{editing.stageZone(r.stage)}</div>}</Fragment>)}
      {slots.map((slot, i) => {
        const step = steps[i]
        const place = { gridColumn: column(i), gridRow: cardRow }
        if (!slot.step || !step) {
          return (
            <div key={`empty-${slot.stage.key}`} className="card-cell empty-slot" style={place}>
              {editing ? editing.emptySlot(slot.stage) : <p className="muted">No steps yet.</p>}
            </div>
          )
        }
        const card = (extra: Partial<Parameters<typeof StepCard>[0]>) => (
          <StepCard
            step={step}
            selected={selected === step.key}
            onOpen={() => onOpen(step.key)}
            coverage={coverage?.(step.key)}
            figures={figures}
            unmeasured={unmeasured?.(step.key)}
            testId={print ? null : undefined}
            {...extra}
          />
        )
        return (
          <div key={step.key} className="card-cell" style={place}>
            {editing ? editing.card(step, card) : card({})}
          </div>
        )
      })}
      {laneRows.map(({ lane, row: r }) => (
        <Fragment key={lane.id}>
          {label(lane.label, r, lane.hint)}
          {lane.kind === 'curve' ? (
            <div className="curve-row" style={{ gridColumn: `2 / span ${slots.length}`, gridRow: r }}>
              <EmotionCurve points={points} width={slots.length * COLUMN_PX} onDesign={editing?.onDesign} print={print} />
            </div>
          ) : (
            lane.kind === 'step' &&
            slots.map((slot, i) => (
              <div key={slot.step?.key ?? `empty-${slot.stage.key}`} className="lane-cell" style={{ gridColumn: column(i), gridRow: r }}>
                {slot.step &&
                  (editing && lane.isEmpty({ doc, step: slot.step }) ? (
                    <button type="button" className="ghost lane-add" onClick={() => editing.onPickStep(slot.step!.key)} aria-label={`Add ${lane.label.toLowerCase()} to ${slot.step.name}`}>
                      + {lane.label.toLowerCase()}
                    </button>
                  ) : (
                    <lane.Cell doc={doc} step={slot.step} />
                  ))}
              </div>
            ))
          )}
        </Fragment>
      ))}
    </div>
  )
}
