import { StringDecoder } from 'node:string_decoder'
import type { Readable } from 'node:stream'
import type { ColumnMapping, ImportItem } from './import-record.ts'
import { type Row, rowConverter, type RowConverter } from './record-fields.ts'

export type JsonlOptions = { mapping?: ColumnMapping }

const MAX_RAW = 2000
/** Longest line read, in characters (as a CSV record's limit): a longer one is rejected unread. */
export const MAX_LINE = 4 * 1024 * 1024

/**
 * Streams JSON lines (one object per line; blank lines skipped) as import
 * items. Nested objects are flattened to `parent.child` columns; arrays are
 * kept as JSON text. A line that is not JSON, or not an object, becomes a
 * rejection with its line number.
 */
export async function* readJsonl(input: Readable, opts: JsonlOptions = {}): AsyncGenerator<ImportItem> {
  const convert = rowConverter(opts.mapping)
  let line = 0
  try {
    for await (const item of lines(input)) {
      line++
      if (item.tooLong) {
        yield { ok: false, rejection: { line, reason: `line is longer than ${MAX_LINE.toLocaleString('en')} characters`, raw: item.text } }
        continue
      }
      const converted = lineItem(item.text, line, convert)
      if (converted) yield converted
    }
  } finally {
    if (!input.readableEnded) input.destroy()
  }
}

/**
 * One line of a JSONL file as an import item, undefined when the line is blank
 * (a BOM opens line 1 only). `convert`: the rows' converter (rowConverter), kept from line to line.
 */
export function lineItem(text: string, line: number, convert: RowConverter): ImportItem | undefined {
  const source = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (source.trim() === '') return undefined
  const raw = source.length > MAX_RAW ? `${source.slice(0, MAX_RAW)}…` : source
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch (e) {
    return { ok: false, rejection: { line, reason: `invalid JSON: ${(e as Error).message}`, raw } }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`
    return { ok: false, rejection: { line, reason: `line is ${kind}, not a JSON object`, raw } }
  }
  return convert(flatten(value as Record<string, unknown>), line, raw)
}

/**
 * The lines of a text stream (LF, CRLF or a lone CR end one, as readline has it), each at most MAX_LINE
 * characters: of a longer one only its start is kept, marked too long, so that no line is held whole in memory.
 */
async function* lines(input: Readable): AsyncGenerator<{ text: string; tooLong: boolean }> {
  const BREAK = /[\r\n]/g // one per stream: its position is state, kept across the yields
  const decoder = new StringDecoder('utf8')
  let partial = ''
  let tooLong = false
  let lastCr = false
  const add = (s: string) => {
    if (tooLong) return
    if (partial.length + s.length > MAX_LINE) {
      partial = (partial + s.slice(0, MAX_RAW)).slice(0, MAX_RAW)
      tooLong = true
    } else partial += s
  }
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer)
    if (text === '') continue
    // The LF of a CRLF whose CR ended the previous chunk.
    let start = lastCr && text.charCodeAt(0) === 10 ? 1 : 0
    lastCr = false
    BREAK.lastIndex = start
    for (let m = BREAK.exec(text); m !== null; m = BREAK.exec(text)) {
      let i = m.index
      const c = text.charCodeAt(i)
      add(text.slice(start, i))
      yield { text: partial, tooLong }
      partial = ''
      tooLong = false
      if (c === 13 && i + 1 === text.length) lastCr = true
      else if (c === 13 && text.charCodeAt(i + 1) === 10) i++
      start = i + 1
      BREAK.lastIndex = start
    }
    if (start < text.length) add(text.slice(start))
  }
  add(decoder.end())
  if (partial !== '' || tooLong) yield { text: partial, tooLong }
}

export function flatten(obj: Record<string, unknown>, prefix = '', into: Row = {}): Row {
  for (const [key, value] of Object.entries(obj)) {
    const name = prefix === '' ? key : `${prefix}.${key}`
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') into[name] = value
    else if (Array.isArray(value)) into[name] = JSON.stringify(value)
    else if (typeof value === 'object') flatten(value as Record<string, unknown>, name, into)
  }
  return into
}
