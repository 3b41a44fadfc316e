// Regenerates schemas/waymark.journey.v1.json from the zod schema (a test checks it is up to date).
import fs from 'node:fs'
import { journeyJsonSchema } from '../src/domain/journey/journey-json-schema.ts'

fs.writeFileSync(new URL('../schemas/waymark.journey.v1.json', import.meta.url), `${JSON.stringify(journeyJsonSchema(), null, 2)}\n`)
