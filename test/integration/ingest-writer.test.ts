import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IngestWriter } from '../../src/ingest/ingest-writer.ts'
import { murmurHash3_32 } from '../../src/ingest/murmur-hash.ts'
import { SeenIds } from '../../src/ingest/seen-ids.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { chTime, type EventRow } from '../../src/storage/events/rows.ts'
import { eventRow, openTestEventStore } from '../support/event-store.ts'

let store: EventStore
let close: () => Promise<void>

const event = (workspace: string, id: string, i: number): EventRow =>
  eventRow({ workspace_id: workspace, event_id: id, customer_id: `c${i % 500}`, user_id: `c${i % 500}`, ts: chTime(new Date(Date.UTC(2026, 0, 1) + i * 1000)), seq: i })
const events = (workspace: string, prefix: string, n: number) => Array.from({ length: n }, (_, i) => event(workspace, `${prefix}-${i}`, i))

async function stored(workspace: string): Promise<{ rows: number; ids: number }> {
  const [r] = await store.query<{ rows: string; ids: string }>('SELECT count() AS rows, uniqExact(event_id) AS ids FROM events WHERE workspace_id = {ws:String}', { ws: workspace })
  return { rows: Number(r!.rows), ids: Number(r!.ids) }
}

beforeAll(async () => {
  ;({ store, close } = await openTestEventStore())
})
afterAll(() => close())

describe('stored-id filter', () => {
  it('hashes exactly as the engine does, for any text', async () => {
    const texts = ['', 'a', 'abcd', 'hello', 'ws_1\u0000msg-1', 'héllo wörld ✓', 'emoji 🙂 pair', '日本語のメッセージ', 'x'.repeat(1001)]
    for (const s of texts) {
      const [r] = await store.query<{ h: number }>('SELECT murmurHash3_32({s:String}) AS h', { s })
      expect(murmurHash3_32(s), JSON.stringify(s.slice(0, 20))).toBe(Number(r!.h))
    }
  })

  it('loaded from a table, knows every stored id and few others', async () => {
    await store.insert('events', events('ws_filter', 'stored', 30_000))
    const seen = await SeenIds.load(store, 'events')
    let missed = 0
    for (let i = 0; i < 30_000; i++) if (!seen.mayContain('ws_filter', `stored-${i}`)) missed++
    expect(missed).toBe(0)
    let falsePositives = 0
    for (let i = 0; i < 30_000; i++) if (seen.mayContain('ws_filter', `new-${i}`) || seen.mayContain('ws_other', `stored-${i}`)) falsePositives++
    expect(falsePositives / 30_000).toBeLessThan(0.03)
  })

  it('keeps knowing every id as it grows past its first capacity', () => {
    const seen = new SeenIds()
    for (let i = 0; i < 1_500_000; i++) seen.add('ws', `id-${i}`)
    for (let i = 0; i < 1_500_000; i += 997) expect(seen.mayContain('ws', `id-${i}`)).toBe(true)
  })
})

describe('ingest writer', () => {
  it('stores a resent message once, also after a restart (the filter is loaded from what is stored)', async () => {
    const first = new IngestWriter(store)
    await first.write({ events: events('ws_restart', 'm', 100) })
    await first.drain()
    const second = new IngestWriter(store)
    await Promise.all([second.write({ events: events('ws_restart', 'm', 150) }), second.write({ events: events('ws_restart', 'm', 120) })])
    await second.drain()
    expect(await stored('ws_restart')).toEqual({ rows: 150, ids: 150 })
  })

  it('stores once a retry that races its original in the next group', async () => {
    const writer = new IngestWriter(store, { maxDelayMs: 1 })
    await writer.write({ events: events('ws_race_warm_up', 'w', 1) }) // the writer has loaded its filter
    const batch = events('ws_race', 'r', 9_000)
    const original = writer.write({ events: batch })
    await new Promise((r) => setTimeout(r, 5)) // the original's group is being inserted now
    const retry = writer.write({ events: batch.map((e) => ({ ...e })) })
    await Promise.all([original, retry])
    expect(await stored('ws_race')).toEqual({ rows: 9_000, ids: 9_000 })
  })

  it('gives an exclusive turn (a file the engine stores itself) between groups: what came before has landed, what comes during waits, and the filter learns its ids', async () => {
    const writer = new IngestWriter(store)
    const before = writer.write({ events: events('ws_turn', 'before', 500) })
    let during: Promise<unknown> | undefined
    let seenInTurn = -1
    const turn = writer.exclusive(async () => {
      // A write made during the turn starts its group, which must wait for the turn and not be waited for by it.
      during = writer.write({ events: events('ws_turn', 'during', 500) })
      await new Promise((r) => setTimeout(r, 100))
      seenInTurn = (await stored('ws_turn')).rows
      await store.insert('events', events('ws_turn', 'engine', 200))
      const hashes = await store.queryUInt32Column("SELECT murmurHash3_32(concat(workspace_id, '\\0', event_id)) FROM events WHERE workspace_id = 'ws_turn' AND startsWith(event_id, 'engine')")
      return { result: 'stored', storedHashes: async () => hashes }
    })
    expect(await turn).toBe('stored')
    await Promise.all([before, during])
    expect(seenInTurn).toBe(500)
    expect(await stored('ws_turn')).toEqual({ rows: 1_200, ids: 1_200 })
    // The engine's ids are known to the filter now: a resend of them is left out.
    const resent = await writer.write({ events: events('ws_turn', 'engine', 200) })
    expect(resent.duplicates.events).toBe(200)
    expect(await stored('ws_turn')).toEqual({ rows: 1_200, ids: 1_200 })
  })
})
