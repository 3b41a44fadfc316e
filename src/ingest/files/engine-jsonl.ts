import { fileLiteral } from '../../storage/events/event-store.ts'
import type { ColumnMapping, ImportField } from './import-record.ts'
import { ENGINE_PARAMS, type EngineFile, fieldsSql, fileStart } from './engine-file.ts'
import { flatten, lineItem, MAX_LINE } from './read-jsonl.ts'
import { type ColumnPlan, planColumns, planProblem, rowConverter } from './record-fields.ts'

/** Above this share of lines left to the streaming reader's rules (other keys, nested values, …), it reads the whole file. */
const MAX_SLOW_SHARE = 0.2
/**
 * A JSON number whose text JavaScript writes back as the engine does (String(n)): an integer of up to 15 digits, or a
 * plain decimal of up to 15 digits with no trailing zero and at most 6 after the point (JavaScript writes smaller ones
 * with an exponent). The engine's text of a number is its own shortest form (1.50 reads back as 1.5).
 */
const PLAIN_NUMBER = `(match(v, '^(?:0|-?[1-9][0-9]*)$|^-?(?:0|[1-9][0-9]*)\\\\.[0-9]{0,5}[1-9]$') AND length(replaceRegexpAll(v, '[-.]', '')) <= 15)`
/** A JSON value the streaming reader keeps as text: a string, true, false, null (no value) or a plain number. */
const SCALAR = `(startsWith(v, '"') OR v IN ('true', 'false', 'null') OR ${PLAIN_NUMBER})`

/**
 * A JSONL file read by the engine (`LineAsString`, each line's JSON parsed in
 * SQL). The shapes (key lists) of the objects in its first 64 KB are read in
 * SQL when the file's plan reads them as their own plan would: a line of one
 * of those shapes, every value a string, a boolean, null or a plain number, no
 * \u escape of a UTF-16 surrogate (kept as the streaming reader's JSON keeps
 * it), is converted in SQL; any other line (another shape, nested values, not
 * JSON, not an object, …) goes through the streaming reader's own rules.
 * Undefined when no object starts the file or its keys name no case, activity
 * and time: the streaming reader then reads the file and says why. A file with a lone CR, bytes that are not UTF-8 or a line the streaming
 * reader finds too long is left to it whole (see `broken`), as is one where
 * more than a fifth of the lines need its rules.
 */
export async function engineJsonl(file: string, gzipped: boolean, mapping: ColumnMapping | undefined): Promise<EngineFile | undefined> {
  const found = objectShapes(await fileStart(file, gzipped))
  // Every key of those shapes, in order of first appearance: a line's value of a key it lacks is '' (as in a CSV column).
  const keys = [...new Set(found.flat())]
  const plan = planColumns(keys, mapping)
  if (found.length === 0 || planProblem(plan) !== undefined) return undefined
  const shapes = found.filter((shape) => samePlan(planColumns(shape, mapping), plan, shape))
  const compression = gzipped ? 'gzip' : 'none'
  // A value's text as the streaming reader takes it: a string undone from JSON, null as nothing, any other scalar as written.
  const values = keys.map((_, i) => `arrayFirst(x -> x.1 = {jsonl_keys:Array(String)}[${i + 1}], kv).2 AS v${i}, multiIf(startsWith(v${i}, '"'), JSONExtractString(v${i}), v${i} = 'null', '', v${i}) AS c${i}`)
  const source = `(SELECT n, line, kv, ${values.join(', ')}
    FROM (SELECT _row_number AS n, if(endsWith(text, '\\r'), substring(text, 1, length(text) - 1), text) AS line, JSONExtractKeysAndValuesRaw(line) AS kv
          FROM file(${fileLiteral(file)}, 'LineAsString', 'text String', '${compression}'))
    WHERE line != '')`
  const fields = fieldsSql(plan, keys)
  const lineOk = [
    "NOT startsWith(line, '\\xEF\\xBB\\xBF')",
    'isValidJSON(line)',
    "NOT match(line, '\\\\\\\\u[dD][89a-fA-F]')",
    'has({jsonl_shapes:Array(Array(String))}, arrayMap(x -> x.1, kv))',
    `arrayAll(v -> ${SCALAR}, arrayMap(x -> x.2, kv))`,
  ]
  const convert = rowConverter(mapping)
  return {
    plan,
    header: keys,
    source,
    file: fileLiteral(file),
    compression,
    firstLine: 1,
    maxSlowShare: MAX_SLOW_SHARE,
    fields: { ...fields, fast: `${lineOk.join(' AND ')} AND ${fields.fast}` },
    broken: `position(line, '\\r') > 0 OR NOT isValidUTF8(line) OR length(line) > ${MAX_LINE}`,
    slowRecords: (fast) => `SELECT n, line FROM ${source} WHERE NOT (${fast}) ORDER BY n`,
    toItem: (r) => lineItem(String(r.line), Number(r.n) + 1, convert),
    params: { ...ENGINE_PARAMS, jsonl_keys: keys, jsonl_shapes: shapes },
  }
}

/** How many shapes (lists of keys) of the file's first lines are read in SQL; lines of any other go through the streaming reader's rules. */
const MAX_SHAPES = 16

/** The key lists of the JSON objects among the text's whole lines, as the streaming reader sees them, in order of first appearance. */
function objectShapes(start: string): string[][] {
  const lines = start.replace(/^\uFEFF/, '').split('\n')
  lines.pop() // cut short by the 64 KB read, or empty
  const shapes = new Map<string, string[]>()
  for (const line of lines) {
    if (shapes.size >= MAX_SHAPES) break
    try {
      const value: unknown = JSON.parse(line)
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue
      const keys = Object.keys(flatten(value as Record<string, unknown>))
      shapes.set(keys.join('\u0000'), keys)
    } catch {
      // Not JSON: the streaming reader says so, for this line.
    }
  }
  return [...shapes.values()]
}

/**
 * Whether a line of `keys` is read by the file's plan as by its own (the streaming reader plans each shape): the same
 * column for each field it has, the same properties in the same order.
 */
function samePlan(own: ColumnPlan, plan: ColumnPlan, keys: string[]): boolean {
  const fields = Object.keys({ ...own.fields, ...plan.fields }) as ImportField[]
  const has = (column: string | undefined) => (column !== undefined && keys.includes(column) ? column : undefined)
  const properties = plan.properties.filter((p) => keys.includes(p))
  return fields.every((f) => own.fields[f] === has(plan.fields[f])) && own.properties.length === properties.length && own.properties.every((p, i) => p === properties[i])
}
