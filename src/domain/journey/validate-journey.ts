import type { FieldError } from '../errors.ts'
import { FEEDBACK_SCALES } from '../feedback.ts'
import { BUILTIN_CHANNELS, type JourneyDocument, type OutcomeMeasure } from './journey.ts'
import { journeyDocumentSchema } from './journey-schema.ts'

export type JourneyValidation = { ok: true; doc: JourneyDocument } | { ok: false; errors: FieldError[] }

/** `stages[1].steps[0].channel` from zod's ['stages', 1, 'steps', 0, 'channel']. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '')
}

/**
 * Validates a journey document and reports every problem with its JSON path,
 * e.g. `stages[1].steps[0].channel: unknown channel "fax"`. Shape errors come
 * from the schema; duplicate keys and dangling references from the checks below.
 */
export function validateJourney(input: unknown): JourneyValidation {
  const parsed = journeyDocumentSchema.safeParse(input)
  const shapeErrors = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
  // Cross-references are checked even when the shape is wrong, so one pass reports every problem.
  const referenceErrors = crossReferenceErrors(parsed.success ? (parsed.data as JourneyDocument) : tolerant(input))
  const errors = [...shapeErrors, ...referenceErrors.filter((r) => !shapeErrors.some((s) => s.path === r.path))]
  return errors.length || !parsed.success ? { ok: false, errors } : { ok: true, doc: parsed.data as JourneyDocument }
}

/** The parts of a malformed document that are well-formed enough to check references on. */
function tolerant(input: unknown): JourneyDocument {
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
  const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined)
  const doc = obj(input)
  return {
    format: 'waymark.journey/v1',
    name: '',
    channels: strs(doc.channels),
    stages: arr(doc.stages).map((raw) => {
      const stage = obj(raw)
      return {
        key: str(stage.key) ?? '',
        name: '',
        steps: arr(stage.steps).map((rawStep) => {
          const step = obj(rawStep)
          return { key: str(step.key) ?? '', name: '', channel: str(step.channel), match: arr(step.match).map((r) => ({ event: '', channel: str(obj(r).channel) })) }
        }),
      }
    }),
    insights: arr(doc.insights).map((raw) => {
      const i = obj(raw)
      return { source: 'interview', text: '', steps: strs(i.steps), stages: strs(i.stages) }
    }),
    // Measures are checked only when well-formed (the schema reports the rest).
    outcomes: arr(doc.outcomes).map((raw) => {
      const measure = obj(obj(raw).measure)
      const keys = ['step', 'from', 'to'].every((k) => measure[k] === undefined || typeof measure[k] === 'string')
      return { text: '', ...(keys && typeof measure.kind === 'string' ? { measure: measure as OutcomeMeasure } : {}) }
    }),
  }
}

function crossReferenceErrors(doc: JourneyDocument): FieldError[] {
  const errors: FieldError[] = []
  const channels = new Set<string>([...BUILTIN_CHANNELS, ...(doc.channels ?? [])])
  const stageKeys = new Map<string, number>()
  const stepKeys = new Map<string, string>()

  doc.stages.forEach((stage, si) => {
    const at = `stages[${si}]`
    if (!stage.key) return
    if (stageKeys.has(stage.key)) errors.push({ path: `${at}.key`, message: `duplicate stage key "${stage.key}" (also stages[${stageKeys.get(stage.key)}])` })
    else stageKeys.set(stage.key, si)
    stage.steps.forEach((step, ti) => {
      const stepAt = `${at}.steps[${ti}]`
      const seen = stepKeys.get(step.key)
      if (!step.key) return
      if (seen) errors.push({ path: `${stepAt}.key`, message: `duplicate step key "${step.key}" (also ${seen})` })
      else stepKeys.set(step.key, stepAt)
      if (step.channel !== undefined && !channels.has(step.channel)) {
        errors.push({ path: `${stepAt}.channel`, message: unknownChannel(step.channel) })
      }
      step.match?.forEach((rule, ri) => {
        if (rule.channel !== undefined && !channels.has(rule.channel)) {
          errors.push({ path: `${stepAt}.match[${ri}].channel`, message: unknownChannel(rule.channel) })
        }
      })
    })
  })

  doc.insights?.forEach((insight, ii) => {
    insight.steps?.forEach((k, i) => {
      if (!stepKeys.has(k)) errors.push({ path: `insights[${ii}].steps[${i}]`, message: `unknown step "${k}"` })
    })
    insight.stages?.forEach((k, i) => {
      if (!stageKeys.has(k)) errors.push({ path: `insights[${ii}].stages[${i}]`, message: `unknown stage "${k}"` })
    })
  })
  doc.outcomes?.forEach((outcome, oi) => {
    const m = outcome.measure
    if (!m) return
    const at = `outcomes[${oi}].measure`
    for (const field of ['step', 'from', 'to'] as const) {
      const k = (m as Record<string, unknown>)[field]
      if (typeof k === 'string' && !stepKeys.has(k)) errors.push({ path: `${at}.${field}`, message: `unknown step "${k}"` })
    }
    const scale = m.kind === 'score' ? FEEDBACK_SCALES[m.scoreKind] : undefined
    if (m.kind === 'score' && scale && typeof m.min === 'number' && (m.min < scale.min || m.min > scale.max)) {
      errors.push({ path: `${at}.min`, message: `${m.min} is outside the ${m.scoreKind} scale ${scale.min}–${scale.max}` })
    }
  })
  return errors
}

const unknownChannel = (c: string) => `unknown channel "${c}" (use one of ${BUILTIN_CHANNELS.join(', ')}, or declare it in "channels")`
