import { type FileHandle, open } from 'node:fs/promises'
import { type Readable, Transform, type TransformCallback } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { AppError } from '../../domain/errors.ts'
import { type ColumnMapping, DELIMITERS, type ImportFormat, type ImportItem, isDelimited } from './import-record.ts'
import { checkedText } from './checked-text.ts'
import { readCsv } from './read-csv.ts'
import { readJsonl } from './read-jsonl.ts'
import { readXes } from './read-xes.ts'

export type ReadImportFileOptions = {
  format?: ImportFormat
  mapping?: ColumnMapping
  /**
   * Progress of the raw (possibly compressed) file: called at most about ten
   * times a second while reading, and once more when the whole file is read.
   */
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

const EXTENSIONS: Record<string, ImportFormat> = { csv: 'csv', tsv: 'tsv', tab: 'tsv', jsonl: 'jsonl', ndjson: 'jsonl', xes: 'xes' }
const PROGRESS_INTERVAL_MS = 100

/** The format a file name implies (`.csv`, `.tsv` / `.tab`, `.jsonl` / `.ndjson`, `.xes`, each optionally `.gz`), or undefined. */
export function detectFormat(path: string): ImportFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '')
  const dot = name.lastIndexOf('.')
  return dot === -1 ? undefined : EXTENSIONS[name.slice(dot + 1)]
}

/**
 * Streams the import items of a file: the format comes from the option or the
 * file name, and gzip is undone on the fly (by `.gz` or by the gzip magic
 * bytes). Nothing is held in memory beyond the current chunk. Bytes that are
 * not UTF-8, and gzip data cut short or damaged, end the readable part of the
 * file at that line with a rejection saying so (see checkedText); an empty
 * file is refused.
 */
export async function* readImportFile(path: string, opts: ReadImportFileOptions = {}): AsyncGenerator<ImportItem> {
  const format = opts.format ?? detectFormat(path)
  if (format === undefined) throw new AppError('bad_request', `Cannot tell the format of ${path} from its name: expected .csv, .tsv, .jsonl, .ndjson or .xes (optionally .gz), or give the format`)

  const file = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new AppError(err.code === 'ENOENT' ? 'not_found' : 'bad_request', `Cannot read ${path} (${err.code ?? err.message})`)
  })
  let raw: Readable | undefined
  const streams: Readable[] = []
  try {
    const { size } = await file.stat()
    if (size === 0) throw new AppError('bad_request', 'The file is empty: there is nothing to import')
    const gzipped = await isGzipped(path, file)

    raw = file.createReadStream({ start: 0, autoClose: true, highWaterMark: 256 * 1024 })
    streams.push(raw)
    let input: Readable = raw
    if (opts.onProgress) {
      const counter = progressCounter(size, opts.onProgress)
      input = input.pipe(counter)
      forwardErrors(raw, counter)
      streams.push(counter)
    }
    if (gzipped) {
      const gunzip = createGunzip()
      forwardErrors(input, gunzip)
      input = input.pipe(gunzip)
      streams.push(gunzip)
    }

    const checked = checkedText(input, gzipped)
    streams.push(checked.text)
    const reader = isDelimited(format) ? readCsv(checked.text, { ...opts, delimiter: DELIMITERS[format] }) : format === 'jsonl' ? readJsonl(checked.text, opts) : readXes(checked.text, opts)
    for await (const item of reader) {
      // Where the bytes stopped being readable, the reader's complaint about the cut (an XML document left open) is not the fault.
      const cut = checked.problem()
      if (cut && !item.ok && item.rejection.line >= cut.line) continue
      yield item
    }
    const problem = checked.problem()
    if (problem) yield { ok: false, rejection: problem }
  } finally {
    for (const s of streams) s.destroy()
    if (raw === undefined) await file.close()
  }
}

/** Gzip by the name (`.gz`) or by the first two bytes (the gzip magic). */
export async function isGzipped(path: string, file: FileHandle): Promise<boolean> {
  const magic = Buffer.alloc(2)
  const { bytesRead } = await file.read(magic, 0, 2, 0)
  return path.toLowerCase().endsWith('.gz') || (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b)
}

/** pipe() does not pass errors on: a read error of the file must reach the reader. */
function forwardErrors(from: Readable, to: Transform): void {
  from.once('error', (err) => to.destroy(err))
}

/** Counts the bytes going through; reports at most every 100 ms, and at the end. */
function progressCounter(total: number, onProgress: (bytesRead: number, totalBytes: number) => void): Transform {
  let read = 0
  let last = 0
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      read += chunk.length
      const now = Date.now()
      if (now - last >= PROGRESS_INTERVAL_MS) {
        last = now
        onProgress(read, total)
      }
      callback(null, chunk)
    },
    flush(callback: TransformCallback) {
      onProgress(read, total)
      callback()
    },
  })
}
