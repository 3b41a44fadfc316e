import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importEvents, type ImportOptions, type ImportSummary } from '../../src/ingest/import-events.ts'
import { IngestWriter } from '../../src/ingest/ingest-writer.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { openTestEventStore } from '../support/event-store.ts'
import { tempDir } from '../support/temp-dir.ts'
import { trickyCsv } from '../support/tricky-csv.ts'
import { trickyJsonl } from '../support/tricky-jsonl.ts'

const tmp = tempDir()
let store: EventStore
let ingest: IngestWriter
let close: () => Promise<void>
beforeAll(async () => {
  ;({ store, close } = await openTestEventStore())
  ingest = new IngestWriter(store)
})
afterAll(async () => {
  await ingest.drain()
  await close()
  tmp.cleanup()
})

let workspaces = 0
/** Imports into a fresh workspace; says which reader read the file. */
async function imported(file: string, opts: ImportOptions = {}): Promise<{ ws: string; summary: Omit<ImportSummary, 'seconds'>; reader: string }> {
  const ws = `ws${++workspaces}`
  let reader = ''
  const { seconds: _seconds, ...summary } = await importEvents({ events: store, ingest }, ws, file, { name: 'log.csv', ...opts, onReader: (r) => (reader = r) })
  return { ws, summary, reader }
}

/** What a workspace stores: every event (sequence as the order within its customer) and every quarantined line. */
async function stored(ws: string) {
  const events = await store.query(
    `SELECT event_id, customer_id, user_id, toString(ts) AS ts, row_number() OVER (PARTITION BY customer_id ORDER BY ts, seq) AS nth, type, event, channel, source,
            toJSONString(mapSort(properties)) AS properties, context, score, score_kind, touchpoint, comment, revenue, off_plan
     FROM events WHERE workspace_id = {ws:String} ORDER BY event_id, customer_id`,
    { ws },
  )
  const quarantine = await store.query(`SELECT source, reason, line, payload, customer_id FROM quarantine WHERE workspace_id = {ws:String} ORDER BY line, reason`, { ws })
  return { events, quarantine }
}

