import { fileLiteral } from '../../storage/events/event-store.ts'
import type { ColumnMapping } from './import-record.ts'
import { ENGINE_PARAMS, type EngineFile, fieldsSql, fileStart } from './engine-file.ts'
import { flatten, lineItem, MAX_LINE } from './read-jsonl.ts'
import { planColumns, planProblem, rowConverter } from './record-fields.ts'

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
 * SQL), when its lines share the keys of its first object: a line with those
 * keys in that order, every value a string, a boolean, null or a plain number,
 * no \u escape of a UTF-16 surrogate (the streaming reader's JSON keeps a lone
 * one), is converted in SQL; any other line (other or nested keys, not JSON,
 * not an object, …) goes through the streaming reader's own rules. Undefined
 * when the first object line is not within the file's first 64 KB or names no
 * case, activity and time: the streaming reader then reads the file and says
 * why. A file with a lone CR, bytes that are not UTF-8 or a line the streaming
 * reader finds too long is left to it whole (see `broken`), as is one where
 * more than a fifth of the lines need its rules.
 */
export async function engineJsonl(file: string, gzipped: boolean, mapping: ColumnMapping | undefined): Promise<EngineFile | undefined> {
  const keys = firstObjectKeys(await fileStart(file, gzipped))
  if (!keys) return undefined
  const plan = planColumns(keys, mapping)
  if (planProblem(plan) !== undefined) return undefined
  const compression = gzipped ? 'gzip' : 'none'
  // A value's text as the streaming reader takes it: a string undone from JSON, null as nothing, any other scalar as written.
  const values = keys.map((_, i) => `multiIf(startsWith(kv[${i + 1}].2, '"'), JSONExtractString(kv[${i + 1}].2), kv[${i + 1}].2 = 'null', '', kv[${i + 1}].2) AS c${i}`)
  const source = `(SELECT n, line, kv, ${values.join(', ')}
    FROM (SELECT _row_number AS n, if(endsWith(text, '\\r'), substring(text, 1, length(text) - 1), text) AS line, JSONExtractKeysAndValuesRaw(line) AS kv
          FROM file(${fileLiteral(file)}, 'LineAsString', 'text String', '${compression}'))
    WHERE line != '')`
  const fields = fieldsSql(plan, keys)
  const lineOk = [
    "NOT startsWith(line, '\\xEF\\xBB\\xBF')",
    'isValidJSON(line)',
    "NOT match(line, '\\\\\\\\u[dD][89a-fA-F]')",
    `arrayMap(x -> x.1, kv) = {jsonl_keys:Array(String)}`,
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
    params: { ...ENGINE_PARAMS, jsonl_keys: keys },
  }
}

/** The keys of the first line that is a JSON object, as the streaming reader sees them; undefined when no such line starts the text. */
function firstObjectKeys(start: string): string[] | undefined {
  const lines = start.replace(/^\uFEFF/, '').split('\n')
  lines.pop() // cut short by the 64 KB read, or empty
  for (const line of lines) {
    if (line.trim() === '') continue
    try {
      const value: unknown = JSON.parse(line)
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
      return Object.keys(flatten(value as Record<string, unknown>))
    } catch {
      return undefined
    }
  }
  return undefined
}
