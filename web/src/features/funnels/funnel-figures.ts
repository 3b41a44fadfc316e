/** One funnel step's figures, from the customers who reached each step. */
export type StepFigures = { customers: number; ofFirst: number; ofPrevious: number; medianHours: number | null; droppedAfter: number }

/** Conversions from the counts per step (a breakdown group's, or the whole funnel's): of the first step, of the previous, and who stopped after each step. */
export function stepFigures(customers: number[], medianHours: Array<number | null>): StepFigures[] {
  return customers.map((n, i) => ({
    customers: n,
    ofFirst: customers[0] ? n / customers[0] : 0,
    ofPrevious: i === 0 ? 1 : customers[i - 1] ? n / customers[i - 1]! : 0,
    medianHours: medianHours[i] ?? null,
    droppedAfter: i < customers.length - 1 ? n - customers[i + 1]! : 0,
  }))
}

/** A breakdown group as people say it; '' is the customers without one. */
export function groupLabel(breakdown: string, value: string): string {
  if (breakdown === 'valueTier') return value ? `${value}-value customers` : 'no revenue yet'
  if (breakdown === 'channel') return value || 'unknown channel'
  const trait = breakdown.replace(/^trait:/, '')
  return value ? `${trait} ${value}` : `no ${trait}`
}

/** The breakdown as a choice reads: "channel of the first step", "value tier", "plan". */
export function breakdownLabel(breakdown: string): string {
  if (breakdown === 'channel') return 'channel of the first step'
  if (breakdown === 'valueTier') return 'value tier'
  return breakdown.replace(/^trait:/, '')
}
