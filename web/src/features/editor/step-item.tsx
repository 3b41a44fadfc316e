import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { Step } from '../../api/journey.ts'

export type Direction = 'up' | 'down' | 'left' | 'right'
const ARROWS: Record<Direction, string> = { up: '↑', down: '↓', left: '←', right: '→' }
const WHERE: Record<Direction, string> = { up: 'up', down: 'down', left: 'to the previous stage', right: 'to the next stage' }

/** A step card on the editor's board: a drag handle, the step (click to edit it) and move buttons for keyboard and screen-reader users. */
export function StepItem({ step, evidence, selected, onSelect, canMove, onMove }: { step: Step; evidence: number; selected: boolean; onSelect: () => void; canMove: Record<Direction, boolean>; onMove: (d: Direction) => void }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: `step:${step.key}` })
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} className={`editor-step${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}`} data-testid={`edit-step-${step.key}`}>
      <div className="editor-step-top">
        <button type="button" ref={setActivatorNodeRef} className="drag-handle" aria-label={`Drag step ${step.name}`} {...attributes} {...listeners}>
          ⠿
        </button>
        <button type="button" className="editor-pick" aria-pressed={selected} onClick={onSelect}>
          <span className="editor-step-name">{step.name || 'Unnamed step'}</span>
          <span className="editor-step-meta">
            {step.channel ?? 'no channel'}
            {step.emotion !== undefined && ` · emotion ${step.emotion > 0 ? '+' : ''}${step.emotion}`}
            {step.momentOfTruth && ' · moment of truth'}
            {` · ${evidence} evidence`}
          </span>
        </button>
      </div>
      <div className="move-buttons" role="group" aria-label={`Move ${step.name}`}>
        {(['up', 'down', 'left', 'right'] as const).map((d) => (
          <button key={d} type="button" className="ghost" disabled={!canMove[d]} onClick={() => onMove(d)} aria-label={`Move ${step.name} ${WHERE[d]}`} title={`Move ${WHERE[d]}`}>
            {ARROWS[d]}
          </button>
        ))}
      </div>
    </li>
  )
}
