import { useEffect, useRef, useState } from 'react'
import { num } from '../../ui/format.ts'
import { isStep, positionLabel, type SankeyNode } from './sankey-option.ts'
import { StepCustomers } from './step-customers.tsx'
import type { FlowParams } from './use-flow-params.ts'

/** What can be done with a Sankey node: redraw the flow from or to it, or list the customers who reached its step. */
export function NodePanel({
  node,
  flow,
  nameOf,
  focus,
  onChoose,
  onClose,
}: {
  node: SankeyNode
  flow: FlowParams
  nameOf: (s: string) => string
  /** Opened from the keyboard: the panel takes the focus, so its actions come next. */
  focus: boolean
  onChoose: (c: Partial<FlowParams>) => void
  onClose: () => void
}) {
  const [listed, setListed] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focus) heading.current?.focus()
    setListed(false)
  }, [node.id, focus])
  const name = nameOf(node.name)
  const step = isStep(node.name)
  return (
    <aside className="side-panel node-panel" aria-label={`Actions for ${name}`} data-testid="node-panel">
      <div className="row">
        <h3 ref={heading} tabIndex={-1}>
          {name}
        </h3>
        <span className="spacer" />
        <button className="ghost" onClick={onClose} aria-label="Close the panel">
          ✕
        </button>
      </div>
      <p className="muted">
        {positionLabel(node.position, 'The chosen step')} {node.position !== 0 && nameOf(flow.step)} · {num(node.customers)} customers
      </p>
      {step ? (
        <div className="node-actions">
          <button onClick={() => onChoose({ step: node.name, direction: 'from' })}>Start here</button>
          <button onClick={() => onChoose({ step: node.name, direction: 'to' })}>End here</button>
          <button className="secondary" onClick={() => setListed(true)} aria-expanded={listed}>
            List customers
          </button>
        </div>
      ) : (
        <p className="muted">“{node.name}” groups several steps or marks where paths begin or end: pick a step to start, end or list customers.</p>
      )}
      {listed && <StepCustomers step={node.name} stepName={name} />}
    </aside>
  )
}
