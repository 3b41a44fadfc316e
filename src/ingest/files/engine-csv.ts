import { open } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import { FEEDBACK_SCALES, type FeedbackKind } from '../../domain/feedback.ts'
import { fileLiteral, type EventStore } from '../../storage/events/event-store.ts'
import { STORABLE_TIME } from '../../storage/events/rows.ts'
import { MAX_ID_LENGTH } from '../segment/normalize-message.ts'
import type { ColumnMapping, ImportField } from './import-record.ts'
import { DEFAULT_MAX_RECORD_SIZE, uniqueNames } from './read-csv.ts'
import { type ColumnPlan, planColumns, planProblem } from './record-fields.ts'

/** How much of the file's start is read for its header; a longer header takes the streaming reader. */
const HEADER_BYTES = 64 * 1024

/**
 * A CSV (or TSV) file read by the engine's own CSV input format (`file()`, with the file's delimiter), for files
 * whose structure the engine and the streaming reader read alike: one header
 * line, every record on one line, UTF-8. The rows the engine can convert
 * exactly as the streaming reader would (plain ISO or epoch times, plain
 * numbers, no padding) are converted in SQL; the others (`slow`) are handed to
 * the streaming reader's own row rules, so every reason and every value is
 * that reader's. Column `n` is the record's 0-based number (its line is n + 2).
 */
export type EngineCsv = {
  plan: ColumnPlan
  header: string[]
  /** `FROM …` of the file's records, with `n` and one String column c0, c1, … per header column. */
  source: string
  /** The file's path as an SQL literal, and its compression as the engine names it. */
  file: string
  compression: 'gzip' | 'none'
  /** SQL over one record: its values in the streaming reader's event fields (see fieldsSql). */
  fields: CsvFields
  params: Record<string, unknown>
}

export type CsvFields = {
  /** True when the engine converts this record exactly as the streaming reader would. */
  fast: string
  /** True when a value holds a line break or bytes that are not UTF-8, or the record may be too long: the streaming reader must read the whole file. */
  broken: string
  caseId: string
  activity: string
  /** Milliseconds since 1970 (of a fast record). */
  tsMs: string
  channel: string
  touchpoint: string
  comment: string
  score: string
  scoreKind: string
  revenue: string
  /** The file's own event id column, when it has one. */
  ownId: string | undefined
  properties: string
}

/**
 * The file as the engine reads it, or undefined when its header cannot be read
 * here (longer than 64 KB, over several lines, not UTF-8) or names no case,
 * activity and time: the streaming reader then reads it and says why.
 */
export async function engineCsv(file: string, gzipped: boolean, mapping: ColumnMapping | undefined, delimiter: string = ','): Promise<EngineCsv | undefined> {
  const start = await fileStart(file, gzipped)
  const end = start.indexOf('\n')
  if (end === -1) return undefined
  const line = start.slice(0, end).replace(/\r$/, '').replace(/^\uFEFF/, '')
  if (line.includes('\r') || line.includes('\uFFFD')) return undefined
  let names: string[]
  try {
    const [record] = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][]
    if (!record) return undefined
    names = record
  } catch {
    return undefined
  }
  const header = uniqueNames(names.map((name) => name.trim()))
  const plan = planColumns(header, mapping)
  if (planProblem(plan) !== undefined) return undefined
  const structure = header.map((_, i) => `c${i} String`).join(', ')
  const compression = gzipped ? 'gzip' : 'none'
  // The engine's CSV format takes no tab between values; its custom format does, with CSV's quoting rules.
  const format = delimiter === ',' ? 'CSVWithNames' : 'CustomSeparatedWithNames'
  const custom = delimiter === ',' ? '' : ` format_custom_escaping_rule = 'CSV', format_custom_field_delimiter = '\\t', format_custom_row_after_delimiter = '\\n',`
  const source = `(SELECT _row_number AS n, * FROM file(${fileLiteral(file)}, '${format}', '${structure}', '${compression}')
    SETTINGS${custom} input_format_with_names_use_header = 0, format_csv_allow_single_quotes = 0, input_format_allow_errors_num = 0,
             input_format_csv_trim_whitespaces = 0, input_format_csv_empty_as_default = 1, input_format_csv_allow_variable_number_of_columns = 0)`
  return { plan, header, source, file: fileLiteral(file), compression, fields: fieldsSql(plan, header), params: { storable_from: STORABLE_TIME.from, storable_until: STORABLE_TIME.until } }
}

