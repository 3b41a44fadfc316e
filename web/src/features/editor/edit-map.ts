import type { JourneyDocument, Stage, Step } from '../../api/journey.ts'
import type { MatchRule } from '../../../../src/domain/journey/journey.ts'
import { unbindOutcomes } from '../../../../src/domain/journey/edit-journey.ts'
import { renameStepInInsights } from './edit-insights.ts'

/**
 * Pure edits of a journey document, as the map editor makes them. Keys of
 * stages and steps not yet saved follow their name (a slug, unique); once
 * saved a key stays, as events are matched on it.
 */
type Doc = JourneyDocument
/** The fields the editor's forms change; `undefined` removes a field. */
export type StagePatch = { name?: string; goal?: string; motivations?: string[]; questions?: string[]; fears?: string[]; promise?: string }
export type StepPatch = {
  key?: string
  name?: string
  channel?: string
  description?: string
  emotion?: number
  thoughts?: string
  pains?: string[]
  backstage?: string
  owner?: string
  momentOfTruth?: boolean
  match?: MatchRule[]
}

export function slugOf(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 90)
  return slug || fallback
}

export function uniqueKey(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`
}

export const stepKeysOf = (doc: Doc) => new Set(doc.stages.flatMap((s) => s.steps.map((t) => t.key)))
export const stageKeysOf = (doc: Doc) => new Set(doc.stages.map((s) => s.key))

export function findStep(doc: Doc, key: string): { stage: Stage; stageIndex: number; step: Step; index: number } | undefined {
  for (const [stageIndex, stage] of doc.stages.entries()) {
    const index = stage.steps.findIndex((t) => t.key === key)
    if (index >= 0) return { stage, stageIndex, step: stage.steps[index]!, index }
  }
  return undefined
}

/** `patch` with undefined values removes those fields (an emptied field is absent, not ""). */
function withPatch<T extends object>(obj: T, patch: object): T {
  const out: Record<string, unknown> = { ...(obj as Record<string, unknown>) }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k]
    else out[k] = v
  }
  return out as T
}

const without = (taken: Set<string>, key: string) => new Set([...taken].filter((k) => k !== key))

/** The key after a rename: an unsaved key that still is its name's slug follows the new name. */
function followName(key: string, oldName: string, newName: string | undefined, saved: Set<string>, others: Set<string>, fallback: string): string {
  if (newName === undefined || saved.has(key) || key !== uniqueKey(slugOf(oldName, fallback), others)) return key
  return uniqueKey(slugOf(newName, fallback), others)
}

export function addStage(doc: Doc, name = 'New stage'): { doc: Doc; key: string } {
  const key = uniqueKey(slugOf(name, 'stage'), stageKeysOf(doc))
  return { doc: { ...doc, stages: [...doc.stages, { key, name, steps: [] }] }, key }
}

export function addStep(doc: Doc, stageKey: string, name = 'New step'): { doc: Doc; key: string } {
  const key = uniqueKey(slugOf(name, 'step'), stepKeysOf(doc))
  return { doc: { ...doc, stages: doc.stages.map((s) => (s.key === stageKey ? { ...s, steps: [...s.steps, { key, name }] } : s)) }, key }
}

export function updateStage(doc: Doc, key: string, patch: StagePatch, saved: Set<string>): { doc: Doc; key: string } {
  const stage = doc.stages.find((s) => s.key === key)
  if (!stage) return { doc, key }
  const newKey = followName(key, stage.name, patch.name, saved, without(stageKeysOf(doc), key), 'stage')
  return { doc: { ...doc, stages: doc.stages.map((s) => (s === stage ? { ...withPatch(s, patch), key: newKey } : s)) }, key: newKey }
}

export function updateStep(doc: Doc, key: string, patch: StepPatch, saved: Set<string>): { doc: Doc; key: string } {
  const found = findStep(doc, key)
  if (!found) return { doc, key }
  const newKey = patch.key ?? followName(key, found.step.name, patch.name, saved, without(stepKeysOf(doc), key), 'step')
  const stages = doc.stages.map((s) => (s === found.stage ? { ...s, steps: s.steps.map((t) => (t === found.step ? { ...withPatch(t, patch), key: newKey } : t)) } : s))
  return { doc: renameStepInInsights({ ...doc, stages }, key, newKey), key: newKey }
}

/** Deleting drops the references to what is gone too (the goal step, insights, outcome measures), so the document stays valid. */
function dropReferences(doc: Doc, stepKeys: string[], stageKey?: string): Doc {
  const { goal, insights, ...rest } = unbindOutcomes(doc, stepKeys)
  const keepGoal = goal !== undefined && !stepKeys.includes(goal)
  return {
    ...rest,
    ...(keepGoal ? { goal } : {}),
    ...(insights
      ? {
          insights: insights.map((i) =>
            withPatch(i, {
              steps: i.steps?.filter((k) => !stepKeys.includes(k)),
              stages: i.stages?.filter((k) => k !== stageKey),
            }),
          ),
        }
      : {}),
  } as Doc
}

export function deleteStage(doc: Doc, key: string): Doc {
  const stage = doc.stages.find((s) => s.key === key)
  if (!stage) return doc
  return dropReferences({ ...doc, stages: doc.stages.filter((s) => s !== stage) }, stage.steps.map((t) => t.key), key)
}

export function deleteStep(doc: Doc, key: string): Doc {
  return dropReferences({ ...doc, stages: doc.stages.map((s) => ({ ...s, steps: s.steps.filter((t) => t.key !== key) })) }, [key])
}

export function moveStage(doc: Doc, key: string, to: number): Doc {
  const from = doc.stages.findIndex((s) => s.key === key)
  if (from < 0 || to < 0 || to >= doc.stages.length || from === to) return doc
  const stages = [...doc.stages]
  stages.splice(to, 0, ...stages.splice(from, 1))
  return { ...doc, stages }
}

/** Moves a step to `toIndex` of the stage `toStage` (its own or another). */
export function moveStep(doc: Doc, key: string, toStage: string, toIndex: number): Doc {
  const found = findStep(doc, key)
  const target = doc.stages.findIndex((s) => s.key === toStage)
  if (!found || target < 0 || (found.stageIndex === target && found.index === toIndex)) return doc
  const stages = doc.stages.map((s) => ({ ...s, steps: s.steps.filter((t) => t !== found.step) }))
  const steps = stages[target]!.steps
  steps.splice(Math.max(0, Math.min(toIndex, steps.length)), 0, found.step)
  return { ...doc, stages: doc.stages.map((s, i) => (i === target || i === found.stageIndex ? stages[i]! : s)) }
}
