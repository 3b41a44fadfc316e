import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import type { ColumnMapping, ImportItem } from './import-record.ts'
import { type Row, rowConverter } from './record-fields.ts'

export type JsonlOptions = { mapping?: ColumnMapping }

const MAX_RAW = 2000

/**
 * Streams JSON lines (one object per line; blank lines skipped) as import
 * items. Nested objects are flattened to `parent.child` columns; arrays are
 * kept as JSON text. A line that is not JSON, or not an object, becomes a
 * rejection with its line number.
 */
export async function* readJsonl(input: Readable, opts: JsonlOptions = {}): AsyncGenerator<ImportItem> {
  const convert = rowConverter(opts.mapping)
  const lines = createInterface({ input, crlfDelay: Infinity })
  let line = 0
  try {
    for await (const text of lines) {
      line++
      const source = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
      if (source.trim() === '') continue
      const raw = source.length > MAX_RAW ? `${source.slice(0, MAX_RAW)}…` : source
      let value: unknown
      try {
        value = JSON.parse(source)
      } catch (e) {
        yield { ok: false, rejection: { line, reason: `invalid JSON: ${(e as Error).message}`, raw } }
        continue
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`
        yield { ok: false, rejection: { line, reason: `line is ${kind}, not a JSON object`, raw } }
        continue
      }
      yield convert(flatten(value as Record<string, unknown>), line, raw)
    }
  } finally {
    lines.close()
    if (!input.readableEnded) input.destroy()
  }
}

function flatten(obj: Record<string, unknown>, prefix = '', into: Row = {}): Row {
  for (const [key, value] of Object.entries(obj)) {
    const name = prefix === '' ? key : `${prefix}.${key}`
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') into[name] = value
    else if (Array.isArray(value)) into[name] = JSON.stringify(value)
    else if (typeof value === 'object') flatten(value as Record<string, unknown>, name, into)
  }
  return into
}
