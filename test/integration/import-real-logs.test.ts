import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ImportRecord } from '../../src/ingest/files/import-record.ts'
import { readImportFile } from '../../src/ingest/files/read-import-file.ts'

/** Real event logs shared by the team (see ../shared/data/README.md); never copied into the repository. */
const LOGS = fileURLToPath(new URL('../../../shared/data/eventlogs/', import.meta.url))

type Summary = {
  records: number
  rejections: Array<{ line: number; reason: string }>
  cases: Set<string>
  activities: Set<string>
  /** One sorted line per record (case, activity, timestamp ms, properties): the multiset of the log. */
  keys: string[]
  seconds: number
}

async function read(file: string, keep: (r: ImportRecord) => string | undefined = () => undefined): Promise<Summary> {
  const started = performance.now()
  const s: Summary = { records: 0, rejections: [], cases: new Set(), activities: new Set(), keys: [], seconds: 0 }
  for await (const item of readImportFile(path.join(LOGS, file), {})) {
    if (!item.ok) {
      if (s.rejections.length < 10) s.rejections.push({ line: item.rejection.line, reason: item.rejection.reason })
      continue
    }
    const r = item.record
    s.records++
    s.cases.add(r.caseId)
    s.activities.add(r.activity)
    const key = keep(r)
    if (key !== undefined) s.keys.push(key)
  }
  s.seconds = (performance.now() - started) / 1000
  s.keys.sort()
  return s
}

/** Lines of a text file minus its header, counted from the bytes. */
async function dataLines(file: string): Promise<number> {
  let lines = 0
  let last = 10
  for await (const chunk of fs.createReadStream(path.join(LOGS, file))) {
    const buf = chunk as Buffer
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++
    if (buf.length > 0) last = buf[buf.length - 1] as number
  }
  return (last === 10 ? lines : lines + 1) - 1
}

const eventKey = (r: ImportRecord) => {
  const props = Object.keys(r.properties)
    .sort()
    .map((k) => `${k}=${r.properties[k]}`)
    .join('\u0002')
  return [r.caseId, r.activity, r.timestamp.getTime(), props].join('\u0001')
}
const digest = (keys: string[]) => createHash('sha256').update(keys.join('\n')).digest('hex')

describe.skipIf(!fs.existsSync(LOGS))('reading the real event logs', () => {
  it('helpdesk.csv: 21,348 events, 4,580 cases, 14 activities, nothing rejected', async () => {
    const s = await read('helpdesk.csv')
    expect(s.rejections).toEqual([])
    expect(s.records).toBe(21_348)
    expect(s.cases.size).toBe(4_580)
    expect(s.activities.size).toBe(14)
  })

  it('helpdesk.xes.gz gives the same events, timestamps and properties (resource included) as helpdesk.csv', async () => {
    const [csv, xes] = await Promise.all([read('helpdesk.csv', eventKey), read('helpdesk.xes.gz', eventKey)])
    expect(xes.rejections).toEqual([])
    expect(xes.records).toBe(21_348)
    expect(xes.keys.length).toBe(csv.keys.length)
    expect(xes.keys.filter((k) => !k.includes('\u0002resource=') && !k.includes('\u0001resource='))).toEqual([])
    expect(digest(xes.keys)).toBe(digest(csv.keys))
  })

  it('receipt.csv (XES-style columns, zone offsets): 8,577 events, 1,434 cases, 27 activities, channel from case:channel', async () => {
    const channels = new Map<string, number>()
    const s = await read('receipt.csv', (r) => {
      channels.set(r.channel ?? '(none)', (channels.get(r.channel ?? '(none)') ?? 0) + 1)
      return r.line === 2 ? JSON.stringify(r) : undefined
    })
    expect(s.rejections).toEqual([])
    expect(s.records).toBe(8_577)
    expect(s.cases.size).toBe(1_434)
    expect(s.activities.size).toBe(27)
    expect(channels.has('(none)')).toBe(false)
    expect(channels.get('Internet')).toBeGreaterThan(0)
    const first = JSON.parse(s.keys[0] ?? '{}') as Record<string, unknown>
    expect(first).toMatchObject({
      caseId: 'case-10011',
      activity: 'Confirmation of receipt',
      timestamp: '2011-10-11T11:45:40.276Z', // 13:45:40.276000+02:00
      channel: 'Internet',
      properties: { 'case:department': 'General', 'org:resource': 'Resource21', 'lifecycle:transition': 'complete' },
    })
  })

  it.each([
    'bpi2020_DomesticDeclarations.csv',
    'bpi2020_InternationalDeclarations.csv',
    'bpi2020_PermitLog.csv',
    'bpi2020_PrepaidTravelCost.csv',
    'bpi2020_RequestForPayment.csv',
  ])('%s: one record per data line, nothing rejected', async (file) => {
    const [s, lines] = await Promise.all([read(file), dataLines(file)])
    expect(s.rejections).toEqual([])
    expect(s.records).toBe(lines)
    // ~80k rows read in well under a second on a laptop; this only catches something pathological.
    expect(s.seconds).toBeLessThan(20)
  })
})
