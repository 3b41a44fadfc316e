/** A list of short texts, one input each, to add to and remove from. */
export function ListField({ legend, item, values, onChange, hint }: { legend: string; item: string; values: string[]; onChange: (values: string[]) => void; hint?: string }) {
  const set = (i: number, v: string) => onChange(values.map((x, j) => (j === i ? v : x)))
  return (
    <fieldset className="list-field">
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {values.map((v, i) => (
        <div className="list-item" key={i}>
          <input aria-label={`${item} ${i + 1}`} value={v} maxLength={2000} onChange={(e) => set(i, e.target.value)} />
          <button type="button" className="ghost" aria-label={`Remove ${item.toLowerCase()} ${i + 1}`} onClick={() => onChange(values.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="ghost add" onClick={() => onChange([...values, ''])}>
        + Add {article(item)} {item.toLowerCase()}
      </button>
    </fieldset>
  )
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a')
