import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { ColumnMapping, ImportItem } from './import-record.ts'
import { type Row, rowConverter } from './record-fields.ts'

export type XesOptions = { mapping?: ColumnMapping }

/** XES attribute elements; list and container only hold other attributes. */
const VALUE_TYPES = new Set(['string', 'date', 'int', 'float', 'boolean', 'id'])
const NESTING_TYPES = new Set(['list', 'container'])
const CASE_KEY = 'case:concept:name'
const MAX_RAW = 2000
/** Most characters between two tags (text, or one tag's attributes), as a CSV record's limit: beyond it the file is not XES. */
const MAX_GAP = 4 * 1024 * 1024

type Frame = { kind: 'trace' | 'event' | 'attribute' | 'other'; path?: string }

/**
 * Streams an IEEE 1849 XES log as import items: one record per `<event>`.
 * The trace's `concept:name` is the case id, the event's `concept:name` the
 * activity and its `time:timestamp` the timestamp. Other attributes become
 * properties under the names a CSV export uses: `org:` is dropped
 * (`org:resource` → `resource`) and `lifecycle:transition` is `lifecycle`.
 * Trace attributes are copied to each of the trace's events unless the event
 * has its own value; nested attributes are flattened to `parent.child`.
 * Log-level attributes and `<global>` defaults are ignored. `line` is the line
 * of the `<event>` start tag. A malformed document ends the stream with one
 * rejection for the line where the XML error is.
 */
export async function* readXes(input: Readable, opts: XesOptions = {}): AsyncGenerator<ImportItem> {
  const mapping: ColumnMapping = { case: CASE_KEY, activity: 'concept:name', timestamp: 'time:timestamp', ...opts.mapping }
  const convert = rowConverter(mapping)
  const parser = new SaxesParser({ position: true, xmlns: false })
  let pending: ImportItem[] = []

  const stack: Frame[] = []
  /** Depth inside an element whose content is skipped (<global>, log attributes, unknown elements). */
  let skipDepth = 0
  let startLine = 1
  let trace: { attrs: Record<string, string> } | undefined
  let event: { line: number; attrs: Record<string, string>; trace: typeof trace } | undefined

  const reject = (line: number, reason: string, raw: string) => pending.push({ ok: false, rejection: { line, reason, raw } })

  /** Where the last tag started or ended: the parser holds everything after it in memory. */
  let mark = { position: 0, line: 1 }
  /** The reading ended: a fault (the rest of the file is not read, though the parser may still be emitting the chunk). */
  let failed: ImportItem | undefined
  const tooLong = (line: number): ImportItem => ({ ok: false, rejection: { line, reason: `more than ${MAX_GAP.toLocaleString('en')} characters without a tag from line ${line} (an attribute or text too long, or not an XES log); the rest of the file was not read`, raw: '' } })
  /** Marks a tag's start or end, unless the stretch since the last mark is too long: a tag (its attributes) or text longer than MAX_GAP ends the file there. */
  const setMark = (): boolean => {
    if (failed !== undefined) return false
    if (parser.position - mark.position > MAX_GAP) {
      failed = tooLong(mark.line)
      return false
    }
    mark = { position: parser.position, line: parser.line }
    return true
  }

  parser.on('opentagstart', () => {
    startLine = parser.line
    setMark()
  })

  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (!setMark()) return
    if (skipDepth > 0) {
      skipDepth++
      return
    }
    const name = localName(tag.name)
    const top = stack[stack.length - 1]
    if (name === 'trace' && event === undefined) {
      trace = { attrs: {} }
      stack.push({ kind: 'trace' })
    } else if (name === 'event' && event === undefined) {
      event = { line: startLine, attrs: {}, trace }
      stack.push({ kind: 'event' })
    } else if (VALUE_TYPES.has(name) || NESTING_TYPES.has(name)) {
      const owner = event?.attrs ?? trace?.attrs
      const key = tag.attributes.key
      if (owner === undefined || key === undefined || key === '') {
        skipDepth = 1
        return
      }
      const parent = top?.kind === 'attribute' ? top.path : undefined
      const path = parent === undefined ? propertyName(key) : `${parent}.${key}`
      const value = tag.attributes.value
      if (VALUE_TYPES.has(name) && value !== undefined) owner[path] = value
      stack.push({ kind: 'attribute', path })
    } else if (name === 'values' && top?.kind === 'attribute') {
      // OpenXES lists: <list key="k"><values>…</values></list>; items keep the list's path.
      stack.push(top)
    } else if (name === 'log' && stack.length === 0) {
      stack.push({ kind: 'other' })
    } else {
      skipDepth = 1
    }
  })

  parser.on('closetag', () => {
    if (!setMark()) return
    if (skipDepth > 0) {
      skipDepth--
      return
    }
    const frame = stack.pop()
    if (frame?.kind === 'trace') trace = undefined
    else if (frame?.kind === 'event' && event !== undefined) {
      const done = event
      event = undefined
      emit(done)
    }
  })

  const emit = (e: NonNullable<typeof event>) => {
    // The event's own attributes become the row; trace attributes fill in what it lacks.
    const row: Row = e.attrs
    const hasActivity = row['concept:name'] !== undefined
    const hasTimestamp = row['time:timestamp'] !== undefined
    const caseId = e.trace?.attrs['concept:name']
    if (e.trace !== undefined) {
      for (const k in e.trace.attrs) if (k !== 'concept:name' && row[k] === undefined) row[k] = e.trace.attrs[k]
    }
    if (caseId !== undefined) row[CASE_KEY] = caseId
    const raw = () => clip(JSON.stringify(row))
    if (e.trace === undefined) return reject(e.line, 'event outside any trace', raw())
    if (opts.mapping?.case === undefined && caseId === undefined) return reject(e.line, 'the trace of this event has no concept:name (case id)', raw())
    if (opts.mapping?.activity === undefined && !hasActivity) return reject(e.line, 'event has no concept:name (activity)', raw())
    if (opts.mapping?.timestamp === undefined && !hasTimestamp) return reject(e.line, 'event has no time:timestamp', raw())
    const item = convert(row, e.line, '')
    if (!item.ok) item.rejection.raw = raw()
    pending.push(item)
  }

  const decoder = new StringDecoder('utf8')
  const feed = (text: string | null) => {
    try {
      if (text === null) parser.close()
      else if (text !== '') parser.write(text)
      if (failed === undefined && parser.position - mark.position > MAX_GAP) failed = tooLong(mark.line)
    } catch (err) {
      if (failed !== undefined) return
      const message = (err as Error).message.replace(/^undefined:/, '')
      failed = { ok: false, rejection: { line: parser.line, reason: `XML error on line ${parser.line}: ${message}; the rest of the file was not read`, raw: '' } }
    }
  }

  try {
    for await (const chunk of input) {
      feed(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))
      if (pending.length > 0) {
        const items = pending
        pending = []
        yield* items
      }
      if (failed !== undefined) {
        yield failed
        return
      }
    }
    feed(decoder.end())
    if (failed === undefined) feed(null)
    yield* pending
    pending = []
    if (failed !== undefined) yield failed
  } finally {
    if (!input.readableEnded) input.destroy()
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

/** The property name a CSV export of the log would use for a top-level attribute key. */
function propertyName(key: string): string {
  if (key === 'lifecycle:transition') return 'lifecycle'
  if (key.startsWith('org:')) return key.slice(4)
  return key
}

function clip(s: string): string {
  return s.length > MAX_RAW ? `${s.slice(0, MAX_RAW)}…` : s
}
