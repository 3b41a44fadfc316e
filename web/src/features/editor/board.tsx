import {
  closestCenter,
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { useState } from 'react'
import type { JourneyDocument } from '../../api/journey.ts'
import { findStep, moveStage, moveStep } from './edit-map.ts'
import { evidenceCount } from './edit-insights.ts'
import { StageColumn } from './stage-column.tsx'
import { StepItem, type Direction } from './step-item.tsx'

export type Selection = { kind: 'stage' | 'step'; key: string } | null

// Droppable ids: `stage:KEY` (a column), `step:KEY` (a card), `list:KEY` (a stage's step list, for empty stages).
const kindOf = (id: UniqueIdentifier) => String(id).split(':')[0]
const keyOf = (id: UniqueIdentifier) => String(id).slice(String(id).indexOf(':') + 1)

/** Stages only among stages; a step over the column under the pointer, else (keyboard) the nearest card or list. */
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

/**
 * The stages as columns and their steps as cards, reordered by drag and drop
 * (pointer or keyboard: Space, arrows, Space) or by the move buttons. While a
 * step is dragged across stages the move is a preview; dropping makes it one edit.
 */
export function Board({
  doc,
  selection,
  onSelect,
  onChange,
  onAddStep,
  onAddStage,
}: {
  doc: JourneyDocument
  selection: Selection
  onSelect: (s: Selection) => void
  onChange: (doc: JourneyDocument) => void
  onAddStep: (stageKey: string) => void
  onAddStage: () => void
}) {
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

  const moveStepBy = (key: string, d: Direction) => {
    const f = findStep(doc, key)!
    if (d === 'up' || d === 'down') onChange(moveStep(doc, key, f.stage.key, f.index + (d === 'up' ? -1 : 1)))
    else {
      const other = doc.stages[f.stageIndex + (d === 'left' ? -1 : 1)]!
      onChange(moveStep(doc, key, other.key, Math.min(f.index, other.steps.length)))
    }
  }

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
      <div className="editor-board">
        <SortableContext items={shown.stages.map((s) => `stage:${s.key}`)} strategy={horizontalListSortingStrategy}>
          {shown.stages.map((stage, si) => (
            <StageColumn
              key={stage.key}
              stage={stage}
              selected={selection?.kind === 'stage' && selection.key === stage.key}
              onSelect={() => onSelect({ kind: 'stage', key: stage.key })}
              canMoveLeft={si > 0}
              canMoveRight={si < shown.stages.length - 1}
              onMove={(d) => onChange(moveStage(doc, stage.key, si + (d === 'left' ? -1 : 1)))}
              onAddStep={() => onAddStep(stage.key)}
            >
              {stage.steps.map((step, ti) => (
                <StepItem
                  key={step.key}
                  step={step}
                  evidence={evidenceCount(doc, step.key)}
                  selected={selection?.kind === 'step' && selection.key === step.key}
                  onSelect={() => onSelect({ kind: 'step', key: step.key })}
                  canMove={{ up: ti > 0, down: ti < stage.steps.length - 1, left: si > 0, right: si < shown.stages.length - 1 }}
                  onMove={(d) => moveStepBy(step.key, d)}
                />
              ))}
            </StageColumn>
          ))}
        </SortableContext>
        <button type="button" className="add-stage" onClick={onAddStage}>
          + Add stage
        </button>
      </div>
    </DndContext>
  )
}
