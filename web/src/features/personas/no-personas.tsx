import { Empty } from '../../ui/states.tsx'

/** A workspace without personas: what a persona and a job to be done are, and how to start. */
export function NoPersonas({ canEdit, onStart }: { canEdit: boolean; onStart: () => void }) {
  return (
    <Empty title="No personas yet">
      <div className="no-personas">
        <p>
          A <strong>persona</strong> is a kind of customer your journeys are designed for: who they are, their goals and frustrations, and how much they are worth to you (their value
          tier).
        </p>
        <p>
          A <strong>job to be done</strong> is the progress that customer is trying to make, written as <em>“When I move house, I want to get online quickly, so I can work from home”</em>,
          with its <strong>desired outcomes</strong>: how they would measure that it went well, e.g. “online within 3 days”.
        </p>
        {canEdit ? (
          <p>
            <button onClick={onStart}>Add the first persona</button> or import a journey that names one: its persona appears here.
          </p>
        ) : (
          <p>Editors and owners add personas; importing a journey that names one adds it too.</p>
        )}
      </div>
    </Empty>
  )
}
