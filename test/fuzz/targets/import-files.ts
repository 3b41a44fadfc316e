import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import type { ImportSummary } from '../../../src/ingest/import-events.ts'
import { mustRefuse, type Answer, type FuzzCase, type Verdict } from '../fuzz-case.ts'

/**
 * Generated import files: each holds only lines that must be refused (with their line number) and lines that
 * repeat events already stored (which must be skipped), so that importing it stores nothing new. The first bad
 * line is known, so the first error's line number can be checked; a "fatal" fault (a quote never closed, bytes
 * that are not UTF-8, gzip cut short, a line too long) ends the readable part of the file there.
 */
export type ImportFile = { format: 'csv' | 'jsonl' | 'xes'; kind: string; bytes: () => Buffer; firstBadLine: number; reason?: RegExp; gzip: boolean; /** The first error may be this many lines after the first bad one (where the parser notices). */ slack?: number }
export type StoredEvent = { id: string; customer: string; event: string; timestamp: string }

type Line = { text: string | Buffer; bad: boolean; fatal?: boolean; reason?: RegExp; kind: string; slack?: number }

const HUGE = 4 * 2 ** 20 + 1024
const invalidUtf8 = fc.constantFrom(Buffer.from('Z\xfcrich', 'latin1'), Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82]))
const badDate = fc.constantFrom('yesterday', '2024-13-01T00:00:00Z', '2024-02-30', '31/12/2024', '', '1e999', '-5', '1800-01-01T00:00:00Z', '2400-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '99999999999999999999')
const okDate = '2025-03-01T10:00:00Z'

// ---- CSV --------------------------------------------------------------------------------------------------------

const CSV_HEADER = 'event_id,case_id,activity,timestamp,channel,score,score_kind'
const csvDup = (e: StoredEvent): Line => ({ text: `${e.id},${e.customer},${e.event},${e.timestamp},web,,`, bad: false, kind: 'already stored' })
const csvBad: fc.Arbitrary<Line> = fc.oneof(
  fc.constantFrom<Line>(
    { text: 'a,b', bad: true, reason: /fields, the header has 7/, kind: 'wrong field count' },
    { text: `fz-1,,act,${okDate},web,,`, bad: true, reason: /missing case id/, kind: 'no case id' },
    { text: `fz-2,c1,,${okDate},web,,`, bad: true, reason: /missing activity/, kind: 'no activity' },
    { text: `fz-3,c1,act,${okDate},web,ten,nps`, bad: true, reason: /not a number/, kind: 'score not a number' },
    { text: `fz-4,c1,act,${okDate},web,11,nps`, bad: true, reason: /outside the nps scale/, kind: 'score off scale' },
    { text: `fz-5,c1,act,${okDate},web,3,bogus`, bad: true, reason: /not one of/, kind: 'unknown score kind' },
    { text: 'fz-6,c1,"act,2025-03-01,web,,', bad: true, fatal: true, reason: /never closed|longer than/, kind: 'quote never closed' },
  ),
  badDate.map((d): Line => ({ text: `fz-7,c1,act,${d},web,,`, bad: true, reason: /date|timestamp/, kind: 'bad timestamp' })),
  invalidUtf8.map((b): Line => ({ text: Buffer.concat([Buffer.from('fz-8,c1,'), b, Buffer.from(`,${okDate},web,,`)]), bad: true, fatal: true, reason: /UTF-8/, kind: 'not UTF-8' })),
  fc.constant<Line>({ text: `fz-9,c1,${'x'.repeat(HUGE)},${okDate},web,,`, bad: true, fatal: true, reason: /longer than/, kind: 'record over 4 MB' }),
)

// ---- JSON lines -------------------------------------------------------------------------------------------------

const jsonlDup = (e: StoredEvent): Line => ({ text: JSON.stringify({ event_id: e.id, case_id: e.customer, activity: e.event, timestamp: e.timestamp }), bad: false, kind: 'already stored' })
const jsonlBad: fc.Arbitrary<Line> = fc.oneof(
  fc.constantFrom<Line>(
    { text: '{"case_id": "c1", "activity": "a", "timestamp":', bad: true, reason: /invalid JSON/, kind: 'truncated JSON' },
    { text: '[1,2,3]', bad: true, reason: /an array, not a JSON object/, kind: 'an array' },
    { text: 'null', bad: true, reason: /null, not a JSON object/, kind: 'null' },
    { text: '"text"', bad: true, reason: /a string, not a JSON object/, kind: 'a string' },
    { text: `{"activity":"a","timestamp":"${okDate}"}`, bad: true, reason: /missing case id/, kind: 'no case id' },
    { text: '{"case_id":"c1","activity":"a"}', bad: true, reason: /missing timestamp/, kind: 'no timestamp' },
    { text: `{"case_id":{"x":1},"activity":"a","timestamp":"${okDate}"}`, bad: true, reason: /missing case id/, kind: 'case id an object' },
    { text: `{"case_id":"c1","activity":"a","timestamp":"${okDate}","score":"ten"}`, bad: true, reason: /not a number/, kind: 'score not a number' },
    { text: `${'['.repeat(100_000)}`, bad: true, reason: /invalid JSON/, kind: 'unclosed nesting' },
  ),
  badDate.map((d): Line => ({ text: JSON.stringify({ case_id: 'c1', activity: 'a', timestamp: d }), bad: true, reason: /date|timestamp/, kind: 'bad timestamp' })),
  invalidUtf8.map((b): Line => ({ text: Buffer.concat([Buffer.from('{"case_id":"c1","activity":"'), b, Buffer.from(`","timestamp":"${okDate}"}`)]), bad: true, fatal: true, reason: /UTF-8/, kind: 'not UTF-8' })),
  fc.constant<Line>({ text: `{"case_id":"c1","activity":"${'x'.repeat(HUGE)}","timestamp":"${okDate}"}`, bad: true, reason: /longer than/, kind: 'line over 4 MB' }),
)

// ---- XES --------------------------------------------------------------------------------------------------------

const XES_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">'
const xesEvent = (activity: string, ts: string, extra = '') => `<event><string key="concept:name" value="${activity}"/><date key="time:timestamp" value="${ts}"/>${extra}</event>`
const xesDup = (e: StoredEvent): Line => ({ text: `<trace><string key="concept:name" value="${e.customer}"/>${xesEvent(e.event, e.timestamp, `<string key="event_id" value="${e.id}"/>`)}</trace>`, bad: false, kind: 'already stored' })
const xesBad: fc.Arbitrary<Line> = fc.oneof(
  fc.constantFrom<Line>(
    { text: xesEvent('a', okDate), bad: true, reason: /outside any trace/, kind: 'event outside a trace' },
    { text: `<trace>${xesEvent('a', okDate)}</trace>`, bad: true, reason: /no concept:name \(case id\)/, kind: 'trace without a name' },
    { text: '<trace><string key="concept:name" value="c1"/><event><date key="time:timestamp" value="2025-03-01T10:00:00Z"/></event></trace>', bad: true, reason: /no concept:name \(activity\)/, kind: 'event without activity' },
    { text: '<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="a"/></event></trace>', bad: true, reason: /no time:timestamp/, kind: 'event without time' },
    // The parser sees the tag is cut at the next line's first character.
    { text: '<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="a"', bad: true, fatal: true, reason: /XML error/, kind: 'tag cut short', slack: 1 },
    { text: '<trace><string key="concept:name" value="&lol9;"/></trace>', bad: true, fatal: true, reason: /XML error/, kind: 'entity reference (billion laughs)' },
    { text: '<trace><string key="concept:name" value="&xxe;"/></trace>', bad: true, fatal: true, reason: /XML error/, kind: 'external entity reference' },
    { text: '<trace></event></trace>', bad: true, fatal: true, reason: /XML error/, kind: 'mismatched tags' },
  ),
  badDate.filter((d) => !/["<&]/.test(d)).map((d): Line => ({ text: `<trace><string key="concept:name" value="c1"/>${xesEvent('a', d)}</trace>`, bad: true, reason: /date|timestamp/, kind: 'bad timestamp' })),
  invalidUtf8.map((b): Line => ({ text: Buffer.concat([Buffer.from('<trace><string key="concept:name" value="'), b, Buffer.from(`"/>${xesEvent('a', okDate)}</trace>`)]), bad: true, fatal: true, reason: /UTF-8/, kind: 'not UTF-8' })),
  fc.constant<Line>({ text: `<trace><string key="concept:name" value="c1"/><string key="note" value="${'x'.repeat(HUGE)}"/>${xesEvent('a', okDate)}</trace>`, bad: true, fatal: true, reason: /longer than|more than/, kind: 'attribute over 4 MB' }),
)
/** Billion laughs: entities that expand to each other, ten times over. */
const LAUGHS = `<!DOCTYPE log [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`

// ---- files ------------------------------------------------------------------------------------------------------

const FORMATS = {
  csv: { head: [CSV_HEADER], dup: csvDup, bad: csvBad, tail: [] as string[] },
  jsonl: { head: [] as string[], dup: jsonlDup, bad: jsonlBad, tail: [] as string[] },
  xes: { head: XES_HEAD.split('\n'), dup: xesDup, bad: xesBad, tail: ['</log>'] },
}

const joinLines = (lines: Array<string | Buffer>) => Buffer.concat(lines.flatMap((l) => [typeof l === 'string' ? Buffer.from(l) : l, Buffer.from('\n')]))

/** A file of stored events' repeats and bad lines, in one of the formats; optionally gzip, or gzip cut short. */
export function importFileArbitrary(stored: StoredEvent[]): fc.Arbitrary<ImportFile> {
  const dups = fc.array(fc.constantFrom(...stored), { maxLength: 4 })
  const lineFile = (format: keyof typeof FORMATS) => {
    const f = FORMATS[format]
    return fc.tuple(dups, fc.array(fc.tuple(f.bad, dups), { minLength: 1, maxLength: 5 }), fc.constantFrom('plain', 'plain', 'gzip', 'truncated gzip'), fc.boolean()).map(([lead, rest, packing, laughs]): ImportFile => {
      const lines: Line[] = [...lead.map(f.dup), ...rest.flatMap(([bad, more]) => [bad, ...more.map(f.dup)])]
      const head = format === 'xes' && laughs ? [XES_HEAD.split('\n')[0]!, LAUGHS, XES_HEAD.split('\n')[1]!] : f.head
      const firstBad = lines.findIndex((l) => l.bad)
      const fatalAt = lines.findIndex((l) => l.fatal)
      const kept = fatalAt === -1 ? lines : lines.slice(0, fatalAt + 1)
      const firstBadLine = head.length + firstBad + 1
      const slack = lines[firstBad]!.slack
      const plain = () => joinLines([...head, ...lines.map((l) => l.text), ...(fatalAt === -1 ? f.tail : [])])
      const kinds = [...new Set(kept.filter((l) => l.bad).map((l) => l.kind))].join(', ')
      if (packing === 'plain') return { format, kind: kinds, bytes: plain, firstBadLine, slack, reason: lines[firstBad]!.reason, gzip: false }
      if (packing === 'gzip') return { format, kind: `${kinds} (gzip)`, bytes: () => gzipSync(plain()), firstBadLine, slack, reason: lines[firstBad]!.reason, gzip: true }
      // Cut inside the compressed stream: whatever lines came through whole are read, and the cut is reported.
      // The cut may come before the first bad line: then the cut is the first error, on that line or before.
      const reason = new RegExp(`${lines[firstBad]!.reason?.source ?? '.'}|gzip data ends early`)
      return { format, kind: `truncated gzip, ${kinds}`, bytes: () => { const gz = gzipSync(plain()); return gz.subarray(0, Math.max(12, gz.length - 9)) }, firstBadLine: 0, reason, gzip: true }
    })
  }
  const wholeFile: fc.Arbitrary<ImportFile> = fc.oneof(
    fc.constantFrom<ImportFile>(
      { format: 'csv', kind: 'header without a timestamp column', bytes: () => Buffer.from('case_id,activity\nc1,a\n'), firstBadLine: 1, reason: /no timestamp column/, gzip: false },
      { format: 'csv', kind: 'semicolon-separated', bytes: () => Buffer.from(`case_id;activity;timestamp\nc1;a;${okDate}\n`), firstBadLine: 1, reason: /separated by ";"/, gzip: false },
      { format: 'csv', kind: 'UTF-16 with BOM', bytes: () => Buffer.from(`\ufeffcase_id,activity,timestamp\nc1,a,${okDate}\n`, 'utf16le'), firstBadLine: 1, reason: /UTF-8|UTF-16/, gzip: false },
      { format: 'jsonl', kind: 'UTF-16 with BOM', bytes: () => Buffer.from(`\ufeff{"case_id":"c1","activity":"a","timestamp":"${okDate}"}\n`, 'utf16le'), firstBadLine: 1, reason: /UTF-8|UTF-16/, gzip: false },
      { format: 'xes', kind: 'UTF-16 with BOM', bytes: () => Buffer.from(`\ufeff${XES_HEAD}\n</log>\n`, 'utf16le'), firstBadLine: 1, reason: /UTF-8|UTF-16/, gzip: false },
      // The parser notices text outside the root element where the text ends.
      { format: 'xes', kind: 'not XML', bytes: () => Buffer.from('case_id,activity,timestamp\nc1,a,2025-01-01\n'), firstBadLine: 1, slack: 2, reason: /XML error/, gzip: false },
      { format: 'xes', kind: 'document cut short', bytes: () => Buffer.from(`${XES_HEAD}\n<trace><string key="concept:name" value="c1"/>\n`), firstBadLine: 3, slack: 1, reason: /XML error/, gzip: false },
      { format: 'csv', kind: 'gzip bomb (one 64 MB line)', bytes: () => gzipSync(Buffer.alloc(64 * 2 ** 20, 0x61), { level: 9 }), firstBadLine: 1, reason: /longer than/, gzip: true },
      { format: 'jsonl', kind: 'gzip bomb (one 64 MB line)', bytes: () => gzipSync(Buffer.alloc(64 * 2 ** 20, 0x61), { level: 9 }), firstBadLine: 1, reason: /longer than/, gzip: true },
      { format: 'xes', kind: 'gzip bomb (64 MB of text)', bytes: () => gzipSync(Buffer.concat([Buffer.from(`${XES_HEAD}\n`), Buffer.alloc(64 * 2 ** 20, 0x61)]), { level: 9 }), firstBadLine: 2, reason: /longer than|more than|XML error/, gzip: true },
      { format: 'csv', kind: 'gzip header, bad data', bytes: () => Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]), firstBadLine: 1, reason: /gzip/, gzip: true },
      { format: 'csv', kind: 'empty file', bytes: () => Buffer.alloc(0), firstBadLine: 1, reason: /empty/, gzip: false },
      { format: 'jsonl', kind: 'empty file', bytes: () => Buffer.alloc(0), firstBadLine: 1, reason: /empty/, gzip: false },
      { format: 'xes', kind: 'empty file', bytes: () => Buffer.alloc(0), firstBadLine: 1, reason: /empty|XML error/, gzip: false },
    ),
    fc.tuple(fc.constantFrom<'csv' | 'jsonl' | 'xes'>('csv', 'jsonl', 'xes'), fc.uint8Array({ minLength: 1, maxLength: 2000 })).map(([format, b]): ImportFile => ({ format, kind: 'random bytes', bytes: () => Buffer.from(b), firstBadLine: 0, gzip: false })),
  )
  return fc.oneof({ weight: 8, arbitrary: fc.constantFrom<keyof typeof FORMATS>('csv', 'jsonl', 'xes').chain(lineFile) }, { weight: 2, arbitrary: wholeFile })
}

/**
 * What is wrong with an import's summary of a generated file, if anything: it must have stored nothing new
 * (every event it accepted was already stored), and report its first error on the planted line with a reason
 * that says what the planted fault was.
 */
export function summaryProblem(file: ImportFile, s: ImportSummary): string | undefined {
  if (s.imported !== s.skipped) return `stored ${s.imported - s.skipped} events from a file of bad and already stored lines`
  if (s.quarantined < 1 || s.firstErrors.length < 1) return 'reported no error for a file with bad lines'
  if (s.firstErrors.length !== Math.min(s.quarantined, 10)) return `reports ${s.firstErrors.length} first errors of ${s.quarantined} quarantined`
  const first = s.firstErrors[0]!
  if (!Number.isInteger(first.line) || first.line < 1) return `an error without a line number: ${JSON.stringify(first)}`
  if (file.firstBadLine && (first.line < file.firstBadLine || first.line > file.firstBadLine + (file.slack ?? 0))) return `the first error is on line ${first.line}, the first bad line is ${file.firstBadLine}: ${first.reason}`
  if (file.reason && !file.reason.test(first.reason)) return `the first error does not say what is wrong (expected ${file.reason}): line ${first.line}: ${first.reason}`
  if (s.firstErrors.some((e) => e.reason.length < 10)) return `a vague reason: ${JSON.stringify(s.firstErrors)}`
  return undefined
}

/**
 * The file uploaded through the import route (by a signed-in owner or an import key): answered with its summary,
 * or refused as larger than the server's import limit (`maxBytes`) or for what is wrong with it.
 */
export function importUploadCase(file: ImportFile, slug: string, auth: Record<string, string>, maxBytes: number): FuzzCase {
  let bytes: Buffer | undefined
  const body = () => (bytes ??= file.bytes())
  return {
    target: 'import upload',
    kind: `${file.format}: ${file.kind}`,
    method: 'POST',
    url: `/api/workspaces/${slug}/imports?format=${file.format}&name=fuzz.${file.format}${file.gzip ? '.gz' : ''}`,
    headers: { ...auth, 'content-type': 'application/octet-stream' },
    body,
    // A file over the limit is refused by its length, unread: the connection may close while it is sent.
    get mayCloseEarly() {
      return body().length > maxBytes
    },
    judge: (a: Answer): Verdict => {
      if (body().length > maxBytes) return mustRefuse(a, 0, [413], (p) => (/import limit/.test(p.detail) ? undefined : `a file over the limit refused without saying so: ${p.detail}`))
      if (a.status !== 200) return mustRefuse(a, 0, [400], (p) => (file.reason && !file.reason.test(p.detail) ? `does not say what is wrong (expected ${file.reason}): ${p.detail}` : undefined))
      const s = JSON.parse(a.text) as ImportSummary
      return { problem: summaryProblem(file, s), quarantined: s.quarantined }
    },
  }
}