/** The first bytes of the file as text (undone from gzip when it is). */
async function fileStart(file: string, gzipped: boolean): Promise<string> {
  const handle = await open(file, 'r')
  try {
    if (!gzipped) {
      const buf = Buffer.alloc(HEADER_BYTES)
      const { bytesRead } = await handle.read(buf, 0, HEADER_BYTES, 0)
      return buf.subarray(0, bytesRead).toString('utf8')
    }
    const chunks: Buffer[] = []
    let size = 0
    const gunzip = handle.createReadStream({ start: 0, highWaterMark: HEADER_BYTES }).pipe(createGunzip())
    try {
      for await (const chunk of gunzip) {
        chunks.push(chunk as Buffer)
        size += (chunk as Buffer).length
        if (size >= HEADER_BYTES) break
      }
    } catch {
      // A damaged gzip file: the streaming reader says where it breaks.
      return ''
    } finally {
      gunzip.destroy()
    }
    return Buffer.concat(chunks).toString('utf8')
  } finally {
    await handle.close()
  }
}

/** Characters String.prototype.trim removes, as an RE2 class: a value starting or ending with one is left to the streaming reader. */
const JS_SPACE = '[\\\\t\\\\n\\\\x{0B}\\\\f\\\\r\\\\p{Z}\\\\x{FEFF}]'
const NUMBER = "'^[+-]?(?:\\\\d+(?:\\\\.\\\\d*)?|\\\\.\\\\d+)(?:[eE][+-]?\\\\d+)?$'"
/** The ISO forms read here: date, optional time to the minute, second or millisecond, `T` or space, optional `Z`. */
const ISO = "'^(\\\\d{4}-\\\\d\\\\d-\\\\d\\\\d)(?:[T ]([01]\\\\d|2[0-3]):([0-5]\\\\d)(?::([0-5]\\\\d)(?:\\\\.(\\\\d{1,3}))?)?)?Z?$'"
const EPOCH = "'^\\\\d{9,15}$'"
/** Epoch values at or above this are milliseconds (as the streaming reader reads them). */
const EPOCH_MS_FROM = 100_000_000_000

