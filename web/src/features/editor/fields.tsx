import { useState } from 'react'

/** Form fields of the editor's side panel: an emptied field is `undefined`, so the document leaves it out. */
const orUndefined = (v: string) => (v.trim() ? v : undefined)

export function TextField({ label, value, onChange, hint, required, max = 200 }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; hint?: string; required?: boolean; max?: number }) {
  return (
    <label>
      {label}
      <input value={value ?? ''} onChange={(e) => onChange(required ? e.target.value : orUndefined(e.target.value))} required={required} maxLength={max} />
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  )
}

export function AreaField({ label, value, onChange, hint, max = 5000 }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; hint?: string; max?: number }) {
  return (
    <label>
      {label}
      <textarea rows={3} value={value ?? ''} onChange={(e) => onChange(orUndefined(e.target.value))} maxLength={max} />
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  )
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

/** A list, one item a line. The text is kept as typed (blank lines while typing) and only the items go to the document. */
export function ListField({ label, value, onChange }: { label: string; value: string[] | undefined; onChange: (v: string[] | undefined) => void }) {
  const [text, setText] = useState((value ?? []).join('\n'))
  // Undo, redo or another selection change the list from outside: show theirs.
  const outside = (value ?? []).join('\n')
  if (linesOf(text).join('\n') !== outside && text !== outside) setText(outside)
  return (
    <label>
      {label}
      <textarea
        rows={3}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          const items = linesOf(e.target.value)
          onChange(items.length ? items : undefined)
        }}
      />
      <span className="field-hint">One a line.</span>
    </label>
  )
}
