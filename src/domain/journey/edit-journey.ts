import { AppError } from '../errors.ts'
import type { DesiredOutcome, Insight, JourneyDocument, Stage, Step } from './journey.ts'

/**
 * Fine-grained edits of a journey document. Each returns a new document and
 * leaves the input untouched; the caller validates and saves it as a version.
 */
const missingStage = (key: string) => new AppError('not_found', `Stage "${key}" not found`)
const missingStep = (key: string) => new AppError('not_found', `Step "${key}" not found`)

function clampIndex(index: number | undefined, length: number): number {
  return index === undefined ? length : Math.max(0, Math.min(length, Math.trunc(index)))
}

function insertAt<T>(items: T[], item: T, index: number | undefined): T[] {
  const copy = [...items]
  copy.splice(clampIndex(index, copy.length), 0, item)
  return copy
}

function locateStep(doc: JourneyDocument, stepKey: string): { stageIndex: number; stepIndex: number; step: Step } {
  for (const [stageIndex, stage] of doc.stages.entries()) {
    const stepIndex = stage.steps.findIndex((s) => s.key === stepKey)
    if (stepIndex >= 0) return { stageIndex, stepIndex, step: stage.steps[stepIndex]! }
  }
  throw missingStep(stepKey)
}

function withStage(doc: JourneyDocument, stageKey: string, change: (stage: Stage) => Stage): JourneyDocument {
  if (!doc.stages.some((s) => s.key === stageKey)) throw missingStage(stageKey)
  return { ...doc, stages: doc.stages.map((s) => (s.key === stageKey ? change(s) : s)) }
}

export function addStage(doc: JourneyDocument, stage: Stage, index?: number): JourneyDocument {
  return { ...doc, stages: insertAt(doc.stages, { ...stage, steps: stage.steps ?? [] }, index) }
}

export function updateStage(doc: JourneyDocument, stageKey: string, patch: Partial<Omit<Stage, 'key' | 'steps'>>): JourneyDocument {
  return withStage(doc, stageKey, (s) => ({ ...s, ...patch, key: s.key, steps: s.steps }))
}

export function moveStage(doc: JourneyDocument, stageKey: string, index: number): JourneyDocument {
  const stage = doc.stages.find((s) => s.key === stageKey)
  if (!stage) throw missingStage(stageKey)
  return { ...doc, stages: insertAt(doc.stages.filter((s) => s !== stage), stage, index) }
}

/** Only empty stages can be removed, so no touchpoint disappears by accident. */
export function removeStage(doc: JourneyDocument, stageKey: string): JourneyDocument {
  const stage = doc.stages.find((s) => s.key === stageKey)
  if (!stage) throw missingStage(stageKey)
  if (stage.steps.length) throw new AppError('conflict', `Stage "${stageKey}" still has ${stage.steps.length} step(s); move or remove them first`)
  const insights = doc.insights?.map((i) => (i.stages ? { ...i, stages: i.stages.filter((k) => k !== stageKey) } : i))
  return { ...doc, stages: doc.stages.filter((s) => s !== stage), ...(insights ? { insights } : {}) }
}

export function addStep(doc: JourneyDocument, stageKey: string, step: Step, index?: number): JourneyDocument {
  return withStage(doc, stageKey, (s) => ({ ...s, steps: insertAt(s.steps, step, index) }))
}

export function updateStep(doc: JourneyDocument, stepKey: string, patch: Partial<Omit<Step, 'key'>>): JourneyDocument {
  const { stageIndex, stepIndex, step } = locateStep(doc, stepKey)
  const stages = doc.stages.map((s, i) =>
    i === stageIndex ? { ...s, steps: s.steps.map((t, j) => (j === stepIndex ? { ...step, ...patch, key: step.key } : t)) } : s,
  )
  return { ...doc, stages }
}

/** Moves a step to a position in a stage (the same or another); index defaults to the end. */
export function moveStep(doc: JourneyDocument, stepKey: string, toStage: string, index?: number): JourneyDocument {
  if (!doc.stages.some((s) => s.key === toStage)) throw missingStage(toStage)
  const { step } = locateStep(doc, stepKey)
  const without = doc.stages.map((s) => ({ ...s, steps: s.steps.filter((t) => t.key !== stepKey) }))
  return { ...doc, stages: without.map((s) => (s.key === toStage ? { ...s, steps: insertAt(s.steps, step, index) } : s)) }
}

/** Removes a step and unlinks the evidence and the outcome measures that pointed at it. */
export function removeStep(doc: JourneyDocument, stepKey: string): JourneyDocument {
  locateStep(doc, stepKey)
  const stages = doc.stages.map((s) => ({ ...s, steps: s.steps.filter((t) => t.key !== stepKey) }))
  const insights = doc.insights?.map((i) => (i.steps ? { ...i, steps: i.steps.filter((k) => k !== stepKey) } : i))
  return unbindOutcomes({ ...doc, stages, ...(insights ? { insights } : {}) }, [stepKey])
}

const measuredSteps = (outcome: DesiredOutcome): string[] => {
  const m = outcome.measure
  return !m ? [] : m.kind === 'within' ? [m.from, m.to] : [m.step]
}

/** Outcomes measured on removed steps keep their words and lose their measure, so the document stays valid. */
export function unbindOutcomes(doc: JourneyDocument, removedSteps: string[]): JourneyDocument {
  if (!doc.outcomes?.some((o) => measuredSteps(o).some((k) => removedSteps.includes(k)))) return doc
  const outcomes = doc.outcomes.map((o) => {
    if (!measuredSteps(o).some((k) => removedSteps.includes(k))) return o
    const { measure: _measure, ...words } = o
    return words as DesiredOutcome
  })
  return { ...doc, outcomes }
}

function insightAt(doc: JourneyDocument, index: number): Insight {
  const insight = doc.insights?.[index]
  if (!insight) throw new AppError('not_found', `Insight ${index} not found`)
  return insight
}

export function addInsight(doc: JourneyDocument, insight: Insight): JourneyDocument {
  return { ...doc, insights: [...(doc.insights ?? []), insight] }
}

export function updateInsight(doc: JourneyDocument, index: number, patch: Partial<Insight>): JourneyDocument {
  const current = insightAt(doc, index)
  return { ...doc, insights: doc.insights!.map((i, n) => (n === index ? { ...current, ...patch } : i)) }
}

export function removeInsight(doc: JourneyDocument, index: number): JourneyDocument {
  insightAt(doc, index)
  return { ...doc, insights: doc.insights!.filter((_, n) => n !== index) }
}
