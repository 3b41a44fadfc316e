import { useId, useState, type FormEvent } from 'react'
import { INSIGHT_SOURCES, type Insight } from '../../../../src/domain/journey/journey.ts'

export type InsightSource = (typeof INSIGHT_SOURCES)[number]
export const SOURCE_LABEL: Record<InsightSource, string> = { interview: 'Interview', service_safari: 'Service safari', survey: 'Survey', analytics: 'Analytics', competitor: 'Competitor' }

/** What the form edits: the insight without its attachments (those stay as they are). */
export type InsightFields = Pick<Insight, 'source' | 'text' | 'quote' | 'link' | 'author' | 'date'>
type Draft = { source: InsightSource; text: string; quote: string; link: string; author: string; date: string }

const draftOf = (i?: InsightFields): Draft => ({ source: i?.source ?? 'interview', text: i?.text ?? '', quote: i?.quote ?? '', link: i?.link ?? '', author: i?.author ?? '', date: i?.date ?? '' })

function isUrl(s: string) {
  try {
    return Boolean(new URL(s))
  } catch {
    return false
  }
}

/** Adds or edits one insight as a draft: nothing reaches the map (nor its undo history) until “Add”/“Apply”. */
export function EvidenceForm({ initial, submitLabel, onSubmit, onCancel }: { initial?: InsightFields; submitLabel: string; onSubmit: (fields: InsightFields) => void; onCancel: () => void }) {
  const id = useId()
  const [d, setD] = useState(() => draftOf(initial))
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value })
  const badLink = d.link.trim() !== '' && !isUrl(d.link.trim())
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!d.text.trim() || badLink) return
    const optional = { quote: d.quote.trim(), link: d.link.trim(), author: d.author.trim(), date: d.date }
    // Unknown fields of an edited insight are kept; emptied ones are left out.
    const kept: Record<string, unknown> = { ...initial }
    for (const [k, v] of Object.entries(optional)) if (!v) delete kept[k]
    onSubmit({ ...kept, source: d.source, text: d.text.trim(), ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v)) } as InsightFields)
  }
  return (
    <form className="evidence-form" onSubmit={submit} aria-label={initial ? 'Edit evidence' : 'New evidence'}>
      <label>
        Evidence source
        <select value={d.source} onChange={set('source')}>
          {INSIGHT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Finding
        <input value={d.text} onChange={set('text')} required maxLength={10_000} />
        <span className="field-hint">What the research showed, in a sentence.</span>
      </label>
      <label>
        Quote
        <textarea rows={2} value={d.quote} onChange={set('quote')} maxLength={10_000} />
      </label>
      <label>
        Source link
        <input type="url" value={d.link} onChange={set('link')} aria-invalid={badLink || undefined} aria-describedby={`${id}-link`} placeholder="https://…" />
        <span id={`${id}-link`} className={badLink ? 'field-hint error' : 'field-hint'}>
          {badLink ? 'A full address, starting with https://' : 'The recording, notes or report.'}
        </span>
      </label>
      <div className="evidence-form-row">
        <label>
          Author
          <input value={d.author} onChange={set('author')} maxLength={200} />
        </label>
        <label>
          Date
          <input type="date" value={d.date} onChange={set('date')} />
        </label>
      </div>
      <div className="evidence-form-actions">
        <button type="submit" disabled={!d.text.trim() || badLink}>
          {submitLabel}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
