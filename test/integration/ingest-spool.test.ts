import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IngestSpool, readingAfterWrites } from '../../src/ingest/ingest-spool.ts'
import { IngestWriter } from '../../src/ingest/ingest-writer.ts'
import { quarantineRow } from '../../src/ingest/quarantine.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { chTime, type EventRow } from '../../src/storage/events/rows.ts'
import { eventRow, openTestEventStore } from '../support/event-store.ts'
import { tempDir } from '../support/temp-dir.ts'

let store: EventStore
let close: () => Promise<void>

const event = (workspace: string, id: string, i: number): EventRow =>
  eventRow({ workspace_id: workspace, event_id: id, customer_id: `c${i % 50}`, user_id: `c${i % 50}`, ts: chTime(new Date(Date.UTC(2026, 0, 1) + i * 1000)), seq: i })
const events = (workspace: string, prefix: string, n: number, from = 0) => Array.from({ length: n }, (_, i) => event(workspace, `${prefix}-${i + from}`, i + from))

async function counts(workspace: string): Promise<{ events: number; ids: number; quarantine: number }> {
  const [r] = await store.query<{ events: string; ids: string; quarantine: string }>(
    `SELECT (SELECT count() FROM events WHERE workspace_id = {ws:String}) AS events, (SELECT uniqExact(event_id) FROM events WHERE workspace_id = {ws:String}) AS ids,
            (SELECT count() FROM quarantine WHERE workspace_id = {ws:String}) AS quarantine`,
    { ws: workspace },
  )
  return { events: Number(r!.events), ids: Number(r!.ids), quarantine: Number(r!.quarantine) }
}

beforeAll(async () => {
  ;({ store, close } = await openTestEventStore())
})
afterAll(() => close())

describe('ingest spool', () => {
  it('acknowledges a write once it is on disk while the engine is busy with a long query, and a read after the answer sees it', async () => {
    const dir = tempDir()
    const writer = new IngestWriter(store)
    const spool = await IngestSpool.open(path.join(dir.dir, 'spool'), writer, store)
    const reader = readingAfterWrites(store, spool)
    await writer.write({ events: events('ws_busy', 'warm', 1) }) // the writer's stored-id filter is loaded before the race
    const order: string[] = []
    // About 3 s of engine time, in process one statement at a time: without the spool the insert would wait for it.
    const busy = store.query('SELECT sleepEachRow(0.5) FROM numbers(6) SETTINGS max_block_size = 1').then(() => order.push('long query done'))
    await new Promise((r) => setTimeout(r, 200))
    await spool.accept({ events: events('ws_busy', 'm', 40) }).then(() => order.push('acknowledged'))
    expect(fs.readdirSync(path.join(dir.dir, 'spool')).filter((f) => f.endsWith('.spool'))).toHaveLength(1)
    const read = await reader.query<{ n: string }>('SELECT count() AS n FROM events WHERE workspace_id = {ws:String}', { ws: 'ws_busy' })
    await busy
    expect(order).toEqual(['acknowledged', 'long query done'])
    expect(Number(read[0]!.n)).toBe(41)
    await spool.close()
    expect(fs.readdirSync(path.join(dir.dir, 'spool'))).toEqual([])
    dir.cleanup()
  }, 20_000)

  it('a file left by a killed process is stored on the next start, once: what it had stored already is not stored again; a torn one is dropped, a damaged one kept aside', async () => {
    const dir = tempDir()
    const spoolDir = path.join(dir.dir, 'spool')
    fs.mkdirSync(spoolDir)
    const kept = quarantineRow({ workspaceId: 'ws_kill', source: 'collector', reason: 'bad', payload: '{', receivedAt: new Date() })
    const left = [{ events: events('ws_kill', 'm', 30) }, { events: events('ws_kill', 'm', 30, 30), quarantine: [kept] }]
    // The killed process had stored the first write and the quarantined input, but not deleted the file.
    const before = new IngestWriter(store)
    await before.write({ events: events('ws_kill', 'm', 30), quarantine: [kept] })
    fs.writeFileSync(path.join(spoolDir, '000000000000001-000000000.spool'), JSON.stringify(left))
    // A file cut short by the kill was never acknowledged: it is dropped.
    fs.writeFileSync(path.join(spoolDir, '000000000000002-000000001.tmp'), JSON.stringify(left).slice(0, 100))
    // A file damaged on disk is kept aside, and the server still starts.
    fs.writeFileSync(path.join(spoolDir, '000000000000003-000000002.spool'), '[{"events": [')
    const spool = await IngestSpool.open(spoolDir, new IngestWriter(store), store)
    expect(await counts('ws_kill')).toEqual({ events: 60, ids: 60, quarantine: 1 })
    expect(fs.readdirSync(spoolDir)).toEqual(['000000000000003-000000002.spool.unreadable'])
    await spool.close()
    dir.cleanup()
  })

  it('past 200,000 acknowledged rows not yet stored, answers wait for the engine again (memory stays bounded)', async () => {
    const dir = tempDir()
    const writer = new IngestWriter(store)
    const spool = await IngestSpool.open(path.join(dir.dir, 'spool'), writer, store)
    await writer.write({ events: events('ws_bound', 'warm', 1) })
    const order: string[] = []
    const busy = store.query('SELECT sleepEachRow(0.5) FROM numbers(6) SETTINGS max_block_size = 1').then(() => order.push('long query done'))
    await new Promise((r) => setTimeout(r, 200))
    await spool.accept({ events: events('ws_bound', 'm', 200_001) }).then(() => order.push('acknowledged'))
    await busy
    expect(order).toEqual(['long query done', 'acknowledged'])
    expect((await counts('ws_bound')).ids).toBe(200_002)
    await spool.close()
    dir.cleanup()
  }, 60_000)

  it('stores concurrent writes through one file each turn and answers each', async () => {
    const dir = tempDir()
    const spool = await IngestSpool.open(path.join(dir.dir, 'spool'), new IngestWriter(store), store)
    await Promise.all(Array.from({ length: 20 }, (_, k) => spool.accept({ events: events('ws_many', `k${k}`, 25) })))
    await spool.stored()
    expect(await counts('ws_many')).toEqual({ events: 500, ids: 500, quarantine: 0 })
    await spool.close()
    dir.cleanup()
  })
})
