import { useState } from 'react'
import type { JourneyDocument } from '../../api/journey.ts'
import { addInsight, detachInsight, insightsOfStep, updateInsight } from './edit-insights.ts'
import { EvidenceForm, SOURCE_LABEL } from './evidence-form.tsx'
import './evidence.css'

/** The step form's evidence: the research insights attached to the step, added, edited and removed through the editor's undo history (each one step of undo). */
export function EvidenceEditor({ doc, stepKey, stepName, onEdit }: { doc: JourneyDocument; stepKey: string; stepName: string; onEdit: (next: JourneyDocument) => void }) {
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const items = insightsOfStep(doc, stepKey)
  return (
    <section className="evidence-editor" aria-labelledby="evidence-title">
      <h3 id="evidence-title">
        Evidence <span className="evidence-count">({items.length})</span>
      </h3>
      {items.length === 0 && editing !== 'new' && <p className="muted">No research backs this step yet.</p>}
      <ul className="evidence-list" aria-label={`Evidence for ${stepName}`}>
        {items.map(({ insight, index }) => {
          const others = (insight.steps?.length ?? 1) - 1 + (insight.stages?.length ?? 0)
          return (
            <li key={index} className="evidence-item">
              {editing === index ? (
                <EvidenceForm
                  initial={insight}
                  submitLabel="Apply"
                  onCancel={() => setEditing(null)}
                  onSubmit={(fields) => {
                    const cleared = Object.fromEntries(Object.keys(insight).filter((k) => k !== 'steps' && k !== 'stages' && !(k in fields)).map((k) => [k, undefined]))
                    onEdit(updateInsight(doc, index, { ...cleared, ...fields }))
                    setEditing(null)
                  }}
                />
              ) : (
                <>
                  <div className="evidence-source">{SOURCE_LABEL[insight.source] ?? insight.source}</div>
                  <p className="evidence-text">{insight.text}</p>
                  {insight.quote && <blockquote>“{insight.quote}”</blockquote>}
                  {(insight.author || insight.date) && <p className="evidence-by">{[insight.author, insight.date].filter(Boolean).join(' · ')}</p>}
                  {insight.link && (
                    <a href={insight.link} target="_blank" rel="noreferrer" className="evidence-link">
                      Source
                    </a>
                  )}
                  {others > 0 && (
                    <p className="evidence-by">
                      Also backs {others} other step{others === 1 ? '' : 's'} or stage{others === 1 ? '' : 's'}.
                    </p>
                  )}
                  <div className="evidence-actions">
                    <button type="button" className="ghost" onClick={() => setEditing(index)} aria-label={`Edit evidence: ${insight.text}`}>
                      Edit
                    </button>
                    <button type="button" className="ghost" onClick={() => onEdit(detachInsight(doc, index, stepKey))} aria-label={`Remove evidence from this step: ${insight.text}`}>
                      Remove
                    </button>
                  </div>
                </>
              )}
            </li>
          )
        })}
      </ul>
      {editing === 'new' ? (
        <EvidenceForm
          submitLabel="Add evidence"
          onCancel={() => setEditing(null)}
          onSubmit={(fields) => {
            onEdit(addInsight(doc, stepKey, fields))
            setEditing(null)
          }}
        />
      ) : (
        <button type="button" className="ghost add-evidence" onClick={() => setEditing('new')}>
          + Add evidence
        </button>
      )}
    </section>
  )
}
