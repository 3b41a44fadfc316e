import { AppError } from '../errors.ts'
import type { JourneyDocument } from './journey.ts'
import { validateJourney } from './validate-journey.ts'

/**
 * Journey JSON as written by Waymark: fields in the schema's order (format,
 * name, …, stages, insights), unknown fields after the known ones, 2-space indent.
 */
export function journeyToJson(doc: JourneyDocument): string {
  const v = validateJourney(doc)
  return `${JSON.stringify(v.ok ? v.doc : doc, null, 2)}\n`
}

/** Parses and validates a journey file's JSON text; every problem is reported, with its path. */
export function parseJourneyJson(text: string): JourneyDocument {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new AppError('validation_failed', `Not valid JSON: ${(err as Error).message}`)
  }
  const v = validateJourney(data)
  if (!v.ok) throw invalidJourney(v.errors)
  return v.doc
}

export function invalidJourney(errors: Array<{ path: string; message: string }>): AppError {
  const shown = errors.slice(0, 5).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
  const more = errors.length > 5 ? `; and ${errors.length - 5} more` : ''
  return new AppError('validation_failed', `The journey has ${errors.length} problem(s): ${shown.join('; ')}${more}`, errors)
}
