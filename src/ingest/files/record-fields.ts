import { daysInMonth } from '../../domain/calendar.ts'
import { FEEDBACK_KINDS } from '../../domain/feedback.ts'
import { isStorableTime } from '../../storage/events/rows.ts'
import { MAX_ID_LENGTH } from '../segment/normalize-message.ts'
import type { ColumnMapping, ImportField, ImportItem, ImportRecord } from './import-record.ts'

/** One input row as a reader sees it: column (or attribute) name → value. */
export type RowValue = string | number | boolean | null | undefined
export type Row = Record<string, RowValue>

/**
 * Column names recognised without any flag, lower-case, in order of preference
 * (when a file has two of them, the first one found here wins and the other
 * stays a property).
 */
export const KNOWN_COLUMNS: Record<ImportField, readonly string[]> = {
  case: ['case_id', 'case', 'customer_id', 'user_id', 'case:concept:name'],
  activity: ['activity', 'event', 'concept:name'],
  timestamp: ['timestamp', 'time', 'time:timestamp'],
  channel: ['channel', 'case:channel'],
  score: ['score'],
  scoreKind: ['score_kind'],
  touchpoint: ['touchpoint'],
  comment: ['comment'],
  revenue: ['revenue'],
  /** The names a collector export gives the message id (Segment's `messageId`). */
  id: ['event_id', 'message_id', 'messageid'],
}

const FIELD_LABEL: Record<ImportField, string> = {
  case: 'case id',
  activity: 'activity',
  timestamp: 'timestamp',
  channel: 'channel',
  score: 'score',
  scoreKind: 'score kind',
  touchpoint: 'touchpoint',
  comment: 'comment',
  revenue: 'revenue',
  id: 'event id',
}

const FIELDS = Object.keys(KNOWN_COLUMNS) as ImportField[]
const REQUIRED: readonly ImportField[] = ['case', 'activity', 'timestamp']

/** Which column feeds which field, for one set of column names. */
export type ColumnPlan = {
  fields: Partial<Record<ImportField, string>>
  /** Columns that become properties (every column not used by a field). */
  properties: string[]
  /** Why a required field, or a mapped column, cannot be found: one message per field. */
  missing: Partial<Record<ImportField, string>>
}

/**
 * Resolves the columns of a file (or of one JSON line / XES event) to the
 * standard fields. Names match case-insensitively; a mapping entry replaces
 * the built-in names for its field (an exact match is preferred over a
 * case-insensitive one).
 */
export function planColumns(columns: readonly string[], mapping: ColumnMapping = {}): ColumnPlan {
  const byLower = new Map<string, string>()
  for (const c of columns) {
    const lower = c.toLowerCase()
    if (!byLower.has(lower)) byLower.set(lower, c)
  }
  const used = new Set<string>()
  const fields: ColumnPlan['fields'] = {}
  const missing: ColumnPlan['missing'] = {}
  for (const field of FIELDS) {
    const mapped = mapping[field]
    if (mapped !== undefined && mapped !== '') {
      const column = columns.includes(mapped) ? mapped : byLower.get(mapped.toLowerCase())
      if (column === undefined || used.has(column)) missing[field] = `no column "${mapped}" (mapped to ${FIELD_LABEL[field]})`
      else {
        fields[field] = column
        used.add(column)
      }
      continue
    }
    const column = KNOWN_COLUMNS[field].map((name) => byLower.get(name)).find((c) => c !== undefined && !used.has(c))
    if (column !== undefined) {
      fields[field] = column
      used.add(column)
    } else if (REQUIRED.includes(field)) {
      missing[field] = `no ${FIELD_LABEL[field]} column (expected one of ${KNOWN_COLUMNS[field].join(', ')})`
    }
  }
  return { fields, properties: columns.filter((c) => !used.has(c)), missing }
}

/** The problems of a plan as one sentence, or undefined when every required field has a column. */
export function planProblem(plan: ColumnPlan): string | undefined {
  const problems = Object.values(plan.missing)
  return problems.length > 0 ? problems.join('; ') : undefined
}

export type RowConverter = (row: Row, line: number, raw: string) => ImportItem

/**
 * A converter for rows whose column names can change from row to row (JSON
 * lines, XES events): plans are cached per set of names, so repeated shapes
 * cost one lookup.
 */
export function rowConverter(mapping: ColumnMapping = {}): RowConverter {
  const plans = new Map<string, ColumnPlan>()
  return (row, line, raw) => {
    const columns = Object.keys(row)
    const signature = columns.join('\u0000')
    let plan = plans.get(signature)
    if (plan === undefined) {
      if (plans.size >= 1000) plans.clear()
      plan = planColumns(columns, mapping)
      plans.set(signature, plan)
    }
    return rowToItem(row, line, raw, plan)
  }
}

/** Turns one row into a record, or into a rejection naming the column and the value at fault. */
export function rowToItem(row: Row, line: number, raw: string, plan: ColumnPlan): ImportItem {
  const reason = recordOrReason(row, line, plan)
  if (typeof reason !== 'string') return { ok: true, record: reason }
  const customerId = plan.fields.case === undefined ? undefined : text(row[plan.fields.case])
  return { ok: false, rejection: { line, reason, raw, ...(customerId ? { customerId } : {}) } }
}

