import { useDroppable } from '@dnd-kit/core'
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { ReactNode } from 'react'
import type { Stage } from '../../api/journey.ts'

/** A stage as a column of the board: draggable by its handle, its steps a sortable list that takes steps from other stages too. */
export function StageColumn({
  stage,
  selected,
  onSelect,
  canMoveLeft,
  canMoveRight,
  onMove,
  onAddStep,
  children,
}: {
  stage: Stage
  selected: boolean
  onSelect: () => void
  canMoveLeft: boolean
  canMoveRight: boolean
  onMove: (d: 'left' | 'right') => void
  onAddStep: () => void
  children: ReactNode
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: `stage:${stage.key}` })
  const list = useDroppable({ id: `list:${stage.key}` })
  return (
    <section
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`editor-stage${isDragging ? ' dragging' : ''}`}
      aria-label={`Stage ${stage.name}`}
      data-testid={`edit-stage-${stage.key}`}
    >
      <header className={`editor-stage-head${selected ? ' selected' : ''}`}>
        <button type="button" ref={setActivatorNodeRef} className="drag-handle" aria-label={`Drag stage ${stage.name}`} {...attributes} {...listeners}>
          ⠿
        </button>
        <button type="button" className="editor-pick" aria-pressed={selected} onClick={onSelect}>
          <span className="editor-stage-name">{stage.name || 'Unnamed stage'}</span>
          <span className="editor-step-meta">
            {stage.steps.length} step{stage.steps.length === 1 ? '' : 's'}
          </span>
        </button>
        <div className="move-buttons" role="group" aria-label={`Move stage ${stage.name}`}>
          <button type="button" className="ghost" disabled={!canMoveLeft} onClick={() => onMove('left')} aria-label={`Move stage ${stage.name} left`} title="Move left">
            ←
          </button>
          <button type="button" className="ghost" disabled={!canMoveRight} onClick={() => onMove('right')} aria-label={`Move stage ${stage.name} right`} title="Move right">
            →
          </button>
        </div>
      </header>
      <SortableContext id={`list:${stage.key}`} items={stage.steps.map((t) => `step:${t.key}`)} strategy={verticalListSortingStrategy}>
        <ul ref={list.setNodeRef} className={`editor-steps${list.isOver ? ' over' : ''}`} aria-label={`Steps of ${stage.name}`}>
          {children}
          {stage.steps.length === 0 && <li className="editor-empty">No steps yet: add one, or drag one here.</li>}
        </ul>
      </SortableContext>
      <button type="button" className="ghost add-step" onClick={onAddStep}>
        + Add step to {stage.name || 'this stage'}
      </button>
    </section>
  )
}
