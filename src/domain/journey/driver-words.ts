import type { JourneyDocument } from './journey.ts'

/**
 * Drivers name outcomes and factors by step and stage keys (see src/analytics/get-drivers.ts);
 * a CX team reads them with the journey's own names.
 */
export function journeyNames(doc: JourneyDocument | undefined) {
  const steps = new Map(doc?.stages.flatMap((s) => s.steps.map((t) => [t.key, t.name] as const)) ?? [])
  const stages = new Map(doc?.stages.map((s) => [s.key, s.name] as const) ?? [])
  const step = (key: string) => `“${steps.get(key) ?? key}”`
  return { step, stage: (key: string) => `“${stages.get(key) ?? key}”` }
}
type Names = ReturnType<typeof journeyNames>

/** "not reaching bill_paid" → Not reaching “Pay bill” (the goal); "low score at x" → Low score at “X”. */
export function outcomeWords(outcome: string, names: Names): string {
  const goal = /^not reaching (.+)$/.exec(outcome)
  if (goal) return `Not reaching ${names.step(goal[1]!)} (the goal)`
  const low = /^low score at (.+)$/.exec(outcome)
  if (low) return `Low score at ${names.step(low[1]!)}`
  if (outcome === 'NPS detractor') return 'NPS detractor (scored 0–6)'
  return outcome
}

/** What the outcome means for one customer, for a yes/no column: "Was an NPS detractor". */
export function outcomeHad(outcome: string, names: Names): string {
  const goal = /^not reaching (.+)$/.exec(outcome)
  if (goal) return `Did not reach ${names.step(goal[1]!)}`
  const low = /^low score at (.+)$/.exec(outcome)
  if (low) return `Scored ${names.step(low[1]!)} low`
  if (outcome === 'NPS detractor') return 'NPS detractor'
  return outcome
}

/** "repeated support_call" → Repeated “Call support”; "use via phone" → “Use” stage on phone; "value tier high" → High-value customers. */
export function factorWords(factor: string, names: Names): string {
  let m = /^experienced (.+)$/.exec(factor)
  if (m) return `Went through ${names.step(m[1]!)}`
  if ((m = /^repeated (.+)$/.exec(factor))) return `Repeated ${names.step(m[1]!)}`
  if ((m = /^slow (.+) → (.+)$/.exec(factor))) return `Slow wait from ${names.step(m[1]!)} to ${names.step(m[2]!)}`
  if ((m = /^value tier (.+)$/.exec(factor))) return `${m[1]![0]!.toUpperCase()}${m[1]!.slice(1)}-value customers`
  if ((m = /^trait (.+?)=(.*)$/.exec(factor))) return `Customers with ${m[1]} ${m[2]}`
  if ((m = /^(\S+) via (.+)$/.exec(factor))) return `${names.stage(m[1]!)} stage on ${m[2]}`
  return factor
}
