import type { EventStore } from '../../src/storage/events/event-store.ts'
import { chTime, type CustomerTraitsRow, type EventRow } from '../../src/storage/events/rows.ts'
import { fmt } from '../bench-utils.ts'
import { benchEvents, benchTraits, toEventRow } from './generate.ts'

/** Loads `n` seeded bench events (and each customer's traits) straight into the store, in batches; returns the seconds taken. */
export async function loadBenchEvents(store: EventStore, workspaceId: string, n: number, opts: { batch: number; seed: number; log?: (msg: string) => void }): Promise<number> {
  const receivedAt = chTime(new Date())
  const t0 = performance.now()
  const seconds = () => (performance.now() - t0) / 1000
  let batch: EventRow[] = []
  let traits: CustomerTraitsRow[] = []
  let i = 0
  let nextReport = 2_000_000
  for (const e of benchEvents(n, opts.seed)) {
    if (e.customer !== traits.at(-1)?.customer_id) {
      traits.push({ workspace_id: workspaceId, customer_id: e.customer, ts: chTime(new Date(e.ts)), traits: benchTraits(e.customer), source: 'bench', event_id: `t-${e.customer}` })
    }
    batch.push(toEventRow(e, workspaceId, i++, receivedAt))
    if (batch.length >= opts.batch) {
      await store.insert('events', batch)
      await store.insert('customers', traits)
      batch = []
      traits = []
      if (i >= nextReport) {
        opts.log?.(`loaded ${fmt(i)} of ${fmt(n)} events (${fmt(seconds(), 0)} s)`)
        nextReport += 2_000_000
      }
    }
  }
  await store.insert('events', batch)
  await store.insert('customers', traits)
  return seconds()
}