describe('CSV files read by the engine', () => {
  it.each([
    [11, false],
    [12, true],
  ])('stores what the streaming reader stores, and quarantines the same lines for the same reasons (seed %i, own ids %s)', async (seed, ownIds) => {
    const file = path.join(tmp.dir, `tricky-${seed}.csv`)
    fs.writeFileSync(file, trickyCsv(seed, 12_000, { ownIds }))
    const engine = await imported(file)
    const streaming = await imported(file, { streaming: true })
    expect(engine.reader).toBe('engine')
    expect(streaming.reader).toBe('streaming')
    expect(engine.summary).toEqual(streaming.summary)
    // The generator plants every kind of problem: a control that quarantines nothing would prove nothing.
    expect(engine.summary.quarantined).toBeGreaterThan(1000)
    expect(engine.summary.imported).toBeGreaterThan(5000)
    if (ownIds) expect(engine.summary.skipped).toBeGreaterThan(500)
    const [a, b] = [await stored(engine.ws), await stored(streaming.ws)]
    expect(a.events.length).toBe(b.events.length)
    expect(a.quarantine.length).toBe(b.quarantine.length)
    // Compared as text: a diff of 10,000 rows would be unreadable.
    const differing = a.events.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(b.events[i]))
    expect(differing === -1 ? null : [a.events[differing], b.events[differing]]).toBeNull()
    const differingQ = a.quarantine.findIndex((q, i) => JSON.stringify(q) !== JSON.stringify(b.quarantine[i]))
    expect(differingQ === -1 ? null : [a.quarantine[differingQ], b.quarantine[differingQ]]).toBeNull()

    // Imported again: every event is left out as stored, whichever reader reads it.
    const again = await importEvents({ events: store, ingest }, engine.ws, file, { name: 'log.csv' })
    expect(again.skipped).toBe(again.imported)
    expect((await stored(engine.ws)).events.length).toBe(a.events.length)
  })

  it('reads TSV as the streaming reader does, and the same log as TSV and as CSV stores the same events and quarantines the same lines', async () => {
    const tsv = path.join(tmp.dir, 'tricky.tsv')
    const csv = path.join(tmp.dir, 'tricky-same.csv')
    fs.writeFileSync(tsv, trickyCsv(14, 6000, { ownIds: true, delimiter: '\t' }))
    fs.writeFileSync(csv, trickyCsv(14, 6000, { ownIds: true }))
    const engine = await imported(tsv)
    const streaming = await imported(tsv, { streaming: true })
    const asCsv = await imported(csv)
    expect([engine.reader, streaming.reader, asCsv.reader]).toEqual(['engine', 'streaming', 'engine'])
    expect(engine.summary).toEqual(streaming.summary)
    expect(engine.summary).toEqual(asCsv.summary)
    expect(engine.summary.quarantined).toBeGreaterThan(500)
    const [a, b, c] = [await stored(engine.ws), await stored(streaming.ws), await stored(asCsv.ws)]
    expect(a).toEqual(b)
    expect(a.events).toEqual(c.events)
    // The raw lines differ (tabs, not commas); what was rejected and why does not.
    const reasons = (q: unknown[]) => (q as Array<{ line: unknown; reason: unknown }>).map(({ line, reason }) => ({ line, reason }))
    expect(reasons(a.quarantine)).toEqual(reasons(c.quarantine))
  })

  it.each([
    ['CRLF line ends', 'case_id\tactivity\ttimestamp\r\nc1\ta\t2024-01-01T00:00:00Z\r\nc1\tb\t2024-01-01T00:01:00Z\r\n'],
    ['commas and quotes in unquoted values', 'case_id\tactivity\ttimestamp\tnote\nc1\tpay, now\t2024-01-01T00:00:00Z\tsay "hi"\nc1\t"tab\tin"\t2024-01-01T00:01:00Z\t1,5\n'],
    ['a row with a field too few', 'case_id\tactivity\ttimestamp\nc1\ta\nc1\tb\t2024-01-01T00:01:00Z\n'],
    ['a comma-separated file named .tsv', 'case_id,activity,timestamp\nc1,a,2024-01-01T00:00:00Z\n'],
  ])('reads a TSV file with %s as the streaming reader does', async (_what, content) => {
    const file = path.join(tmp.dir, 'odd.tsv')
    fs.writeFileSync(file, content)
    const r = await imported(file)
    const s = await imported(file, { streaming: true })
    expect(r.summary).toEqual(s.summary)
    expect(await stored(r.ws)).toEqual(await stored(s.ws))
  })

  it('reports progress as the bytes of its two passes over the file: the check, then the insert', async () => {
    const file = path.join(tmp.dir, 'progress.csv')
    fs.writeFileSync(file, trickyCsv(15, 2000))
    const size = fs.statSync(file).size
    const reports: Array<[number, number, number]> = []
    const r = await imported(file, { onProgress: (read, total, events) => reports.push([read, total, events]) })
    expect(r.reader).toBe('engine')
    expect(reports.map(([read, total]) => [read, total])).toEqual([
      [0, 2 * size],
      [size, 2 * size],
      [2 * size, 2 * size],
    ])
    expect(reports.at(-1)![2]).toBe(r.summary.imported)
  })

  it('reads a gzip file the same, by its name or by its first bytes', async () => {
    const text = trickyCsv(13, 3000)
    const plain = path.join(tmp.dir, 'log.csv')
    fs.writeFileSync(plain, text)
    fs.writeFileSync(path.join(tmp.dir, 'log.csv.gz'), gzipSync(text))
    fs.writeFileSync(path.join(tmp.dir, 'log-gzipped.csv'), gzipSync(text))
    const expected = await stored((await imported(plain)).ws)
    for (const file of ['log.csv.gz', 'log-gzipped.csv']) {
      const r = await imported(path.join(tmp.dir, file))
      expect(r.reader).toBe('engine')
      expect(await stored(r.ws)).toEqual(expected)
    }
  })

  it.each([
    ['a quoted field over two lines', 'case_id,activity,timestamp\nc1,"two\nlines",2024-01-01T00:00:00Z\nc1,b,2024-01-01T00:01:00Z\n'],
    ['a row with a field too many', 'case_id,activity,timestamp\nc1,a,2024-01-01T00:00:00Z,extra\nc1,b,2024-01-01T00:01:00Z\n'],
    ['a row with a field too few', 'case_id,activity,timestamp\nc1,a\nc1,b,2024-01-01T00:01:00Z\n'],
    ['a blank line', 'case_id,activity,timestamp\nc1,a,2024-01-01T00:00:00Z\n\nc1,b,2024-01-01T00:01:00Z\n'],
    ['a quote never closed', 'case_id,activity,timestamp\nc1,"a,2024-01-01T00:00:00Z\nc1,b,2024-01-01T00:01:00Z\n'],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from('case_id,activity,timestamp\nc1,'), Buffer.from([0xff, 0xfe]), Buffer.from(',2024-01-01T00:00:00Z\n')])],
    ['a header over two lines', 'case_id,"activ\nity",timestamp\nc1,a,2024-01-01T00:00:00Z\n'],
    ['a record longer than the streaming reader takes', `case_id,activity,timestamp\nc1,${'x'.repeat(4.5 * 1024 * 1024)},2024-01-01T00:00:00Z\nc1,b,2024-01-01T00:01:00Z\n`],
  ])('leaves a file with %s to the streaming reader, which says where', async (_what, content) => {
    const file = path.join(tmp.dir, 'odd.csv')
    fs.writeFileSync(file, content)
    const r = await imported(file)
    expect(r.reader).toBe('streaming')
    const s = await imported(file, { streaming: true })
    expect(r.summary).toEqual(s.summary)
    expect(await stored(r.ws)).toEqual(await stored(s.ws))
  })
})

