import { open } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import { FEEDBACK_SCALES, type FeedbackKind } from '../../domain/feedback.ts'
import type { EventStore } from '../../storage/events/event-store.ts'
import { STORABLE_TIME } from '../../storage/events/rows.ts'
import { MAX_ID_LENGTH } from '../segment/normalize-message.ts'
import type { ImportField, ImportItem } from './import-record.ts'
import type { ColumnPlan } from './record-fields.ts'

/**
 * A file read by the engine's own input formats (`file()`), for files whose
 * structure the engine and the streaming reader read alike. Each record's
 * values are text in columns c0, c1, …; the records the engine can convert
 * exactly as the streaming reader would (plain ISO or epoch times, plain
 * numbers, no padding) are converted in SQL (`fields`); the others (`slow`)
 * are handed to the streaming reader's own rules, so every reason and every
 * value is that reader's. Column `n` is the record's 0-based number; its line
 * is n + `firstLine`.
 */
export type EngineFile = {
  plan: ColumnPlan
  header: string[]
  /** `FROM …` of the file's records, with `n` and one String column c0, c1, … per header column. */
  source: string
  /** The file's path as an SQL literal, and its compression as the engine names it. */
  file: string
  compression: 'gzip' | 'none'
  /** The line of record 0 (a CSV file's header is line 1). */
  firstLine: number
  /** SQL over one record: its values in the streaming reader's event fields (see fieldsSql). */
  fields: EngineFields
  /** True when the file holds something the engine would read differently (a line break in a value, bytes that are not UTF-8, …): the streaming reader must read all of it. */
  broken: string
  /** The records that are not `fast`, in file order: `n` and the columns toItem reads. */
  slowRecords(fast: string): string
  /** Above this share of slow records the streaming reader reads the whole file (they would all be held here at once). */
  maxSlowShare: number
  /** A slow record through the streaming reader's rules (undefined: a line that reader skips). */
  toItem(row: Record<string, unknown>): ImportItem | undefined
  params: Record<string, unknown>
}

/** The parameters of every engine file's SQL. */
export const ENGINE_PARAMS = { storable_from: STORABLE_TIME.from, storable_until: STORABLE_TIME.until }

/** How much of the file's start is read for its header (CSV) or first line (JSONL); a longer one takes the streaming reader. */
const HEADER_BYTES = 64 * 1024

export type EngineFields = {
  /** True when the engine converts this record exactly as the streaming reader would. */
  fast: string
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

/** Characters String.prototype.trim removes, as an RE2 class: a value starting or ending with one is left to the streaming reader. */
const JS_SPACE = '[\\\\t\\\\n\\\\x{0B}\\\\f\\\\r\\\\p{Z}\\\\x{FEFF}]'
const NUMBER = "'^[+-]?(?:\\\\d+(?:\\\\.\\\\d*)?|\\\\.\\\\d+)(?:[eE][+-]?\\\\d+)?$'"
/** The ISO forms read here: date, optional time to the minute, second or millisecond, `T` or space, optional `Z`. */
const ISO = "'^(\\\\d{4}-\\\\d\\\\d-\\\\d\\\\d)(?:[T ]([01]\\\\d|2[0-3]):([0-5]\\\\d)(?::([0-5]\\\\d)(?:\\\\.(\\\\d{1,3}))?)?)?Z?$'"
const EPOCH = "'^\\\\d{9,15}$'"
/** Epoch values at or above this are milliseconds (as the streaming reader reads them). */
const EPOCH_MS_FROM = 100_000_000_000

/**
 * The event fields of a record whose values are text in columns c0, c1, … (one per name of `header`), as the
 * streaming reader's row rules make them (rowToItem), and the condition under which they are exactly those.
 */
export function fieldsSql(plan: ColumnPlan, header: string[]): EngineFields {
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

/** The first bytes of the file as text (undone from gzip when it is). */
export async function fileStart(file: string, gzipped: boolean): Promise<string> {
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

/** The engine reads a file it is given by path: only the in-process engine shares this machine's files. */
export const readsFilesItself = (store: EventStore) => store.engine === 'chdb'
