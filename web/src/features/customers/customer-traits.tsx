/** A day as people read it, from the engine's "YYYY-MM-DD hh:mm:ss.sss" (UTC). */
export const day = (engineTime: string) => engineTime.slice(0, 10)
/** "1 channel", "3 channels". */
export const plural = (n: number, word: string, words = `${word}s`) => `${n.toLocaleString('en')} ${n === 1 ? word : words}`
/** Minutes precision, for a timeline. */
export const minute = (engineTime: string) => `${engineTime.slice(0, 16)} UTC`

/** A customer's latest traits as key: value pairs. */
export function TraitList({ traits }: { traits: Record<string, string> }) {
  const entries = Object.entries(traits).sort(([a], [b]) => a.localeCompare(b))
  if (!entries.length) return <span className="muted">no traits</span>
  return (
    <ul className="traits">
      {entries.map(([k, v]) => (
        <li key={k}>
          <span className="trait-key">{k}:</span> {v}
        </li>
      ))}
    </ul>
  )
}