describe('JSONL files read by the engine', () => {
  it.each([
    [21, false],
    [22, true],
  ])('stores what the streaming reader stores, and quarantines the same lines for the same reasons (seed %i, own ids %s)', async (seed, ownIds) => {
    const file = path.join(tmp.dir, `tricky-${seed}.jsonl`)
    fs.writeFileSync(file, trickyJsonl(seed, 12_000, { ownIds }))
    const engine = await imported(file, { name: 'log.jsonl' })
    const streaming = await imported(file, { name: 'log.jsonl', streaming: true })
    expect([engine.reader, streaming.reader]).toEqual(['engine', 'streaming'])
    expect(engine.summary).toEqual(streaming.summary)
    expect(engine.summary.quarantined).toBeGreaterThan(500)
    expect(engine.summary.imported).toBeGreaterThan(8000)
    if (ownIds) expect(engine.summary.skipped).toBeGreaterThan(500)
    const [a, b] = [await stored(engine.ws), await stored(streaming.ws)]
    expect(a.events.length).toBe(b.events.length)
    const differing = a.events.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(b.events[i]))
    expect(differing === -1 ? null : [a.events[differing], b.events[differing]]).toBeNull()
    const differingQ = a.quarantine.findIndex((q, i) => JSON.stringify(q) !== JSON.stringify(b.quarantine[i]))
    expect(differingQ === -1 ? null : [a.quarantine[differingQ], b.quarantine[differingQ]]).toBeNull()

    const again = await importEvents({ events: store, ingest }, engine.ws, file, { name: 'log.jsonl' })
    expect(again.skipped).toBe(again.imported)
    expect((await stored(engine.ws)).events.length).toBe(a.events.length)
  })

  const lines = (...objects: unknown[]) => objects.map((o) => JSON.stringify(o)).join('\n') + '\n'
  const event = (i: number, more: Record<string, unknown> = {}) => ({ case_id: `c${i % 3}`, activity: `a${i % 4}`, timestamp: `2024-01-01T00:0${i % 10}:00Z`, ...more })
  it.each([
    ['CRLF line ends', 'engine', lines(...Array.from({ length: 20 }, (_, i) => event(i))).replaceAll('\n', '\r\n')],
    ['gzip', 'engine', gzipSync(lines(...Array.from({ length: 20 }, (_, i) => event(i))))],
    ['a blank first line and a BOM', 'engine', `\uFEFF\n${lines(...Array.from({ length: 20 }, (_, i) => event(i)))}`],
    ['a lone CR', 'streaming', `${lines(event(1))}\r${lines(event(2))}`],
    ['bytes that are not UTF-8', 'streaming', Buffer.concat([Buffer.from(lines(event(1))), Buffer.from([0xff, 0x0a]), Buffer.from(lines(event(2)))])],
    ['lines of several shapes', 'engine', lines(...Array.from({ length: 30 }, (_, i) => event(i, i % 3 ? { extra: i } : i % 2 ? { score: 4, score_kind: 'csat' } : {})))],
    ['a nested first line', 'engine', lines(event(0, { who: { tier: 'gold' } }), ...Array.from({ length: 20 }, (_, i) => event(i)))],
    ['half its lines of a shape first seen past 64 KB', 'streaming', lines(...Array.from({ length: 4000 }, (_, i) => event(i, i < 2000 ? {} : { late: i })))],
    ['no case column', 'streaming', lines({ activity: 'a', timestamp: '2024-01-01' })],
  ])('reads a JSONL file with %s as the streaming reader does (read by the %s reader)', async (_what, reader, content) => {
    const file = path.join(tmp.dir, 'odd.jsonl')
    fs.writeFileSync(file, content)
    const r = await imported(file, { format: 'jsonl' })
    expect(r.reader).toBe(reader)
    const s = await imported(file, { format: 'jsonl', streaming: true })
    expect(r.summary).toEqual(s.summary)
    expect(await stored(r.ws)).toEqual(await stored(s.ws))
  })
})
