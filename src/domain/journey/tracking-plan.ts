import { allSteps, matchRulesOf, type JourneyDocument, type MatchRule } from './journey.ts'

export type PlannedEvent = { event: string; channel: string; properties: Record<string, string> }

const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v])

/**
 * A workspace's tracking plan as a predicate: an event is in the plan when a
 * step of one of its journeys maps it, by the same rules the analyses apply in
 * SQL (event name; channel if the rule names one; property values compared as
 * text, a missing property being '').
 */
export function trackingPlanCovers(journeys: JourneyDocument[]): (e: PlannedEvent) => boolean {
  const rulesByEvent = new Map<string, MatchRule[]>()
  for (const doc of journeys) {
    for (const { step } of allSteps(doc)) {
      for (const rule of matchRulesOf(step)) for (const name of asArray(rule.event)) rulesByEvent.set(name, [...(rulesByEvent.get(name) ?? []), rule])
    }
  }
  return (e) => (rulesByEvent.get(e.event) ?? []).some((rule) => ruleMatches(rule, e))
}

/**
 * Whether a stored event is to be flagged as off the plan: only when the plan
 * is strict (`inPlan` given), and never a feedback answer, which is tied to its
 * touchpoint by its own field.
 */
export function isOffPlan(inPlan: ((e: PlannedEvent) => boolean) | undefined, e: PlannedEvent & { score_kind: string }): boolean {
  return inPlan !== undefined && e.score_kind === '' && !inPlan(e)
}

function ruleMatches(rule: MatchRule, e: PlannedEvent): boolean {
  if (rule.channel && rule.channel !== e.channel) return false
  for (const [key, values] of Object.entries(rule.where ?? {})) {
    if (!asArray(values).map(String).includes(e.properties[key] ?? '')) return false
  }
  return true
}
