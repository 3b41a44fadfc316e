import type { Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { segmentLabel } from '../../ui/format.ts'

export type TimelineEntry = Answer<'/api/workspaces/{ws}/customers/{id}/timeline'>['events'][number]
export type RedPoint = Answer<'/api/workspaces/{ws}/journeys/{id}/analysis'>['redPoints'][number]

/** A timeline entry with the journey step it is (or its feedback is about) and the red points there that concern this customer. */
export type JourneyEntry = TimelineEntry & {
  index: number
  /** Epoch milliseconds. */
  time: number
  stepKey: string | null
  stepName: string | null
  stageName: string | null
  redPoints: RedPoint[]
}

/** The engine's "YYYY-MM-DD hh:mm:ss.sss" (UTC) as epoch milliseconds. */
export const engineTimeMs = (t: string) => Date.parse(`${t.replace(' ', 'T')}Z`)

/**
 * Places each entry on the journey: an event at the step its mapping rules
 * give, a feedback answer at the touchpoint it rates. A red point concerns
 * this customer when it is about all of the step's customers, or about a
 * segment the customer is in: their latest trait, or their value tier on the
 * journey (as the timeline gives it).
 */
export function onJourney(
  entries: TimelineEntry[],
  doc: JourneyDocument | undefined,
  redPoints: RedPoint[],
  customer: { traits: Record<string, string>; valueTier: string | null },
): JourneyEntry[] {
  const steps = new Map((doc?.stages ?? []).flatMap((stage) => stage.steps.map((step) => [step.key, { step: step.name, stage: stage.name }] as const)))
  const concerns = ({ segment }: RedPoint) =>
    segment === null || (segment.trait === 'value tier' ? segment.value === customer.valueTier : customer.traits[segment.trait] === segment.value)
  return entries.map((e, index) => {
    const key = e.step ?? (e.feedback && steps.has(e.feedback.touchpoint) ? e.feedback.touchpoint : null)
    const named = key ? steps.get(key) : undefined
    return {
      ...e,
      index,
      time: engineTimeMs(e.ts),
      stepKey: key,
      stepName: named?.step ?? null,
      stageName: named?.stage ?? null,
      redPoints: key ? redPoints.filter((r) => r.step === key && concerns(r)) : [],
    }
  })
}

/** What a red point says about its step, in a few words. */
export const REASON: Record<RedPoint['reasons'][number]['metric'], string> = {
  exitRate: 'many customers leave here',
  repeatRate: 'customers have to come back',
  feedback: 'low scores',
  hoursToNextInStage: 'slow to the next step',
}

/** A red point's reasons and, for a segment's, whose they are: "low scores (high-value customers)". */
export const reasonsOf = (points: RedPoint[]) =>
  [...new Set(points.map((r) => `${r.reasons.map((x) => REASON[x.metric]).join(', ')}${r.segment ? ` (${segmentLabel(r.segment)})` : ''}`))].join('; ')

/** A score with its scale, e.g. "NPS 3/10". */
export function scoreText(f: NonNullable<TimelineEntry['feedback']>): string {
  const max: Record<string, number> = { nps: 10, csat: 5, ces: 7, rating: 5 }
  const score = Number.isInteger(f.score) ? String(f.score) : f.score.toFixed(1)
  return `${f.kind.toUpperCase()} ${score}${max[f.kind] ? `/${max[f.kind]}` : ''}`
}
