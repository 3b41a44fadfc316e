import type { Answer } from '../../api/client.ts'
import type { JourneyDocument, Stage, Step } from '../../api/journey.ts'

export type JourneyDiff = Answer<'/api/workspaces/{ws}/journeys/{id}/diff'>

/** Journey fields as a CX manager calls them. */
const FIELD: Record<string, string> = {
  name: 'Name',
  kind: 'Kind',
  status: 'Status',
  persona: 'Persona',
  goal: 'Goal step',
  description: 'Description',
  channels: 'Channels',
  insights: 'Research evidence',
}

/** Enumerated values by their labels in the settings page. */
const LABEL: Record<string, Record<string, string>> = {
  kind: { current: 'Current state', future: 'Future state' },
  status: { draft: 'Draft', researched: 'Researched', live: 'Live' },
}

/** A short, readable value: text in quotes, numbers signed (emotions), lists counted. */
function shown(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'none'
  if (typeof v === 'string') return `“${v.length > 60 ? `${v.slice(0, 57)}…` : v}”`
  if (typeof v === 'number') return v > 0 ? `+${v}` : String(v)
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (Array.isArray(v)) return `${v.length} item${v.length === 1 ? '' : 's'}`
  if (typeof v === 'object' && 'name' in v) return shown((v as { name: unknown }).name)
  return 'changed'
}

const change = (label: string, a: unknown, b: unknown) => {
  const before = shown(a)
  const after = shown(b)
  return before === after || (before === 'changed' && after === 'changed') ? `${label} changed` : `${label}: ${before} → ${after}`
}

/**
 * The diff of two versions as sentences, with stage and step names rather than
 * keys (the keys are what the API compares; names are what people recognise).
 */
export function diffInWords(d: JourneyDiff, from: JourneyDocument, to: JourneyDocument): string[] {
  const stages = (doc: JourneyDocument) => new Map(doc.stages.map((s) => [s.key, s]))
  const steps = (doc: JourneyDocument) => new Map(doc.stages.flatMap((stage) => stage.steps.map((step) => [step.key, { stage, step }] as const)))
  const [stagesA, stagesB, stepsA, stepsB] = [stages(from), stages(to), steps(from), steps(to)]
  const stageName = (k: string) => stagesB.get(k)?.name ?? stagesA.get(k)?.name ?? k
  const stepName = (k: string) => stepsB.get(k)?.step.name ?? stepsA.get(k)?.step.name ?? k
  const lines: string[] = []

  for (const f of d.journeyFields) {
    if (f === 'persona') {
      const [a, b] = [from.persona, to.persona]
      if (a?.name !== b?.name) lines.push(change('Persona', a?.name, b?.name))
      if (a?.job !== b?.job) lines.push(change('Job to be done', a?.job, b?.job))
      if (a?.name === b?.name && a?.job === b?.job) lines.push('Persona details changed')
    } else if (f === 'goal') {
      lines.push(change('Goal step', from.goal && stepName(from.goal), to.goal && stepName(to.goal)))
    } else {
      const label = (v: unknown) => (LABEL[f] && typeof v === 'string' ? LABEL[f][v] : undefined)
      if (LABEL[f]) lines.push(`${FIELD[f]}: ${label(from[f] ?? (f === 'kind' ? 'current' : '')) ?? 'not set'} → ${label(to[f] ?? (f === 'kind' ? 'current' : '')) ?? 'not set'}`)
      else lines.push(change(FIELD[f] ?? f, from[f], to[f]))
    }
  }
  for (const k of d.stagesAdded) lines.push(`Stage added: ${stageName(k)}`)
  for (const k of d.stagesRemoved) lines.push(`Stage removed: ${stageName(k)}`)
  for (const c of d.stagesChanged) {
    const [a, b] = [stagesA.get(c.key) as Stage, stagesB.get(c.key) as Stage]
    lines.push(`Stage ${stageName(c.key)} — ${c.fields.map((f) => change(f, a?.[f], b?.[f])).join('; ')}`)
  }
  for (const k of d.stepsAdded) lines.push(`Step added: ${stepName(k)} (in ${stepsB.get(k)?.stage.name ?? '?'})`)
  for (const k of d.stepsRemoved) lines.push(`Step removed: ${stepName(k)} (was in ${stepsA.get(k)?.stage.name ?? '?'})`)
  for (const k of d.stepsMoved) {
    const [a, b] = [stepsA.get(k), stepsB.get(k)]
    lines.push(a && b && a.stage.key !== b.stage.key ? `Step moved: ${stepName(k)}, from ${a.stage.name} to ${b.stage.name}` : `Step moved: ${stepName(k)}, to another position in ${b?.stage.name ?? '?'}`)
  }
  for (const c of d.stepsChanged) {
    const [a, b] = [stepsA.get(c.key)?.step as Step, stepsB.get(c.key)?.step as Step]
    lines.push(`Step ${stepName(c.key)} — ${c.fields.map((f) => change(f, a?.[f], b?.[f])).join('; ')}`)
  }
  return lines
}
