import { allSteps, type JourneyDocument } from './journey.ts'

export const JOURNEY_CSV_COLUMNS = [
  'stage_key',
  'stage_name',
  'stage_goal',
  'stage_promise',
  'step_key',
  'step_name',
  'channel',
  'emotion',
  'description',
  'thoughts',
  'pains',
  'backstage',
  'owner',
  'moment_of_truth',
  'match',
] as const

type Column = (typeof JOURNEY_CSV_COLUMNS)[number]

/**
 * A journey's steps as CSV (RFC 4180): a header row, then one row per step in
 * journey order (a stage without steps has no row). Lines end with CRLF; a field
 * with a comma, a double quote, CR or LF is quoted, its quotes doubled. Lists are
 * joined with `; `, `match` is the step's match rules as JSON (empty when it has
 * none), booleans are `true`/`false` (empty when unset).
 *
 * Against CSV formula injection, a cell starting with `=`, `+`, `-`, `@`, a tab or
 * CR gets a leading `'`, so spreadsheets show it as text. The emotion column is
 * exempt: it only ever holds a number, and `-2` must stay a number.
 */
export function journeyToCsv(doc: JourneyDocument): string {
  const rows = allSteps(doc).map(({ stage, step }) => {
    const cells: Record<Column, string> = {
      stage_key: stage.key,
      stage_name: stage.name,
      stage_goal: stage.goal ?? '',
      stage_promise: stage.promise ?? '',
      step_key: step.key,
      step_name: step.name,
      channel: step.channel ?? '',
      emotion: typeof step.emotion === 'number' && Number.isFinite(step.emotion) ? String(step.emotion) : '',
      description: step.description ?? '',
      thoughts: step.thoughts ?? '',
      pains: (step.pains ?? []).join('; '),
      backstage: step.backstage ?? '',
      owner: step.owner ?? '',
      moment_of_truth: typeof step.momentOfTruth === 'boolean' ? String(step.momentOfTruth) : '',
      match: step.match === undefined ? '' : JSON.stringify(step.match),
    }
    return JOURNEY_CSV_COLUMNS.map((column) => csvField(column === 'emotion' ? cells[column] : withoutFormula(cells[column])))
  })
  return [JOURNEY_CSV_COLUMNS.map(csvField), ...rows].map((row) => `${row.join(',')}\r\n`).join('')
}

/** A spreadsheet would evaluate a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/

function withoutFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
