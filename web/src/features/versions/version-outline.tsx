import type { JourneyDocument } from '../../api/journey.ts'

const KIND: Record<string, string> = { current: 'Current state', future: 'Future state' }
const STATUS: Record<string, string> = { draft: 'Draft', researched: 'Researched', live: 'Live' }

/** A version's journey, read-only: its settings, then its stages with their steps in order. */
export function VersionOutline({ doc }: { doc: JourneyDocument }) {
  const goal = doc.stages.flatMap((s) => s.steps).find((s) => s.key === doc.goal)
  return (
    <div className="version-outline">
      <dl className="outline-facts">
        <div>
          <dt>Name</dt>
          <dd>{doc.name}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{KIND[doc.kind ?? 'current']}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{doc.status ? STATUS[doc.status] : 'not set'}</dd>
        </div>
        <div>
          <dt>Persona</dt>
          <dd>{doc.persona?.name ?? 'none'}</dd>
        </div>
        {doc.persona?.job && (
          <div>
            <dt>Job</dt>
            <dd>{doc.persona.job}</dd>
          </div>
        )}
        <div>
          <dt>Goal step</dt>
          <dd>{goal?.name ?? 'none'}</dd>
        </div>
      </dl>
      <ol className="outline-stages">
        {doc.stages.map((stage) => (
          <li key={stage.key}>
            <strong>{stage.name}</strong>
            {stage.steps.length === 0 ? (
              <span className="muted"> (no steps)</span>
            ) : (
              <ol>
                {stage.steps.map((step) => (
                  <li key={step.key}>
                    {step.name}
                    {step.channel && <span className="muted"> · {step.channel}</span>}
                    {step.key === doc.goal && <span className="muted"> · goal</span>}
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}
