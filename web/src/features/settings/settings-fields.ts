import type { Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'

type Persona = Answer<'/api/workspaces/{ws}/personas'>[number]

export type SettingsFields = { name: string; persona: string; job: string; goal: string; kind: 'current' | 'future'; status: '' | 'draft' | 'researched' | 'live' }

export const KINDS = [
  { value: 'current', label: 'Current state', hint: 'how customers experience it today' },
  { value: 'future', label: 'Future state', hint: 'the experience being designed' },
] as const

export const STATUSES = [
  { value: 'draft', label: 'Draft', hint: 'drawn, not yet checked with customers' },
  { value: 'researched', label: 'Researched', hint: 'backed by interviews, surveys or data' },
  { value: 'live', label: 'Live', hint: 'the agreed map the team works from' },
] as const

export function fieldsOf(doc: JourneyDocument): SettingsFields {
  return { name: doc.name, persona: doc.persona?.name ?? '', job: doc.persona?.job ?? '', goal: doc.goal ?? '', kind: doc.kind ?? 'current', status: doc.status ?? '' }
}

/**
 * The document with the settings applied. Fields left as they were stay absent
 * (an unset kind is "current"), so saving without a change makes no version.
 */
export function applyFields(doc: JourneyDocument, f: SettingsFields, personas: Persona[]): JourneyDocument {
  const name = f.persona.trim()
  const known = personas.find((p) => p.name === name)
  const base =
    doc.persona?.name === name
      ? doc.persona
      : {
          name,
          ...(known?.description ? { description: known.description } : {}),
          ...(known?.goals.length ? { goals: known.goals } : {}),
          ...(known?.frustrations.length ? { frustrations: known.frustrations } : {}),
          ...(known?.valueTier ? { valueTier: known.valueTier } : {}),
        }
  const { job: _job, ...rest } = base
  const persona = name ? { ...rest, ...(f.job.trim() ? { job: f.job.trim() } : {}) } : undefined
  const { persona: _p, goal: _g, kind: _k, status: _s, ...others } = doc
  return {
    ...others,
    name: f.name.trim(),
    ...(persona ? { persona } : {}),
    ...(f.goal ? { goal: f.goal } : {}),
    ...(f.kind !== (doc.kind ?? 'current') || doc.kind ? { kind: f.kind } : {}),
    ...(f.status ? { status: f.status } : {}),
  }
}