function fieldsSql(plan: ColumnPlan, header: string[]): CsvFields {
  const col = (field: ImportField) => {
    const name = plan.fields[field]
    return name === undefined ? undefined : `c${header.indexOf(name)}`
  }
  const all = header.map((_, i) => `c${i}`)
  const ts = col('timestamp')!
  const score = col('score')
  const kind = col('scoreKind')
  const revenue = col('revenue')
  const id = col('id')
  const number = (c: string) => `(${c} = '' OR (match(${c}, ${NUMBER}) AND isFinite(toFloat64OrZero(${c}))))`
  const kindSql = kind ? `lowerUTF8(${kind})` : "''"
  const value = score && `toFloat64OrZero(${score})`
  const kindOf = `if(${kindSql} = '', 'rating', ${kindSql})`
  const scales = (Object.entries(FEEDBACK_SCALES) as Array<[FeedbackKind, (typeof FEEDBACK_SCALES)[FeedbackKind]]>)
    .map(([k, s]) => `${kindOf} = '${k}', ${value} >= ${s.min} AND ${value} <= ${s.max}${s.integer ? ` AND ${value} = floor(${value})` : ''}`)
    .join(', ')
  const scoreOk = score ? `(${score} = '' OR (${number(score)} AND multiIf(${scales}, false)))` : 'true'
  const kindOk = kind ? `(${kind} = '' OR ${kindSql} IN (${Object.keys(FEEDBACK_SCALES).map((k) => `'${k}'`).join(', ')}))` : 'true'
  // Once the form is checked, the parts lie at fixed places: date, hour, minute, second, fraction.
  const part = (from: number, length: number) => `substring(${ts}, ${from}, ${length})`
  const isoDay = part(1, 10)
  // A day that is not on the calendar (2024-02-30) reads back differently; days outside 1900–2299 do not read at all.
  const isoOk = `(match(${ts}, ${ISO}) AND toString(toDate32OrNull(${isoDay})) = ${isoDay})`
  const fraction = `if(substring(${ts}, 20, 1) = '.', toInt64OrZero(rightPad(replaceOne(${part(21, 3)}, 'Z', ''), 3, '0')), 0)`
  const isoMs = `(toInt64(toDate32OrZero(${isoDay})) * 86400000 + toInt64OrZero(${part(12, 2)}) * 3600000 + toInt64OrZero(${part(15, 2)}) * 60000 + toInt64OrZero(replaceOne(${part(18, 2)}, 'Z', '')) * 1000 + ${fraction})`
  const epochMs = `if(toInt64OrZero(${ts}) >= ${EPOCH_MS_FROM}, toInt64OrZero(${ts}), toInt64OrZero(${ts}) * 1000)`
  const tsMs = `if(match(${ts}, ${EPOCH}), ${epochMs}, ${isoMs})`
  const tsOk = `((match(${ts}, ${EPOCH}) AND ${epochMs} >= {storable_from:Int64} AND ${epochMs} < {storable_until:Int64}) OR ${isoOk})`
  const idOk = id ? `(length(${id}) <= ${MAX_ID_LENGTH} AND NOT match(${id}, '[^\\x01-\\x7F]'))` : 'true'
  const padded = `arrayExists(v -> match(v, '^${JS_SPACE}|${JS_SPACE}$'), [${all.join(', ')}])`
  const fast = [`NOT ${padded}`, `${col('case')} != ''`, `${col('activity')} != ''`, tsOk, scoreOk, kindOk, revenue ? number(revenue) : 'true', idOk].join(' AND ')
  const properties = plan.properties.map((name) => `'${name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}', c${header.indexOf(name)}`)
  const text = (field: ImportField) => col(field) ?? "''"
  return {
    fast,
    // …or a record the streaming reader may find too long (its raw text: at most twice its values, quotes doubled, plus 3 a field).
    broken: `arrayExists(v -> match(v, '[\\\\r\\\\n]') OR NOT isValidUTF8(v), [${all.join(', ')}]) OR 2 * (${all.map((c) => `length(${c})`).join(' + ')}) + ${3 * all.length} > ${DEFAULT_MAX_RECORD_SIZE}`,
    caseId: col('case')!,
    activity: col('activity')!,
    tsMs,
    channel: col('channel') ? `if(${col('channel')} = '', 'other', ${col('channel')})` : "'other'",
    touchpoint: text('touchpoint'),
    comment: text('comment'),
    score: score ? `if(${score} = '', NULL, toFloat64OrNull(${score}))` : 'CAST(NULL, \'Nullable(Float64)\')',
    scoreKind: score ? `if(${score} = '', '', if(${kindSql} = '', 'rating', ${kindSql}))` : "''",
    revenue: revenue ? `if(${revenue} = '', NULL, toFloat64OrNull(${revenue}))` : 'CAST(NULL, \'Nullable(Float64)\')',
    ownId: id,
    properties: properties.length ? `mapFilter((k, v) -> v != '', map(${properties.join(', ')}))` : 'map()',
  }
}

/** The engine reads a file it is given by path: only the in-process engine shares this machine's files. */
export const readsFilesItself = (store: EventStore) => store.engine === 'chdb'