function recordOrReason(row: Row, line: number, plan: ColumnPlan): ImportRecord | string {
  const { fields } = plan

  const caseId = text(fields.case === undefined ? undefined : row[fields.case])
  if (caseId === undefined) return `missing case id: ${plan.missing.case ?? `column "${fields.case}" is empty`}`
  const activity = text(fields.activity === undefined ? undefined : row[fields.activity])
  if (activity === undefined) return `missing activity: ${plan.missing.activity ?? `column "${fields.activity}" is empty`}`
  const tsColumn = fields.timestamp
  const tsValue = tsColumn === undefined ? undefined : row[tsColumn]
  if (tsColumn === undefined || isBlank(tsValue)) return `missing timestamp: ${plan.missing.timestamp ?? `column "${tsColumn}" is empty`}`
  const timestamp = parseTimestamp(tsValue)
  if (timestamp === undefined) return `${tsColumn} ${quote(tsValue)} is not a date`
  if (!isStorableTime(timestamp.getTime())) return `${tsColumn} ${quote(tsValue)} is outside the dates the event store holds (1900–2299)`

  const record: ImportRecord = { line, caseId, activity, timestamp, properties: {} }

  if (fields.channel !== undefined) {
    const v = text(row[fields.channel])
    if (v !== undefined) record.channel = v
  }
  if (fields.touchpoint !== undefined) {
    const v = text(row[fields.touchpoint])
    if (v !== undefined) record.touchpoint = v
  }
  if (fields.comment !== undefined) {
    const v = text(row[fields.comment])
    if (v !== undefined) record.comment = v
  }
  if (fields.score !== undefined && !isBlank(row[fields.score])) {
    const v = parseNumber(row[fields.score])
    if (v === undefined) return `${fields.score} ${quote(row[fields.score])} is not a number`
    record.score = v
  }
  if (fields.revenue !== undefined && !isBlank(row[fields.revenue])) {
    const v = parseNumber(row[fields.revenue])
    if (v === undefined) return `${fields.revenue} ${quote(row[fields.revenue])} is not a number`
    record.revenue = v
  }
  if (fields.scoreKind !== undefined) {
    const v = text(row[fields.scoreKind])?.toLowerCase()
    if (v !== undefined) {
      if (!(FEEDBACK_KINDS as readonly string[]).includes(v)) {
        return `${fields.scoreKind} ${quote(row[fields.scoreKind])} is not one of ${FEEDBACK_KINDS.join(', ')}`
      }
      record.scoreKind = v
    }
  }

  if (fields.id !== undefined) {
    // Cut as the collector cuts a messageId, so a file exported from it and the collector agree on ids.
    const v = text(row[fields.id])
    if (v !== undefined) record.id = v.slice(0, MAX_ID_LENGTH)
  }

  for (const column of plan.properties) {
    const v = text(row[column])
    if (v !== undefined) record.properties[column] = v
  }
  return record
}

/** A value as trimmed text; undefined when absent or empty. */
function text(value: RowValue): string | undefined {
  if (value === null || value === undefined) return undefined
  const s = (typeof value === 'string' ? value : String(value)).trim()
  return s === '' ? undefined : s
}

function isBlank(value: RowValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

function quote(value: RowValue): string {
  const s = typeof value === 'string' ? value.trim() : String(value)
  return JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}…` : s)
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/** A finite number from a JSON number or a plain decimal string ("4", "-1.5", "2e3"); no hex, no empty string. */
export function parseNumber(value: RowValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const s = value.trim()
  if (!NUMBER.test(s)) return undefined
  const n = Number(s)
  return Number.isFinite(n) ? n : undefined
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/
const EPOCH = /^\d{9,}(?:\.\d+)?$/
/** Epoch values at or above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_MS_FROM = 1e11
const MAX_DATE_MS = 8.64e15

/**
 * Parses an ISO 8601 date-time (`T` or space, optional seconds and fraction,
 * `Z` / `±hh:mm` / `±hhmm` / `±hh` or no offset, which means UTC) or epoch
 * seconds / milliseconds (a number, or a string of at least 9 digits).
 * Parsed explicitly: the JS Date parser would read offset-less values as local time.
 */
export function parseTimestamp(value: RowValue): Date | undefined {
  if (typeof value === 'number') return fromEpoch(value)
  if (typeof value !== 'string') return undefined
  const s = value.trim()
  const m = ISO.exec(s)
  if (m === null) return EPOCH.test(s) ? fromEpoch(Number(s)) : undefined
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', , sign, oh, om = '0'] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(sec)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const ms = frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'))
  let offsetMinutes = 0
  if (sign !== undefined) {
    const offH = Number(oh)
    const offM = Number(om)
    if (offH > 23 || offM > 59) return undefined
    offsetMinutes = (sign === '-' ? -1 : 1) * (offH * 60 + offM)
  }
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, ms)
  const time = date.getTime() - offsetMinutes * 60_000
  return Number.isFinite(time) && Math.abs(time) <= MAX_DATE_MS ? new Date(time) : undefined
}

function fromEpoch(n: number): Date | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined
  const ms = n >= EPOCH_MS_FROM ? n : n * 1000
  return ms <= MAX_DATE_MS ? new Date(Math.round(ms)) : undefined
}
