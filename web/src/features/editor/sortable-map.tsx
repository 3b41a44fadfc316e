import {
  closestCenter,
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { useState, type ReactNode } from 'react'
import type { JourneyDocument, Stage, Step } from '../../api/journey.ts'
import { MapGrid } from '../journey/map-grid.tsx'
import type { MapStep } from '../journey/map-types.ts'
import { findStep, moveStage, moveStep, updateStep } from './edit-map.ts'
import { evidenceCount } from './edit-insights.ts'

export type Selection = { kind: 'stage' | 'step'; key: string } | null
type Direction = 'earlier' | 'later'

// Droppable ids: `stage:KEY` (a stage head), `step:KEY` (a card), `list:KEY` (a stage's touchpoint row, also when empty).
const kindOf = (id: UniqueIdentifier) => String(id).split(':')[0]
const keyOf = (id: UniqueIdentifier) => String(id).slice(String(id).indexOf(':') + 1)

/** Stages only among stages; a step over the stage row under the pointer, else (keyboard) the nearest card or row. */
const collide: CollisionDetection = (args) => {
  const of = (kind: string) => args.droppableContainers.filter((c) => kindOf(c.id) === kind)
  if (kindOf(args.active.id) === 'stage') return closestCenter({ ...args, droppableContainers: of('stage') })
  const steps = of('step')
  if (args.pointerCoordinates) {
    const [list] = pointerWithin({ ...args, droppableContainers: of('list') })
    if (list) {
      const inList = steps.filter((c) => c.data.current?.sortable?.containerId === list.id)
      return inList.length ? closestCenter({ ...args, droppableContainers: inList }) : [list]
    }
  }
  return closestCorners({ ...args, droppableContainers: [...steps, ...of('list')] })
}

type Props = {
  doc: JourneyDocument
  measured: (stage: Stage, step: Step) => MapStep
  unmeasured: (key: string) => string | undefined
  lanes: string[]
  selection: Selection
  customersOf: string | undefined
  onSelect: (s: Selection) => void
  onCustomers: (key: string) => void
  onChange: (doc: JourneyDocument) => void
  onAddStep: (stageKey: string) => void
}

/**
 * The map in edit mode: the measured map's grid, its stage heads and step cards reordered by drag and
 * drop (pointer or keyboard: Space, arrows, Space) or by their move buttons. While a step is dragged
 * across stages the move is a preview; dropping makes it one edit.
 */
export function SortableMap({ doc, measured, unmeasured, lanes, selection, customersOf, onSelect, onCustomers, onChange, onAddStep }: Props) {
  const [preview, setPreview] = useState<JourneyDocument | null>(null)
  const shown = preview ?? doc
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }))

  const nameOf = (id: UniqueIdentifier | undefined) => {
    if (id === undefined) return ''
    const key = keyOf(id)
    if (kindOf(id) === 'step') return `step ${findStep(shown, key)?.step.name ?? key}`
    return `stage ${shown.stages.find((s) => s.key === key)?.name ?? key}`
  }
  const where = (id: UniqueIdentifier) => {
    if (kindOf(id) === 'stage') return `position ${shown.stages.findIndex((s) => s.key === keyOf(id)) + 1} of ${shown.stages.length}`
    const f = findStep(shown, keyOf(id))
    return f ? `position ${f.index + 1} of ${f.stage.steps.length} in stage ${f.stage.name}` : ''
  }
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, ${where(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is now at ${where(active.id)}.` : undefined),
    onDragEnd: ({ active, over }) => (over ? `Dropped ${nameOf(active.id)} at ${where(active.id)}.` : `Dropped ${nameOf(active.id)}.`),
    onDragCancel: ({ active }) => `Cancelled: ${nameOf(active.id)} is back where it was.`,
  }

  /** The stage a droppable belongs to, and the index there. */
  const target = (d: JourneyDocument, id: UniqueIdentifier): { stage: string; index: number } | undefined => {
    if (kindOf(id) === 'list') {
      const stage = d.stages.find((s) => s.key === keyOf(id))
      return stage && { stage: stage.key, index: stage.steps.length }
    }
    const f = findStep(d, keyOf(id))
    return f && { stage: f.stage.key, index: f.index }
  }
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over || kindOf(active.id) !== 'step') return
    setPreview((p) => {
      const d = p ?? doc
      const from = findStep(d, keyOf(active.id))
      const to = target(d, over.id)
      return from && to && from.stage.key !== to.stage ? moveStep(d, keyOf(active.id), to.stage, to.index) : d
    })
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    let next = preview ?? doc
    if (over && active.id !== over.id) {
      if (kindOf(active.id) === 'stage') next = moveStage(next, keyOf(active.id), next.stages.findIndex((s) => s.key === keyOf(over.id)))
      else {
        const to = target(next, over.id)
        if (to) next = moveStep(next, keyOf(active.id), to.stage, to.index)
      }
    }
    setPreview(null)
    if (next !== doc) onChange(next)
  }

  /** One place earlier or later in the journey: across the stage boundary at either end of a stage. */
  const moveStepBy = (key: string, d: Direction) => {
    const f = findStep(doc, key)!
    const within = d === 'earlier' ? f.index > 0 : f.index < f.stage.steps.length - 1
    if (within) return onChange(moveStep(doc, key, f.stage.key, f.index + (d === 'earlier' ? -1 : 1)))
    const other = doc.stages[f.stageIndex + (d === 'earlier' ? -1 : 1)]
    if (other) onChange(moveStep(doc, key, other.key, d === 'earlier' ? other.steps.length : 0))
  }
  const allKeys = shown.stages.flatMap((s) => s.steps.map((t) => t.key))

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collide}
      onDragStart={() => setPreview(doc)}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => setPreview(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: 'To move it, press Space, then the arrow keys; press Space again to drop it, or Escape to cancel. The move buttons next to it do the same.',
        },
      }}
    >
      <SortableContext items={shown.stages.map((s) => `stage:${s.key}`)} strategy={horizontalListSortingStrategy}>
        <MapGrid
          doc={shown}
          measured={measured}
          lanes={lanes}
          selected={selection?.kind === 'step' ? selection.key : customersOf}
          onOpen={onCustomers}
          unmeasured={unmeasured}
          editing={{
            stageHead: (stage, si) => (
              <SortableStageHead
                stage={stage}
                selected={selection?.kind === 'stage' && selection.key === stage.key}
                onSelect={() => onSelect({ kind: 'stage', key: stage.key })}
                canMove={{ left: si > 0, right: si < shown.stages.length - 1 }}
                onMove={(d) => onChange(moveStage(doc, stage.key, si + (d === 'left' ? -1 : 1)))}
                onAddStep={() => onAddStep(stage.key)}
              />
            ),
            stageZone: (stage) => <StageZone stage={stage} />,
            emptySlot: (stage) => <EmptyStage stage={stage} />,
            // Each card sits in its stage's sortable list (the grid is not nested by stage, so each card names its list).
            card: (step, card) => (
              <SortableContext id={`list:${step.stage}`} items={shown.stages.find((s) => s.key === step.stage)!.steps.map((t) => `step:${t.key}`)} strategy={horizontalListSortingStrategy}>
                <SortableCard
                stepKey={step.key}
                stage={step.stage}
                name={step.name}
                card={card}
                evidence={evidenceCount(doc, step.key)}
                selected={selection?.kind === 'step' && selection.key === step.key}
                onSelect={() => onSelect({ kind: 'step', key: step.key })}
                canMove={{ earlier: allKeys[0] !== step.key, later: allKeys.at(-1) !== step.key }}
                onMove={(d) => moveStepBy(step.key, d)}
                />
              </SortableContext>
            ),
            onDesign: (key, emotion) => onChange(updateStep(doc, key, { emotion }, new Set()).doc),
            onPickStep: (key) => onSelect({ kind: 'step', key }),
          }}
        />
      </SortableContext>
    </DndContext>
  )
}

/** A stage's touchpoint row as a drop target (an empty stage takes steps here too). */
function StageZone({ stage }: { stage: Stage }) {
  const { setNodeRef, isOver } = useDroppable({ id: `list:${stage.key}` })
  return <div ref={setNodeRef} className={`stage-zone${isOver ? ' over' : ''}`} aria-hidden="true" />
}

function EmptyStage({ stage }: { stage: Stage }) {
  return <p className="editor-empty">No steps in {stage.name || 'this stage'} yet: add one, or drag one here.</p>
}

function SortableStageHead({
  stage,
  selected,
  onSelect,
  canMove,
  onMove,
  onAddStep,
}: {
  stage: Stage
  selected: boolean
  onSelect: () => void
  canMove: { left: boolean; right: boolean }
  onMove: (d: 'left' | 'right') => void
  onAddStep: () => void
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: `stage:${stage.key}` })
  return (
    <section
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`stage-head editing${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}`}
      aria-label={`Stage ${stage.name}`}
      data-testid={`edit-stage-${stage.key}`}
    >
      <div className="stage-head-top">
        <button type="button" ref={setActivatorNodeRef} className="drag-handle" aria-label={`Drag stage ${stage.name}`} {...attributes} {...listeners}>
          ⠿
        </button>
        <button type="button" className="editor-pick" aria-pressed={selected} onClick={onSelect}>
          <strong>{stage.name || 'Unnamed stage'}</strong>
          {stage.promise && <span className="promise">Promise: “{stage.promise}”</span>}
        </button>
      </div>
      <div className="move-buttons" role="group" aria-label={`Move stage ${stage.name}`}>
        <button type="button" className="ghost" disabled={!canMove.left} onClick={() => onMove('left')} aria-label={`Move stage ${stage.name} left`} title="Move left">
          ←
        </button>
        <button type="button" className="ghost" disabled={!canMove.right} onClick={() => onMove('right')} aria-label={`Move stage ${stage.name} right`} title="Move right">
          →
        </button>
        <button type="button" className="ghost add-step" onClick={onAddStep} aria-label={`Add a step to ${stage.name || 'this stage'}`}>
          + step
        </button>
      </div>
    </section>
  )
}

function SortableCard({
  stepKey,
  stage,
  name,
  card,
  evidence,
  selected,
  onSelect,
  canMove,
  onMove,
}: {
  stepKey: string
  stage: string
  name: string
  card: (extra: { edit: { handle: ReactNode; controls: ReactNode }; selected: boolean }) => ReactNode
  evidence: number
  selected: boolean
  onSelect: () => void
  canMove: Record<Direction, boolean>
  onMove: (d: Direction) => void
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: `step:${stepKey}` })
  const handle = (
    <button type="button" ref={setActivatorNodeRef} className="drag-handle" aria-label={`Drag step ${name}`} {...attributes} {...listeners}>
      ⠿
    </button>
  )
  const controls = (
    <div className="card-edit">
      <button type="button" className="ghost editor-pick" aria-pressed={selected} onClick={onSelect} aria-label={`Edit step ${name}`}>
        ✎ Edit · {evidence} evidence
      </button>
      <span className="move-buttons" role="group" aria-label={`Move ${name}`}>
        <button type="button" className="ghost" disabled={!canMove.earlier} onClick={() => onMove('earlier')} aria-label={`Move ${name} earlier`} title="One place earlier">
          ←
        </button>
        <button type="button" className="ghost" disabled={!canMove.later} onClick={() => onMove('later')} aria-label={`Move ${name} later`} title="One place later">
          →
        </button>
      </span>
    </div>
  )
  return (
    <div ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} className={`sortable-card${isDragging ? ' dragging' : ''}`} data-testid={`edit-step-${stepKey}`} data-stage={stage}>
      {card({ edit: { handle, controls }, selected })}
    </div>
  )
}
