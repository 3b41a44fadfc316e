import { isUtf8 } from 'node:buffer'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import type { ImportRejection } from './import-record.ts'

const LF = 0x0a
/** A partial last line longer than this is passed on (the readers' own line and record limits then apply) rather than held. */
const MAX_HELD = 8 * 2 ** 20

/**
 * The bytes of an import file on their way to its reader, checked: they must be UTF-8, and the gzip stream they
 * come from (when `gzipped`) must end cleanly. Whole lines only pass: when the bytes turn out not to be UTF-8, or the gzip data
 * is cut short or damaged, the lines before the fault are read and the fault becomes one rejection with its line
 * number (`problem()`, after the reader is done), instead of a torn last line read as data or a failed import.
 */
export function checkedText(source: Readable, gzipped: boolean): { text: Readable; problem: () => ImportRejection | undefined } {
  let line = 1 // the line the next byte passed on belongs to
  let held: Buffer[] = [] // the last, incomplete line (and any UTF-8 sequence cut by the chunk), in pieces without a line feed
  let heldBytes = 0
  let problem: ImportRejection | undefined
  /** Not UTF-8: nothing more is passed on. */
  let stopped = false
  /** The source failed (gzip): what it gave before is passed on, but not its torn last line. */
  let failed = false

  const pass = (out: Transform, bytes: Buffer) => {
    for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) line++
    if (bytes.length) out.push(bytes)
  }
  const notUtf8 = (out: Transform, bytes: Buffer) => {
    const at = firstInvalidUtf8(bytes)
    const before = bytes.lastIndexOf(LF, at) + 1
    pass(out, bytes.subarray(0, before))
    problem = { line, reason: notUtf8Reason(line, bytes, at), raw: bytes.subarray(before, Math.min(bytes.length, before + 200)).toString('utf8') }
    stopped = true
    held = []
    heldBytes = 0
    source.unpipe(out)
    source.destroy()
    out.end()
  }

  /** Passes on the whole lines of `bytes` (or all of it), unless they are not UTF-8. */
  const passChecked = (out: Transform, whole: Buffer): boolean => {
    if (!isUtf8(whole)) {
      notUtf8(out, whole)
      return false
    }
    pass(out, whole)
    return true
  }

  const text = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (stopped) return done()
      const lastLf = chunk.lastIndexOf(LF)
      if (lastLf === -1) {
        // Still inside one line: held in pieces (copying it together on every chunk would be quadratic).
        held.push(chunk)
        heldBytes += chunk.length
        if (heldBytes > MAX_HELD) {
          const bytes = Buffer.concat(held)
          const cut = utf8Boundary(bytes)
          if (passChecked(this, bytes.subarray(0, cut))) hold(cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : undefined)
        }
        return done()
      }
      if (passChecked(this, Buffer.concat([...held, chunk.subarray(0, lastLf + 1)]))) hold(lastLf + 1 < chunk.length ? Buffer.from(chunk.subarray(lastLf + 1)) : undefined)
      done()
    },
    flush(done: TransformCallback) {
      const rest = Buffer.concat(held)
      if (!stopped && !failed && rest.length) {
        if (isUtf8(rest)) pass(this, rest)
        else {
          const at = firstInvalidUtf8(rest)
          problem = { line, reason: notUtf8Reason(line, rest, at), raw: rest.subarray(0, 200).toString('utf8') }
        }
      }
      done()
    },
  })
  const hold = (tail: Buffer | undefined) => {
    held = tail ? [tail] : []
    heldBytes = tail?.length ?? 0
  }

  source.on('error', (err: Error) => {
    if (stopped) return
    // A file that cannot be read is not the file's fault: the import fails, as before.
    if (!gzipped) return void text.destroy(err)
    failed = true
    // What came through whole is read; the torn line and the rest are not (the line is known once those are passed on).
    const what = /unexpected end/i.test(err.message) ? 'the gzip data ends early (is the file cut short?)' : `the gzip data is damaged (${err.message})`
    source.unpipe(text)
    text.end()
    problemLater = () => ({ line, reason: `${what} on line ${line}; the rest of the file was not read`, raw: '' })
  })
  let problemLater: (() => ImportRejection) | undefined
  source.pipe(text)
  return { text, problem: () => problem ?? problemLater?.() }
}

function notUtf8Reason(line: number, bytes: Buffer, at: number): string {
  const bom = at === 0 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  const hint = bom ? 'the file is UTF-16 (it starts with a UTF-16 byte order mark)' : `byte 0x${bytes[at]!.toString(16).padStart(2, '0')} is not UTF-8 (is the file Latin-1 or Windows-1252?)`
  return `line ${line} is not UTF-8: ${hint}; save the file as UTF-8 (e.g. iconv -t UTF-8) and import it again; the rest of the file was not read`
}

/** The end of the last complete UTF-8 sequence in `bytes` (so that a sequence cut by a chunk boundary is not split). */
function utf8Boundary(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const b = bytes[i]!
    if (b < 0x80) return bytes.length
    if (b >= 0xc0) return i + (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) <= bytes.length ? bytes.length : i
  }
  return bytes.length
}

/** The index of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    const [n, lo, hi] = b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0xbf] : b === 0xe0 ? [2, 0xa0, 0xbf] : b === 0xed ? [2, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [2, 0x80, 0xbf] : b === 0xf0 ? [3, 0x90, 0xbf] : b === 0xf4 ? [3, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [3, 0x80, 0xbf] : [0, 0, 0]
    if (n === 0) return i
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]
      if (c === undefined) return i // cut short at the end
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i
    }
    i += n + 1
  }
  return bytes.length
}
