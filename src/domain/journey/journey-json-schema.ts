import { z } from 'zod'
import { JOURNEY_FORMAT } from './journey.ts'
import { journeyDocumentSchema } from './journey-schema.ts'

export const JOURNEY_SCHEMA_ID = 'https://waymark.dev/schemas/waymark.journey.v1.json'

/** The published JSON Schema of `waymark.journey/v1`, generated from the zod schema that validates imports. */
export function journeyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(journeyDocumentSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
    $id: JOURNEY_SCHEMA_ID,
    title: JOURNEY_FORMAT,
    description:
      'A Waymark customer journey map: persona and job, stages with the brand promise each must keep, steps (touchpoints) with channel, designed emotion, backstage and the rules that map events to them, and research evidence. Unknown fields are kept.',
  }
}
