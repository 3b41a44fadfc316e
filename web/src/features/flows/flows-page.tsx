import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { pct } from '../../ui/format.ts'
import { Empty, Pending } from '../../ui/states.tsx'
import { ConformanceSection } from './conformance-section.tsx'
import { SankeySection } from './sankey-section.tsx'
import { DEPTHS, MIN_SHARES, useFlowParams, type FlowParams } from './use-flow-params.ts'
import { VariantsSection } from './variants-section.tsx'
import './flows.css'

type Journey = Answer<'/api/workspaces/{ws}/journeys/{id}'>

/** Flows: where customers go from (or come from) a step, their most common whole paths against the designed one, and conformance. */
export function FlowsPage() {
  const { slug = '', journeyId = '' } = useParams()
  const journey = useQuery({ queryKey: ['journey', slug, journeyId], queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId } } })) })
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) => <Flows journey={j} />}
    </Pending>
  )
}

function Flows({ journey }: { journey: Journey }) {
  const doc = journey.document as unknown as JourneyDocument
  const steps = doc.stages.flatMap((s) => s.steps)
  const stepOrder = steps.map((s) => s.key)
  const flow = useFlowParams(stepOrder)
  const names = new Map(steps.map((s) => [s.key, s.name]))
  const nameOf = (key: string) => names.get(key) ?? key
  const stageNames = new Map(doc.stages.map((s) => [s.key, s.name]))
  if (steps.length === 0) return <Empty title="This journey has no steps yet">Add stages and steps to the journey on its map, then come back to follow customers through them.</Empty>
  return (
    <div className="flows-page">
      <FlowControls flow={flow} stages={doc.stages} onChange={flow.set} />
      <SankeySection flow={flow} onChange={flow.set} nameOf={nameOf} stepOrder={stepOrder} />
      <VariantsSection count={flow.variants} onCount={(variants) => flow.set({ variants })} nameOf={nameOf} stepOrder={stepOrder} goal={doc.goal} />
      <ConformanceSection stageName={(key) => stageNames.get(key) ?? key} />
    </div>
  )
}

function FlowControls({ flow, stages, onChange }: { flow: FlowParams; stages: JourneyDocument['stages']; onChange: (c: Partial<FlowParams>) => void }) {
  return (
    <form className="flow-controls" aria-label="Flow" onSubmit={(e) => e.preventDefault()}>
      <label>
        Step
        <select value={flow.step} onChange={(e) => onChange({ step: e.target.value })}>
          {stages.map((stage) => (
            <optgroup key={stage.key} label={stage.name}>
              {stage.steps.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <fieldset className="segmented">
        <legend>Direction</legend>
        {(['from', 'to'] as const).map((d) => (
          <label key={d}>
            <input type="radio" name="direction" value={d} checked={flow.direction === d} onChange={() => onChange({ direction: d })} />
            {d === 'from' ? 'What comes after' : 'What leads to it'}
          </label>
        ))}
      </fieldset>
      <label>
        Depth
        <select value={flow.depth} onChange={(e) => onChange({ depth: Number(e.target.value) })}>
          {DEPTHS.map((d) => (
            <option key={d} value={d}>
              {d} step{d > 1 ? 's' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Group rare steps as “other” below
        <select value={flow.minShare} onChange={(e) => onChange({ minShare: Number(e.target.value) })}>
          {MIN_SHARES.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? 'never' : pct(m, m < 0.01 ? 1 : 0)}
            </option>
          ))}
        </select>
      </label>
    </form>
  )
}
