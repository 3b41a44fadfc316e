import type { Readable } from 'node:stream'
import { type CsvError, Parser } from 'csv-parse'
import type { ColumnMapping, ImportItem } from './import-record.ts'
import { type ColumnPlan, planColumns, planProblem, type Row, rowToItem } from './record-fields.ts'

export type CsvOptions = {
  mapping?: ColumnMapping
  /** Longest record accepted, in characters; beyond it the file is treated as broken (usually a quote never closed). */
  maxRecordSize?: number
  /** The character between values: `,` (CSV, the default) or a tab (TSV). */
  delimiter?: string
}

export const DEFAULT_MAX_RECORD_SIZE = 4 * 1024 * 1024
const MAX_RAW = 2000
const LF = 10
const CR = 13

type ParsedRecord = { record: string[]; raw: string }

/**
 * A csv-parse parser whose records go straight to a callback instead of the
 * stream's buffer: a parse error destroys the stream, and the records
 * buffered before it would be lost with it.
 */
class RecordParser extends Parser {
  constructor(
    options: ConstructorParameters<typeof Parser>[0],
    private readonly sink: (record: ParsedRecord) => void,
  ) {
    super(options)
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding)
    this.sink(chunk as ParsedRecord)
    return true
  }
}

/**
 * Streams a CSV file (first row = header) as import items (a TSV file too, with a tab as the delimiter). A row whose field
 * count differs from the header's, or whose values do not make a record,
 * becomes a rejection and reading goes on; a syntax error the parser cannot
 * recover from (a quote never closed) ends the stream with one rejection for
 * the line where the broken record starts. `line` is the physical line on
 * which a record starts, so records after a multi-line field keep true line
 * numbers.
 */
export async function* readCsv(input: Readable, opts: CsvOptions = {}): AsyncGenerator<ImportItem> {
  const delimiter = opts.delimiter ?? ','
  let pending: ImportItem[] = []
  let header: string[] | undefined
  let plan: ColumnPlan | undefined
  let stopped = false
  /** Line breaks in everything the parser has turned into records so far. */
  let lineBreaksBefore = 0

  const onRecord = ({ record, raw }: ParsedRecord): void => {
    if (stopped) return
    const [lead, skip] = leadingLineBreaks(raw)
    const line = lineBreaksBefore + lead + 1
    lineBreaksBefore += countLineBreaks(raw)
    const rawText = cleanRaw(raw, skip)
    if (header === undefined) {
      header = uniqueNames(record.map((name) => name.trim()))
      plan = planColumns(header, opts.mapping)
      const problem = planProblem(plan)
      if (problem !== undefined) {
        const separator = header.length === 1 ? [';', '\t', '|', ','].find((c) => c !== delimiter && header?.[0]?.includes(c)) : undefined
        const hint = separator === undefined ? '' : ` (the header is a single column: is the file separated by ${JSON.stringify(separator)} rather than ${delimiter === ',' ? 'commas' : 'tabs'}?)`
        pending.push({ ok: false, rejection: { line, reason: `header: ${problem}${hint}; no row can be read`, raw: rawText } })
        stopped = true
      }
      return
    }
    if (record.length !== header.length) {
      pending.push({
        ok: false,
        rejection: { line, reason: `row has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${header.length}`, raw: rawText },
      })
      return
    }
    const row: Row = {}
    for (let i = 0; i < header.length; i++) row[header[i] as string] = record[i]
    pending.push(rowToItem(row, line, rawText, plan as ColumnPlan))
  }

  // Line numbers come from counting the line breaks of each record's raw text:
  // csv-parse's info.lines is the line where a record ends, and asking for it
  // (info: true) builds an info object per record, a third of the parse time.
  const parser = new RecordParser(
    {
      bom: true,
      delimiter,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: opts.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE,
    },
    onRecord,
  )
  parser.on('error', () => {}) // reported through the write / end callbacks
  parser.resume()

  const fatal = (err: Error): ImportItem => {
    const e = err as CsvError & { raw?: string }
    const raw = typeof e.raw === 'string' ? e.raw : ''
    const [lead, skip] = leadingLineBreaks(raw)
    const line = lineBreaksBefore + lead + 1
    const what =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `a quoted field opened in the record starting on line ${line} is never closed`
        : e.code === 'CSV_MAX_RECORD_SIZE'
          ? `the record starting on line ${line} is longer than ${opts.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE} characters (a quote never closed?)`
          : `CSV syntax error in the record starting on line ${line}: ${e.message}`
    return { ok: false, rejection: { line, reason: `${what}; the rest of the file was not read`, raw: firstLine(raw.slice(skip)) } }
  }

  try {
    for await (const chunk of input) {
      const err = await write(parser, chunk as Buffer | string)
      if (pending.length > 0) {
        const items = pending
        pending = []
        yield* items
      }
      if (stopped) return
      if (err) {
        yield fatal(err)
        return
      }
    }
    const err = await end(parser)
    yield* pending
    pending = []
    if (err && !stopped) yield fatal(err)
  } finally {
    parser.destroy()
  }
}

function write(parser: Parser, chunk: Buffer | string): Promise<Error | undefined> {
  return new Promise((resolve) => {
    parser.write(chunk, (err) => resolve(err ?? undefined))
  })
}

function end(parser: Parser): Promise<Error | undefined> {
  return new Promise((resolve) => {
    let settled = false
    const done = (err?: Error | null) => {
      if (settled) return
      settled = true
      resolve(err ?? undefined)
    }
    parser.once('error', done)
    parser.end(() => done())
  })
}

/**
 * Line breaks in a record's raw text: CRLF, LF or a lone CR each count once.
 * (csv-parse keeps only the first character of the record delimiter, so a
 * CRLF record ends in a lone CR, while line breaks inside quoted fields are
 * kept whole.)
 */
function countLineBreaks(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === LF) n++
    else if (c === CR) {
      n++
      if (s.charCodeAt(i + 1) === LF) i++
    }
  }
  return n
}

/** The blank lines the parser skipped before a record, which start its raw text: [line breaks, characters]. */
function leadingLineBreaks(raw: string): [number, number] {
  let n = 0
  let i = 0
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c === LF) n++
    else if (c === CR) {
      n++
      if (raw.charCodeAt(i + 1) === LF) i++
    } else break
  }
  return [n, i]
}

/** The raw text of a record for quarantine: no skipped blank lines before it, no line break after it. */
function cleanRaw(raw: string, skip: number): string {
  return clippedRaw(raw.slice(skip).replace(/(?:\r\n|\r|\n)$/, ''))
}

/** A record's text as the quarantine keeps it: at most 2,000 characters. */
export function clippedRaw(s: string): string {
  return s.length > MAX_RAW ? `${s.slice(0, MAX_RAW)}…` : s
}

function firstLine(s: string): string {
  const line = s.split(/\r\n|\r|\n/, 1)[0] ?? ''
  return line.length > MAX_RAW ? `${line.slice(0, MAX_RAW)}…` : line
}

/** Empty header names become column_N; repeated names get _2, _3, … so no value is lost. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>()
  return names.map((name, i) => {
    let candidate = name === '' ? `column_${i + 1}` : name
    for (let n = 2; seen.has(candidate); n++) candidate = `${name === '' ? `column_${i + 1}` : name}_${n}`
    seen.add(candidate)
    return candidate
  })
}
