import { allSteps, type JourneyDocument } from './journey.ts'

export type JourneyDiff = {
  stagesAdded: string[]
  stagesRemoved: string[]
  stagesChanged: Array<{ key: string; fields: string[] }>
  stepsAdded: string[]
  stepsRemoved: string[]
  /** Steps now in another stage or at another position within their stage. */
  stepsMoved: string[]
  stepsChanged: Array<{ key: string; fields: string[] }>
  /** Top-level fields (name, persona, goal, insights, …) that differ. */
  journeyFields: string[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>, ignore: string[]): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].filter((k) => !ignore.includes(k) && !same(a[k], b[k])).sort()
}

/** What changed from one version of a journey to another, by stage and step key. */
export function diffJourneys(from: JourneyDocument, to: JourneyDocument): JourneyDiff {
  const stagesFrom = new Map(from.stages.map((s) => [s.key, s]))
  const stagesTo = new Map(to.stages.map((s) => [s.key, s]))
  const position = (doc: JourneyDocument) =>
    new Map(allSteps(doc).map(({ stage, step }) => [step.key, { stage: stage.key, index: stage.steps.indexOf(step), step }]))
  const stepsFrom = position(from)
  const stepsTo = position(to)

  return {
    stagesAdded: [...stagesTo.keys()].filter((k) => !stagesFrom.has(k)),
    stagesRemoved: [...stagesFrom.keys()].filter((k) => !stagesTo.has(k)),
    stagesChanged: [...stagesTo.entries()]
      .filter(([k]) => stagesFrom.has(k))
      .map(([k, s]) => ({ key: k, fields: changedFields(stagesFrom.get(k)!, s, ['key', 'steps']) }))
      .filter((c) => c.fields.length > 0),
    stepsAdded: [...stepsTo.keys()].filter((k) => !stepsFrom.has(k)),
    stepsRemoved: [...stepsFrom.keys()].filter((k) => !stepsTo.has(k)),
    stepsMoved: [...stepsTo.entries()]
      .filter(([k, p]) => {
        const before = stepsFrom.get(k)
        return before && (before.stage !== p.stage || before.index !== p.index)
      })
      .map(([k]) => k),
    stepsChanged: [...stepsTo.entries()]
      .filter(([k]) => stepsFrom.has(k))
      .map(([k, p]) => ({ key: k, fields: changedFields(stepsFrom.get(k)!.step, p.step, ['key']) }))
      .filter((c) => c.fields.length > 0),
    journeyFields: changedFields(from, to, ['stages']),
  }
}

/** One line for version lists, e.g. "2 steps added (a, b); step pay changed (emotion)". */
export function summarizeDiff(d: JourneyDiff): string {
  const parts: string[] = []
  const names = (keys: string[]) => (keys.length > 3 ? `${keys.slice(0, 3).join(', ')}, …` : keys.join(', '))
  const count = (n: number, what: string, verb: string, keys: string[]) => {
    if (n) parts.push(`${n} ${what}${n > 1 ? 's' : ''} ${verb} (${names(keys)})`)
  }
  count(d.stagesAdded.length, 'stage', 'added', d.stagesAdded)
  count(d.stagesRemoved.length, 'stage', 'removed', d.stagesRemoved)
  count(d.stagesChanged.length, 'stage', 'changed', d.stagesChanged.map((c) => c.key))
  count(d.stepsAdded.length, 'step', 'added', d.stepsAdded)
  count(d.stepsRemoved.length, 'step', 'removed', d.stepsRemoved)
  count(d.stepsMoved.length, 'step', 'moved', d.stepsMoved)
  count(d.stepsChanged.length, 'step', 'changed', d.stepsChanged.map((c) => c.key))
  if (d.journeyFields.length) parts.push(`journey ${d.journeyFields.join(', ')} changed`)
  return parts.join('; ') || 'no changes'
}
