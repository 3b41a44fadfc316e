import { canonicalJson } from './canonical-json.ts'
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

/** Equality of JSON values regardless of key order (stored documents do not keep it). */
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)

/**
 * Steps that stayed in a stage but whose order changed: the ones outside the
 * longest run kept in the same relative order (so moving one step does not
 * report its neighbours as moved too).
 */
function reordered(before: string[], after: string[]): string[] {
  const oldIndex = new Map(before.map((k, i) => [k, i]))
  const kept = after.filter((k) => oldIndex.has(k))
  const seq = kept.map((k) => oldIndex.get(k)!)
  // Longest increasing subsequence (O(n²) is fine for the steps of one stage).
  const len = seq.map(() => 1)
  const prev = seq.map(() => -1)
  for (let i = 0; i < seq.length; i++) {
    for (let j = 0; j < i; j++) {
      if (seq[j]! < seq[i]! && len[j]! + 1 > len[i]!) {
        len[i] = len[j]! + 1
        prev[i] = j
      }
    }
  }
  let end = len.indexOf(Math.max(0, ...len))
  const stay = new Set<string>()
  while (end >= 0) {
    stay.add(kept[end]!)
    end = prev[end]!
  }
  return kept.filter((k) => !stay.has(k))
}

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
    stepsMoved: [
      ...[...stepsTo.entries()].filter(([k, p]) => stepsFrom.has(k) && stepsFrom.get(k)!.stage !== p.stage).map(([k]) => k),
      ...to.stages.flatMap((stage) => {
        const before = stagesFrom.get(stage.key)?.steps.map((s) => s.key) ?? []
        const after = stage.steps.map((s) => s.key).filter((k) => stepsFrom.get(k)?.stage === stage.key)
        return reordered(before, after)
      }),
    ],
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
