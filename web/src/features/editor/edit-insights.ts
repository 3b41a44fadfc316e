import type { JourneyDocument } from '../../api/journey.ts'
import type { Insight } from '../../../../src/domain/journey/journey.ts'

/**
 * Pure edits of a step's evidence (the document's insights attached to it).
 * An insight may back several steps and stages: removing it from one step
 * only detaches it, and it is dropped once nothing refers to it any more.
 */
type Doc = JourneyDocument
export type InsightPatch = Partial<Pick<Insight, 'source' | 'text' | 'quote' | 'link' | 'author' | 'date'>>

/** The step's insights with their index in the document. */
export function insightsOfStep(doc: Doc, stepKey: string): Array<{ insight: Insight; index: number }> {
  return (doc.insights ?? []).flatMap((insight, index) => (insight.steps?.includes(stepKey) ? [{ insight, index }] : []))
}

export const evidenceCount = (doc: Doc, stepKey: string) => insightsOfStep(doc, stepKey).length

export function addInsight(doc: Doc, stepKey: string, insight: Pick<Insight, 'source' | 'text'>): Doc {
  return { ...doc, insights: [...(doc.insights ?? []), { ...insight, steps: [stepKey] } as Insight] }
}

/** `patch` with undefined values removes those fields. */
export function updateInsight(doc: Doc, index: number, patch: InsightPatch): Doc {
  const insights = (doc.insights ?? []).map((i, n) => {
    if (n !== index) return i
    const out: Record<string, unknown> = { ...i }
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete out[k]
      else out[k] = v
    }
    return out as Insight
  })
  return { ...doc, insights }
}

export function detachInsight(doc: Doc, index: number, stepKey: string): Doc {
  const insights = (doc.insights ?? []).flatMap((i, n) => {
    if (n !== index) return [i]
    const steps = i.steps?.filter((k) => k !== stepKey) ?? []
    if (!steps.length && !i.stages?.length) return []
    const { steps: _, ...rest } = i
    return [steps.length ? { ...rest, steps } : (rest as Insight)]
  })
  const { insights: _, ...rest } = doc
  return insights.length ? { ...doc, insights } : (rest as Doc)
}

/** A step's key changed (an unsaved step renamed): its insights follow it. */
export function renameStepInInsights(doc: Doc, from: string, to: string): Doc {
  if (from === to || !doc.insights?.some((i) => i.steps?.includes(from))) return doc
  return { ...doc, insights: doc.insights.map((i) => (i.steps?.includes(from) ? { ...i, steps: i.steps.map((k) => (k === from ? to : k)) } : i)) }
}
