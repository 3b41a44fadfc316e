import type { DesiredOutcome, JourneyDocument, OutcomeMeasure } from './journey.ts'

/** The journey's desired outcomes: its own (with their measures), then those its persona names that it has not taken up yet (unbound). */
export function desiredOutcomesOf(doc: JourneyDocument): DesiredOutcome[] {
  const own = doc.outcomes ?? []
  const taken = new Set(own.map((o) => o.text))
  return [...own, ...(doc.persona?.outcomes ?? []).filter((text) => !taken.has(text)).map((text) => ({ text }))]
}

/** The document with the outcome `text` bound to `measure`, or unbound without one; an outcome only the persona named is added to the journey's. */
export function bindOutcome(doc: JourneyDocument, text: string, measure: OutcomeMeasure | undefined): JourneyDocument {
  const outcomes = desiredOutcomesOf(doc).filter((o) => o.text === text || (doc.outcomes ?? []).includes(o))
  const bound = outcomes.map((o) => {
    if (o.text !== text) return o
    const { measure: _old, ...words } = o
    return measure ? { ...words, measure } : words
  })
  return { ...doc, outcomes: bound.some((o) => o.text === text) ? bound : [...bound, measure ? { text, measure } : { text }] }
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
/** 72 → "3 days", 36 → "36 hours". */
export const durationWords = (hours: number) => (hours >= 24 && hours % 24 === 0 ? plural(hours / 24, 'day') : plural(hours, 'hour'))

/** A measure in words, with the journey's step names: "Reaches “Router activated” within 3 days of “Order confirmation”". */
export function measureWords(m: OutcomeMeasure, doc: JourneyDocument): string {
  const names = new Map(doc.stages.flatMap((s) => s.steps.map((t) => [t.key, t.name] as const)))
  const step = (key: string) => `“${names.get(key) ?? key}”`
  switch (m.kind) {
    case 'reach':
      return `Reaches ${step(m.step)}`
    case 'avoid':
      return `Never needs ${step(m.step)}`
    case 'within':
      return `Reaches ${step(m.to)} within ${durationWords(m.hours)} of ${step(m.from)}`
    case 'score':
      return `Latest ${m.scoreKind.toUpperCase()} about ${step(m.step)} is at least ${m.min}`
  }
}

/** Whom a measure's share is of: "of all the journey's customers", "of those who reached “X”", "of those who answered CSAT about “X”". */
export function measureBase(m: OutcomeMeasure, doc: JourneyDocument): string {
  const name = (key: string) => `“${doc.stages.flatMap((s) => s.steps).find((t) => t.key === key)?.name ?? key}”`
  if (m.kind === 'within') return `of the customers who reached ${name(m.from)}`
  if (m.kind === 'score') return `of the customers who answered ${m.scoreKind.toUpperCase()} about ${name(m.step)}`
  return "of the journey's customers"
}
