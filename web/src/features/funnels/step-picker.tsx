import { useEffect, useRef, useState } from 'react'

type Option = { key: string; name: string; group?: string }

/**
 * The funnel's steps (or stages) as an ordered list: add, remove and move each
 * with buttons, so it works from the keyboard. After a move the focus follows
 * the moved item; after a removal it goes to the next one.
 */
export function StepPicker({ what, items, options, onChange }: { what: 'step' | 'stage'; items: string[]; options: Option[]; onChange: (items: string[]) => void }) {
  const names = new Map(options.map((o) => [o.key, o.name]))
  const nameOf = (key: string) => names.get(key) ?? key
  const [adding, setAdding] = useState(options[0]?.key ?? '')
  const list = useRef<HTMLOListElement>(null)
  const focusNext = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (!focusNext.current) return
    const target = list.current?.querySelector<HTMLButtonElement>(`[data-focus="${focusNext.current}"]:not(:disabled)`) ?? list.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')
    target?.focus()
    focusNext.current = undefined
  }, [items])

  const move = (i: number, by: -1 | 1) => {
    const next = [...items]
    ;[next[i], next[i + by]] = [next[i + by]!, next[i]!]
    focusNext.current = `${by < 0 ? 'up' : 'down'}-${i + by}`
    onChange(next)
  }
  const remove = (i: number) => {
    focusNext.current = `remove-${Math.min(i, items.length - 2)}`
    onChange(items.filter((_, j) => j !== i))
  }
  const groups = [...new Set(options.map((o) => o.group ?? ''))]
  return (
    <fieldset className="step-picker">
      <legend>Funnel {what}s, in order</legend>
      <ol ref={list} data-testid="funnel-steps">
        {items.map((key, i) => (
          <li key={`${key}-${i}`}>
            <span className="step-no" aria-hidden="true">
              {i + 1}
            </span>
            <span className="step-label">{nameOf(key)}</span>
            <button type="button" className="ghost icon" data-focus={`up-${i}`} disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${nameOf(key)} up`}>
              ↑
            </button>
            <button type="button" className="ghost icon" data-focus={`down-${i}`} disabled={i === items.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${nameOf(key)} down`}>
              ↓
            </button>
            <button type="button" className="ghost icon" data-focus={`remove-${i}`} onClick={() => remove(i)} aria-label={`Remove ${nameOf(key)}`}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <div className="add-step">
        <select value={adding} onChange={(e) => setAdding(e.target.value)} aria-label={`${what === 'step' ? 'Step' : 'Stage'} to add`}>
            {groups.map((g) =>
              g ? (
                <optgroup key={g} label={g}>
                  {options
                    .filter((o) => o.group === g)
                    .map((o) => (
                      <option key={o.key} value={o.key}>
                        {o.name}
                      </option>
                    ))}
                </optgroup>
              ) : (
                options
                  .filter((o) => !o.group)
                  .map((o) => (
                    <option key={o.key} value={o.key}>
                      {o.name}
                    </option>
                  ))
              ),
            )}
        </select>
        <button type="button" className="secondary" onClick={() => adding && onChange([...items, adding])}>
          Add {what}
        </button>
      </div>
    </fieldset>
  )
}
