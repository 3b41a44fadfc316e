// The journey document's shape is the domain's own type (the API serves it as a free-form object).
export type { JourneyDocument, Stage, Step } from '../../../src/domain/journey/journey.ts'
