import type { ComponentType } from 'react'
import type { JourneyDocument, Stage, Step } from '../../api/journey.ts'
import { insightsOfStep } from '../editor/edit-insights.ts'
import { SOURCE_LABEL } from '../editor/evidence-form.tsx'
import { StepOpportunities } from '../portfolio/step-opportunities.tsx'

/** What a step lane's cell is given: the whole map (for cross-references such as evidence) and its step. */
export type StepCellProps = { doc: JourneyDocument; step: Step }
export type StageCellProps = { doc: JourneyDocument; stage: Stage }

/**
 * A row of the map a team can show or hide. `step` lanes have a cell per step, `stage` lanes one per stage;
 * `figures` (the measured KPIs on each card) and `curve` (the emotion curve) are drawn by the map itself.
 */
export type Lane = { id: string; label: string; hint: string } & (
  | { kind: 'step'; Cell: ComponentType<StepCellProps>; isEmpty: (p: StepCellProps) => boolean }
  | { kind: 'stage'; Cell: ComponentType<StageCellProps>; isEmpty: (p: StageCellProps) => boolean }
  | { kind: 'figures' | 'curve' }
)

const Text = ({ text }: { text: string | undefined }) => (text ? <p className="lane-text">{text}</p> : null)
const Items = ({ items }: { items: string[] | undefined }) =>
  items?.length ? (
    <ul className="lane-items">
      {items.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  ) : null

function Evidence({ doc, step }: StepCellProps) {
  const items = insightsOfStep(doc, step.key)
  if (!items.length) return null
  const first = items[0]!.insight
  return (
    <div className="lane-evidence">
      <strong>
        {items.length} insight{items.length === 1 ? '' : 's'}
      </strong>
      <span className="lane-source">{SOURCE_LABEL[first.source] ?? first.source}</span>
      <p className="lane-text">{first.quote ? `“${first.quote}”` : first.text}</p>
    </div>
  )
}

function StageGoals({ stage }: StageCellProps) {
  return (
    <div className="lane-stage">
      {stage.goal && (
        <p className="lane-text">
          <strong>Goal:</strong> {stage.goal}
        </p>
      )}
      {!!stage.motivations?.length && (
        <p className="lane-text">
          <strong>Motivations:</strong> {stage.motivations.join(' · ')}
        </p>
      )}
      {!!stage.questions?.length && (
        <p className="lane-text">
          <strong>Questions:</strong> {stage.questions.join(' · ')}
        </p>
      )}
      {!!stage.fears?.length && (
        <p className="lane-text">
          <strong>Fears:</strong> {stage.fears.join(' · ')}
        </p>
      )}
    </div>
  )
}

/**
 * The lane registry: every row the map can show, in the order it shows them. A lane is one entry here
 * (another lane, e.g. each step's opportunities, is added as one more entry with its cell component).
 */
export const LANES: Lane[] = [
  { id: 'goals', label: 'Goals and fears', hint: "each stage's customer goal, motivations, questions and fears", kind: 'stage', Cell: StageGoals, isEmpty: ({ stage }) => !stage.goal && !stage.motivations?.length && !stage.questions?.length && !stage.fears?.length },
  { id: 'metrics', label: 'Metrics', hint: "each touchpoint's measured figures on its card", kind: 'figures' },
  { id: 'actions', label: 'Actions', hint: 'what the customer sees and does at each touchpoint (frontstage)', kind: 'step', Cell: ({ step }) => <Text text={step.description} />, isEmpty: ({ step }) => !step.description },
  { id: 'thoughts', label: 'Thoughts', hint: 'what the customer thinks, in their words', kind: 'step', Cell: ({ step }) => <Text text={step.thoughts} />, isEmpty: ({ step }) => !step.thoughts },
  { id: 'feelings', label: 'Feelings', hint: 'the emotion curve: designed emotion against measured feedback', kind: 'curve' },
  { id: 'pains', label: 'Pains', hint: 'what hurts at each touchpoint', kind: 'step', Cell: ({ step }) => <Items items={step.pains} />, isEmpty: ({ step }) => !step.pains?.length },
  { id: 'backstage', label: 'Backstage', hint: 'the processes and systems behind each touchpoint', kind: 'step', Cell: ({ step }) => <Text text={step.backstage} />, isEmpty: ({ step }) => !step.backstage },
  { id: 'owner', label: 'Owner', hint: 'who answers for each touchpoint', kind: 'step', Cell: ({ step }) => <Text text={step.owner} />, isEmpty: ({ step }) => !step.owner },
  { id: 'opportunities', label: 'Opportunities', hint: "the portfolio's open opportunities at each step", kind: 'step', Cell: StepOpportunities, isEmpty: () => false },
  { id: 'evidence', label: 'Research', hint: 'the research behind each step', kind: 'step', Cell: Evidence, isEmpty: ({ doc, step }) => insightsOfStep(doc, step.key).length === 0 },
]

/** The rows a journey shows until its team chooses: the measured figures and the emotion curve, as the map always had. */
export const DEFAULT_LANES = ['metrics', 'feelings']

/** The lanes shown: the journey's choice (unknown ids, e.g. of a newer version, are kept in the document but not drawn). */
export const lanesOf = (doc: JourneyDocument): string[] => doc.lanes ?? DEFAULT_LANES

/** `ids` in registry order (what a toggle writes), keeping ids this version does not know at the end. */
export function orderLanes(ids: string[]): string[] {
  const known = LANES.map((l) => l.id).filter((id) => ids.includes(id))
  return [...known, ...ids.filter((id) => !LANES.some((l) => l.id === id))]
}

/** The row chooser: one checkbox a lane, each saying what the row shows. */
export function LaneChooser({ shown, onChange, note }: { shown: string[]; onChange: (lanes: string[]) => void; note?: React.ReactNode }) {
  return (
    <fieldset className="lane-chooser">
      <legend>Rows</legend>
      {LANES.map((lane) => (
        <label key={lane.id} title={lane.hint}>
          <input type="checkbox" checked={shown.includes(lane.id)} onChange={(e) => onChange(orderLanes(e.target.checked ? [...shown, lane.id] : shown.filter((id) => id !== lane.id)))} />
          <span className="sr-only">Show row: </span>
          {lane.label}
        </label>
      ))}
      {note}
    </fieldset>
  )
}
