import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportItem, ImportRecord, ImportRejection } from '../../src/ingest/files/import-record.ts'
import { readCsv } from '../../src/ingest/files/read-csv.ts'
import { detectFormat, readImportFile } from '../../src/ingest/files/read-import-file.ts'
import { readJsonl } from '../../src/ingest/files/read-jsonl.ts'
import { readXes } from '../../src/ingest/files/read-xes.ts'
import { parseTimestamp, planColumns, rowToItem } from '../../src/ingest/files/record-fields.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, content)
  return file
}

async function collect(items: AsyncIterable<ImportItem>): Promise<{ records: ImportRecord[]; rejections: ImportRejection[] }> {
  const records: ImportRecord[] = []
  const rejections: ImportRejection[] = []
  for await (const item of items) {
    if (item.ok) records.push(item.record)
    else rejections.push(item.rejection)
  }
  return { records, rejections }
}

/** A stream that hands out the text in small pieces, so records straddle chunk boundaries. */
function chunked(text: string | Buffer, size = 7): Readable {
  const buf = Buffer.from(text)
  const parts: Buffer[] = []
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size))
  return Readable.from(parts)
}

const iso = (d: Date) => d.toISOString()

describe('parseTimestamp', () => {
  it.each([
    ['2024-01-01 10:00:00', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T10:00:00', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T10:00:00Z', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T12:00:00+02:00', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01 12:00:00+0200', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T05:30:00-04:30', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01 10:00:00.123', '2024-01-01T10:00:00.123Z'],
    ['2011-10-11 13:45:40.276000+02:00', '2011-10-11T11:45:40.276Z'],
    ['2024-01-01 10:00', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01', '2024-01-01T00:00:00.000Z'],
    ['  2024-07-01 10:00:00  ', '2024-07-01T10:00:00.000Z'],
    ['1704103200', '2024-01-01T10:00:00.000Z'],
    ['1704103200000', '2024-01-01T10:00:00.000Z'],
    [1704103200, '2024-01-01T10:00:00.000Z'],
    [1704103200123, '2024-01-01T10:00:00.123Z'],
  ])('%j is %s (no offset means UTC, whatever the local zone)', (input, expected) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(expected)
  })

  it.each(['yesterday', '2024-02-30 10:00:00', '2023-02-29', '2024-13-01', '2024-01-01 24:00:00', '2024-01-01T10:00:00+25:00', '20240101', '', 'NaN', true, null])(
    'rejects %j',
    (input) => {
      expect(parseTimestamp(input)).toBeUndefined()
    },
  )

  it('accepts 29 February of a leap year', () => {
    expect(parseTimestamp('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z')
  })
})

describe('rowToItem', () => {
  const convert = (row: Record<string, string | number | null>, mapping = {}) => rowToItem(row, 7, 'raw', planColumns(Object.keys(row), mapping))

  it('recognises the standard columns case-insensitively and keeps the rest as trimmed text properties', () => {
    const item = convert({
      Customer_ID: ' c1 ',
      EVENT: 'Signed up',
      Time: '2024-01-01 10:00:00',
      Channel: 'web',
      score: '9',
      score_kind: 'NPS',
      touchpoint: 'onboarding',
      comment: ' great ',
      revenue: '12.50',
      plan: ' pro ',
      empty: '  ',
      nothing: null,
      count: 3,
    })
    expect(item).toEqual({
      ok: true,
      record: {
        line: 7,
        caseId: 'c1',
        activity: 'Signed up',
        timestamp: new Date('2024-01-01T10:00:00Z'),
        channel: 'web',
        score: 9,
        scoreKind: 'nps',
        touchpoint: 'onboarding',
        comment: 'great',
        revenue: 12.5,
        properties: { plan: 'pro', count: '3' },
      },
    })
  })

  it('takes XES-style names (case:concept:name, concept:name, time:timestamp, case:channel) and keeps other names as they are', () => {
    const item = convert({ 'case:concept:name': 'k1', 'concept:name': 'A', 'time:timestamp': '2024-01-01T10:00:00+01:00', 'case:channel': 'Internet', 'case:department': 'General' })
    expect(item.ok && item.record).toMatchObject({ caseId: 'k1', activity: 'A', channel: 'Internet', properties: { 'case:department': 'General' } })
    expect(item.ok && iso(item.record.timestamp)).toBe('2024-01-01T09:00:00.000Z')
  })

  it.each([
    [{ case_id: '', activity: 'A', timestamp: '2024-01-01' }, 'missing case id: column "case_id" is empty'],
    [{ activity: 'A', timestamp: '2024-01-01' }, /^missing case id: no case id column \(expected one of case_id, case, customer_id/],
    [{ case_id: 'c', activity: ' ', timestamp: '2024-01-01' }, 'missing activity: column "activity" is empty'],
    [{ case_id: 'c', activity: 'A', timestamp: 'yesterday' }, 'timestamp "yesterday" is not a date'],
    [{ case_id: 'c', activity: 'A', timestamp: '' }, 'missing timestamp: column "timestamp" is empty'],
    [{ case_id: 'c', activity: 'A', timestamp: '2024-01-01', score: 'ten' }, 'score "ten" is not a number'],
    [{ case_id: 'c', activity: 'A', timestamp: '2024-01-01', revenue: '0x10' }, 'revenue "0x10" is not a number'],
    [{ case_id: 'c', activity: 'A', timestamp: '2024-01-01', score_kind: 'stars' }, 'score_kind "stars" is not one of nps, csat, ces, rating'],
  ])('rejects %j: %s', (row, reason) => {
    const item = convert(row)
    expect(item.ok).toBe(false)
    if (!item.ok) {
      expect(item.rejection.line).toBe(7)
      expect(item.rejection.reason).toMatch(reason)
    }
  })

  it('does not check the score range (ingestion does)', () => {
    const item = convert({ case_id: 'c', activity: 'A', timestamp: '2024-01-01', score: '42', score_kind: 'nps' })
    expect(item.ok && item.record.score).toBe(42)
  })

  it('lets a mapping replace the built-in names; the column it displaces becomes a property', () => {
    const item = convert({ ticket: 'T-1', case_id: 'ignored', Step: 'Open', created: '2024-01-01 10:00:00' }, { case: 'ticket', activity: 'step', timestamp: 'created' })
    expect(item.ok && item.record).toMatchObject({ caseId: 'T-1', activity: 'Open', properties: { case_id: 'ignored' } })
  })
})

describe('readCsv', () => {
  it('reads quoted fields with commas, quotes and newlines, with the line each record starts on', async () => {
    const csv = [
      'case_id,activity,timestamp,comment,note',
      'c1,Open,2024-01-01 10:00:00,"hello, world","say ""hi"""',
      'c1,Reply,2024-01-01 11:00:00,"line one',
      'line two',
      'line three",x',
      'c2,Open,2024-01-02 10:00:00,,"a',
      'b"',
      '',
      'c2,Close,2024-01-02 12:00:00,done,',
      '',
    ].join('\n')
    const { records, rejections } = await collect(readCsv(chunked(csv)))
    expect(rejections).toEqual([])
    expect(records.map((r) => [r.line, r.caseId, r.activity])).toEqual([
      [2, 'c1', 'Open'],
      [3, 'c1', 'Reply'],
      [6, 'c2', 'Open'],
      [9, 'c2', 'Close'],
    ])
    expect(records[0]).toMatchObject({ comment: 'hello, world', properties: { note: 'say "hi"' } })
    expect(records[1]?.comment).toBe('line one\nline two\nline three')
    expect(records[2]?.properties).toEqual({ note: 'a\nb' })
    expect(records[3]).toMatchObject({ comment: 'done', properties: {} })
  })

  it.each([5, 10_000])('strips a byte-order mark and reads CRLF files with their line numbers (chunks of %i bytes)', async (size) => {
    const csv = '\uFEFFcase_id,activity,timestamp,comment\r\nc1,A,2024-01-01 10:00:00,"two\r\nlines"\r\n\r\n"c2",B,2024-01-01T12:00:00+02:00,\r\nc3,C,2024-01-01,x'
    const { records, rejections } = await collect(readCsv(chunked(csv, size)))
    expect(rejections).toEqual([])
    expect(records.map((r) => [r.line, r.caseId, r.activity, iso(r.timestamp)])).toEqual([
      [2, 'c1', 'A', '2024-01-01T10:00:00.000Z'],
      [5, 'c2', 'B', '2024-01-01T10:00:00.000Z'],
      [6, 'c3', 'C', '2024-01-01T00:00:00.000Z'],
    ])
    expect(records[0]?.comment).toBe('two\r\nlines')
  })

  it('treats a timestamp without offset as UTC and one with an offset as that instant', async () => {
    const csv = 'case_id,activity,timestamp\nc,A,2024-01-01 10:00:00\nc,B,2024-01-01T10:00:00Z\nc,C,2024-01-01T12:00:00+02:00\nc,D,2024-01-01 11:00:00+0100\n'
    const { records } = await collect(readCsv(chunked(csv)))
    expect(new Set(records.map((r) => r.timestamp.getTime()))).toEqual(new Set([Date.UTC(2024, 0, 1, 10)]))
  })

  it('turns a bad row into a rejection with its line and reads the rest', async () => {
    const csv = [
      'case_id,activity,timestamp,score',
      'c1,A,2024-01-01 10:00:00,5',
      'c1,B,yesterday,5',
      'c1,C,2024-01-01 11:00:00,5,extra',
      'c1,D,2024-01-01 12:00:00,lots',
      ',E,2024-01-01 12:00:00,',
      'c1,F',
      'c1,G,2024-01-01 13:00:00,',
    ].join('\n')
    const { records, rejections } = await collect(readCsv(chunked(csv)))
    expect(records.map((r) => [r.line, r.activity])).toEqual([
      [2, 'A'],
      [8, 'G'],
    ])
    expect(rejections).toEqual([
      { line: 3, reason: 'timestamp "yesterday" is not a date', raw: 'c1,B,yesterday,5', customerId: 'c1' }, // the case id, for erasure
      { line: 4, reason: 'row has 5 fields, the header has 4', raw: 'c1,C,2024-01-01 11:00:00,5,extra' },
      { line: 5, reason: 'score "lots" is not a number', raw: 'c1,D,2024-01-01 12:00:00,lots', customerId: 'c1' },
      { line: 6, reason: 'missing case id: column "case_id" is empty', raw: ',E,2024-01-01 12:00:00,' },
      { line: 7, reason: 'row has 2 fields, the header has 4', raw: 'c1,F' },
    ])
  })

  it('keeps stray quotes inside unquoted fields', async () => {
    const csv = 'case_id,activity,timestamp,comment\nc1,A,2024-01-01,He said "no" twice\nc1,B,2024-01-02,ok\n'
    const { records, rejections } = await collect(readCsv(chunked(csv)))
    expect(rejections).toEqual([])
    expect(records.map((r) => r.comment)).toEqual(['He said "no" twice', 'ok'])
  })

  it.each([7, 10_000])('ends with one rejection, not an exception, when a quote is never closed (chunks of %i bytes)', async (size) => {
    const csv = 'case_id,activity,timestamp\nc1,A,2024-01-01\n\nc1,B,2024-01-02\nc1,"C,2024-01-03\nc1,D,2024-01-04\n'
    const { records, rejections } = await collect(readCsv(chunked(csv, size)))
    expect(records.map((r) => [r.line, r.activity])).toEqual([
      [2, 'A'],
      [4, 'B'],
    ])
    expect(rejections).toHaveLength(1)
    expect(rejections[0]?.line).toBe(5)
    expect(rejections[0]?.reason).toMatch(/opened in the record starting on line 5 is never closed; the rest of the file was not read/)
    expect(rejections[0]?.raw).toBe('c1,"C,2024-01-03')
  })

  it('stops at a record longer than the limit instead of buffering the rest of the file', async () => {
    const csv = `case_id,activity,timestamp\nc1,A,2024-01-01\nc1,"B${'x'.repeat(500)}\n${'c1,C,2024-01-02\n'.repeat(100)}`
    const { records, rejections } = await collect(readCsv(chunked(csv, 64), { maxRecordSize: 200 }))
    expect(records).toHaveLength(1)
    expect(rejections).toHaveLength(1)
    expect(rejections[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/longer than 200 characters/) })
  })

  it('uses a column mapping, matching names case-insensitively', async () => {
    const csv = 'Ticket,Step,Created,case_id\nT-1,Open,2024-01-01 10:00:00,x\n'
    const { records, rejections } = await collect(readCsv(chunked(csv), { mapping: { case: 'ticket', activity: 'step', timestamp: 'created' } }))
    expect(rejections).toEqual([])
    expect(records).toEqual([{ line: 2, caseId: 'T-1', activity: 'Open', timestamp: new Date('2024-01-01T10:00:00Z'), properties: { case_id: 'x' } }])
  })

  it('rejects the header once when a required or mapped column is missing', async () => {
    const csv = 'id,activity,timestamp\n1,A,2024-01-01\n2,B,2024-01-02\n'
    const missing = await collect(readCsv(chunked(csv)))
    expect(missing.records).toEqual([])
    expect(missing.rejections).toEqual([{ line: 1, reason: expect.stringMatching(/^header: no case id column \(expected one of case_id, /), raw: 'id,activity,timestamp' }])
    const mapped = await collect(readCsv(chunked(csv), { mapping: { case: 'id', channel: 'source' } }))
    expect(mapped.records).toEqual([])
    expect(mapped.rejections).toEqual([{ line: 1, reason: 'header: no column "source" (mapped to channel); no row can be read', raw: 'id,activity,timestamp' }])
    const semicolons = await collect(readCsv(chunked('case_id;activity;timestamp\nc1;A;2024-01-01\n')))
    expect(semicolons.rejections[0]?.reason).toMatch(/is the file separated by ";" rather than commas\?\); no row can be read$/)
  })

  it('reads an empty file and a header-only file as nothing', async () => {
    expect(await collect(readCsv(Readable.from([])))).toEqual({ records: [], rejections: [] })
    expect(await collect(readCsv(chunked('case_id,activity,timestamp\n')))).toEqual({ records: [], rejections: [] })
  })
})

describe('readJsonl', () => {
  it('reads one object per line, skips blank lines and rejects bad lines with their number', async () => {
    const jsonl = [
      '{"user_id":"u1","event":"Viewed","timestamp":"2024-01-01T10:00:00Z","properties":{"page":"/pricing","ab":{"v":2}},"tags":["a","b"]}',
      '',
      '{"user_id":"u1","event":"Bought","timestamp":1704106800,"revenue":19.99,"score":null}',
      '{"user_id": "u1", "event": "Oops"',
      '   ',
      '[1,2]',
      '42',
      '{"user_id":"u2","event":"Viewed"}',
      '{"user_id":"u2","event":"Left","timestamp":"2024-01-01 12:00:00"}',
    ].join('\n')
    const { records, rejections } = await collect(readJsonl(chunked(jsonl, 11)))
    expect(records.map((r) => [r.line, r.caseId, r.activity, iso(r.timestamp)])).toEqual([
      [1, 'u1', 'Viewed', '2024-01-01T10:00:00.000Z'],
      [3, 'u1', 'Bought', '2024-01-01T11:00:00.000Z'],
      [9, 'u2', 'Left', '2024-01-01T12:00:00.000Z'],
    ])
    expect(records[0]?.properties).toEqual({ 'properties.page': '/pricing', 'properties.ab.v': '2', tags: '["a","b"]' })
    expect(records[1]).toMatchObject({ revenue: 19.99, properties: {} })
    expect(rejections.map((r) => [r.line, r.reason])).toEqual([
      [4, expect.stringMatching(/^invalid JSON: /)],
      [6, 'line is an array, not a JSON object'],
      [7, 'line is a number, not a JSON object'],
      [8, 'missing timestamp: no timestamp column (expected one of timestamp, time, time:timestamp)'],
    ])
    expect(rejections[0]?.raw).toBe('{"user_id": "u1", "event": "Oops"')
  })

  it('uses a mapping and reads CRLF lines with a byte-order mark', async () => {
    const jsonl = '\uFEFF{"who":"a","what":"x","when":"2024-01-01T10:00:00+01:00"}\r\n{"who":"b","what":"y","when":"2024-01-01T10:00:00"}\r\n'
    const { records, rejections } = await collect(readJsonl(chunked(jsonl), { mapping: { case: 'who', activity: 'what', timestamp: 'when' } }))
    expect(rejections).toEqual([])
    expect(records.map((r) => [r.line, r.caseId, iso(r.timestamp)])).toEqual([
      [1, 'a', '2024-01-01T09:00:00.000Z'],
      [2, 'b', '2024-01-01T10:00:00.000Z'],
    ])
  })
})

const XES = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/><date key="time:timestamp" value="1970-01-01T00:00:00Z"/></global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="origin" value="log-level, ignored"/>
  <trace>
    <string key="concept:name" value="case-1"/>
    <string key="department" value="General"/>
    <string key="channel" value="Internet"/>
    <event>
      <string key="concept:name" value="Register &amp; check"/>
      <date key="time:timestamp" value="2024-01-01T12:00:00.000+02:00"/>
      <string key="org:resource" value="Alice"/>
      <string key="lifecycle:transition" value="complete"/>
      <int key="cost" value="12"/>
      <float key="score" value="4.5"/>
      <boolean key="urgent" value="true"/>
      <id key="uid" value="a-1"/>
      <list key="items">
        <string key="sku" value="X1"/>
      </list>
      <container key="meta"><string key="source" value="import"/><container key="deep"><int key="n" value="3"/></container></container>
    </event>
    <event>
      <string key="concept:name" value="Decide"/>
      <date key="time:timestamp" value="2024-01-01T10:30:00Z"/>
      <string key="department" value="Legal"/>
      <string key="comment" value="over to legal"/>
    </event>
    <event>
      <string key="concept:name" value="No time"/>
    </event>
  </trace>
  <event>
    <string key="concept:name" value="Orphan"/>
    <date key="time:timestamp" value="2024-01-01T10:30:00Z"/>
  </event>
  <trace>
    <event><string key="concept:name" value="Anonymous"/><date key="time:timestamp" value="2024-01-01T10:30:00Z"/></event>
  </trace>
</log>
`

describe('readXes', () => {
  it('reads traces and events with their attributes, under CSV property names', async () => {
    const { records, rejections } = await collect(readXes(chunked(XES, 13)))
    expect(records).toEqual([
      {
        line: 11,
        caseId: 'case-1',
        activity: 'Register & check',
        timestamp: new Date('2024-01-01T10:00:00Z'),
        channel: 'Internet',
        score: 4.5,
        properties: {
          department: 'General',
          resource: 'Alice',
          lifecycle: 'complete',
          cost: '12',
          urgent: 'true',
          uid: 'a-1',
          'items.sku': 'X1',
          'meta.source': 'import',
          'meta.deep.n': '3',
        },
      },
      {
        line: 25,
        caseId: 'case-1',
        activity: 'Decide',
        timestamp: new Date('2024-01-01T10:30:00Z'),
        channel: 'Internet',
        comment: 'over to legal',
        properties: { department: 'Legal' },
      },
    ])
    expect(rejections.map((r) => [r.line, r.reason])).toEqual([
      [31, 'event has no time:timestamp'],
      [35, 'event outside any trace'],
      [40, 'the trace of this event has no concept:name (case id)'],
    ])
    expect(JSON.parse(rejections[0]?.raw ?? '')).toEqual({ 'case:concept:name': 'case-1', department: 'General', channel: 'Internet', 'concept:name': 'No time' })
  })

  it('ends with one rejection at the line of an XML error, after the events before it', async () => {
    const broken = XES.replace('<string key="department" value="Legal"/>', '<string key="department" value="Legal">')
    const { records, rejections } = await collect(readXes(chunked(broken)))
    expect(records.map((r) => r.activity)).toEqual(['Register & check'])
    expect(rejections).toHaveLength(1)
    expect(rejections[0]).toMatchObject({ line: 30, reason: expect.stringMatching(/^XML error on line 30: .*; the rest of the file was not read$/) })
  })

  it('ends at an attribute longer than 4 MB even when it comes in one chunk, reading no event after it', async () => {
    const huge = XES.replace('<trace>', `<trace><string key="note" value="${'x'.repeat(4 * 2 ** 20 + 10)}"/>`)
    const { records, rejections } = await collect(readXes(Readable.from([huge])))
    expect(records).toEqual([])
    expect(rejections).toEqual([expect.objectContaining({ reason: expect.stringMatching(/^more than 4,194,304 characters without a tag from line \d+/) })])
  })

  it('reads a truncated document up to the cut', async () => {
    const { records, rejections } = await collect(readXes(chunked(XES.slice(0, XES.indexOf('</trace>')))))
    expect(records).toHaveLength(2)
    expect(rejections.map((r) => r.reason)).toEqual(['event has no time:timestamp', expect.stringMatching(/^XML error/)])
  })
})

describe('readImportFile', () => {
  it.each([
    ['events.csv', 'csv'],
    ['Events.CSV.gz', 'csv'],
    ['export.tsv', 'tsv'],
    ['export.TAB.gz', 'tsv'],
    ['a/b.jsonl', 'jsonl'],
    ['b.ndjson.gz', 'jsonl'],
    ['log.xes', 'xes'],
    ['log.xes.gz', 'xes'],
    ['notes.txt', undefined],
    ['noext', undefined],
  ])('detectFormat(%s) = %s', (name, format) => {
    expect(detectFormat(name)).toBe(format)
  })

  const csv = 'case_id,activity,timestamp\nc1,A,2024-01-01 10:00:00\nc1,B,2024-01-01 11:00:00\n'

  it('reads TSV with CSV quoting, and says when a TSV file is comma-separated', async () => {
    const tsv = write('events.tsv', 'case_id\tactivity\ttimestamp\tnote\nc1\t"A\tquoted"\t2024-01-01 10:00:00\tx, "y"\nc1\tB\t2024-01-01 11:00:00\t\n')
    const { records } = await collect(readImportFile(tsv))
    expect(records.map((r) => [r.activity, r.properties.note])).toEqual([
      ['A\tquoted', 'x, "y"'],
      ['B', undefined],
    ])
    const { rejections } = await collect(readImportFile(write('commas.tsv', csv)))
    expect(rejections[0]?.reason).toContain('is the file separated by "," rather than tabs?')
  })

  it('reads gzip-compressed CSV, JSONL and XES, and reports the compressed bytes read', async () => {
    const gz = gzipSync(csv)
    const file = write('events.csv.gz', gz)
    const progress: Array<[number, number]> = []
    const { records } = await collect(readImportFile(file, { onProgress: (read, total) => progress.push([read, total]) }))
    expect(records.map((r) => r.activity)).toEqual(['A', 'B'])
    expect(progress.at(-1)).toEqual([gz.length, gz.length])

    const jsonl = write('events.ndjson.gz', gzipSync('{"case":"c","activity":"A","time":"2024-01-01"}\n'))
    expect((await collect(readImportFile(jsonl, {}))).records.map((r) => r.caseId)).toEqual(['c'])
    const xes = write('log.xes.gz', gzipSync(XES))
    expect((await collect(readImportFile(xes, {}))).records).toHaveLength(2)
  })

  it('recognises gzip by its magic bytes and takes the format from the option', async () => {
    const file = write('export.dat', gzipSync(csv))
    expect((await collect(readImportFile(file, { format: 'csv' }))).records).toHaveLength(2)
  })

  it('stops cleanly when the consumer stops early', async () => {
    const file = write('many.csv', `case_id,activity,timestamp\n${'c1,A,2024-01-01 10:00:00\n'.repeat(50_000)}`)
    let n = 0
    for await (const item of readImportFile(file, {})) {
      if (item.ok && ++n === 3) break
    }
    expect(n).toBe(3)
  })

  it('ends at a line that is not UTF-8 with one line-numbered rejection, after the lines before it', async () => {
    const latin1 = Buffer.concat([Buffer.from('case_id,activity,timestamp\nc1,A,2024-01-01 10:00:00\nc1,'), Buffer.from('Z\xfcrich', 'latin1'), Buffer.from(',2024-01-01 11:00:00\nc1,C,2024-01-01 12:00:00\n')])
    const { records, rejections } = await collect(readImportFile(write('latin1.csv', latin1), {}))
    expect(records.map((r) => r.activity)).toEqual(['A'])
    expect(rejections).toEqual([expect.objectContaining({ line: 3, reason: expect.stringMatching(/^line 3 is not UTF-8: byte 0xfc .*the rest of the file was not read$/) })])

    const utf16 = Buffer.from(`\ufeffcase_id,activity,timestamp\nc1,A,2024-01-01\n`, 'utf16le')
    const { rejections: r16 } = await collect(readImportFile(write('utf16.csv', utf16), {}))
    expect(r16).toEqual([expect.objectContaining({ line: 1, reason: expect.stringMatching(/UTF-16 \(it starts with a UTF-16 byte order mark\)/) })])
  })

  it.each(['csv', 'jsonl', 'xes'] as const)('reads the whole lines of %s gzip cut short, then reports the cut with its line', async (format) => {
    const text = format === 'xes' ? XES : format === 'jsonl' ? `${'{"case":"c","activity":"A","time":"2024-01-01"}\n'.repeat(2000)}` : `case_id,activity,timestamp\n${'c1,A,2024-01-01 10:00:00\n'.repeat(2000)}`
    const gz = gzipSync(text)
    const { records, rejections } = await collect(readImportFile(write(`cut.${format}.gz`, gz.subarray(0, gz.length - 9)), {}))
    expect(rejections.at(-1)).toMatchObject({ reason: expect.stringMatching(/^the gzip data ends early \(is the file cut short\?\) on line \d+; the rest of the file was not read$/) })
    const cutLine = rejections.at(-1)!.line
    expect(records.every((r) => r.line < cutLine)).toBe(true)
    // No torn line read as data, and no complaint about the cut other than the cut itself.
    expect(rejections.filter((r) => r.line >= cutLine)).toHaveLength(1)
    if (format !== 'xes') expect(records.length).toBe(cutLine - (format === 'csv' ? 2 : 1))
  })

  it('refuses an empty file and damaged gzip data with what is wrong', async () => {
    await expect(collect(readImportFile(write('empty.csv', ''), {}))).rejects.toThrow(/The file is empty/)
    const damaged = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    const { rejections } = await collect(readImportFile(write('damaged.csv.gz', damaged), {}))
    expect(rejections).toEqual([expect.objectContaining({ line: 1, reason: expect.stringMatching(/^the gzip data (is damaged|ends early).* on line 1; the rest of the file was not read$/) })])
  })

  it('rejects a JSON line longer than 4 MB unread, and reads the lines after it', async () => {
    const jsonl = `{"case":"c","activity":"A","time":"2024-01-01"}\n{"case":"c","activity":"${'x'.repeat(4 * 2 ** 20 + 10)}","time":"2024-01-01"}\n{"case":"c","activity":"B","time":"2024-01-02"}\r\n`
    const { records, rejections } = await collect(readImportFile(write('long.jsonl', jsonl), {}))
    expect(records.map((r) => [r.line, r.activity])).toEqual([[1, 'A'], [3, 'B']])
    expect(rejections).toEqual([expect.objectContaining({ line: 2, reason: 'line is longer than 4,194,304 characters' })])
    expect(rejections[0]!.raw.length).toBeLessThanOrEqual(2000)
  })

  it('ends an XES file at more than 4 MB without a tag, and refuses entity declarations (billion laughs)', async () => {
    const huge = XES.replace('<trace>', `<trace><string key="note" value="${'x'.repeat(4 * 2 ** 20 + 10)}"/>`)
    const { rejections } = await collect(readImportFile(write('huge.xes', huge), {}))
    expect(rejections.at(-1)).toMatchObject({ reason: expect.stringMatching(/^more than 4,194,304 characters without a tag from line \d+/) })
    const laughs = XES.replace('<log', '<!DOCTYPE log [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><log').replace('value="Legal"', 'value="&lol2;"')
    const { records, rejections: r2 } = await collect(readImportFile(write('laughs.xes', laughs), {}))
    expect(records.every((r) => !JSON.stringify(r).includes('lollol'))).toBe(true)
    expect(r2.at(-1)).toMatchObject({ reason: expect.stringMatching(/^XML error on line \d+: .*entity/i) })
  })

  it('rejects timestamps outside what the event store holds (1900–2299), not historic ones', async () => {
    const csv = 'case_id,activity,timestamp\nc1,A,1899-12-31T00:00:00Z\nc1,B,1950-06-01T00:00:00Z\nc1,C,2400-01-01T00:00:00Z\n'
    const { records, rejections } = await collect(readImportFile(write('ancient.csv', csv), {}))
    expect(records.map((r) => r.activity)).toEqual(['B'])
    expect(rejections.map((r) => [r.line, r.reason])).toEqual([
      [2, 'timestamp "1899-12-31T00:00:00Z" is outside the dates the event store holds (1900–2299)'],
      [4, 'timestamp "2400-01-01T00:00:00Z" is outside the dates the event store holds (1900–2299)'],
    ])
  })

  it('throws when the format cannot be told', async () => {
    const file = write('notes.txt', csv)
    await expect(collect(readImportFile(file, {}))).rejects.toThrow(/cannot tell the format of .*notes\.txt/i)
  })
})
