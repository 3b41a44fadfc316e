import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analysisScope } from '../../src/analytics/analysis-scope.ts'
import { analyzeJourney } from '../../src/analytics/analyze-journey.ts'
import { getCustomerTimeline } from '../../src/analytics/get-customer-timeline.ts'
import { getFunnel } from '../../src/analytics/get-funnel.ts'
import { getSankey } from '../../src/analytics/get-sankey.ts'
import { getTrackingPlan } from '../../src/analytics/get-tracking-plan.ts'
import { listCustomers } from '../../src/analytics/list-customers.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { openTestEventStore } from '../support/event-store.ts'
import { plantedJourney, type PlantedData } from '../support/planted-journey.ts'

/**
 * Ingestion stores an id once (tested in exactly-once.test.ts), but a duplicate
 * can still reach the table: data stored before that rule, or two servers racing
 * on a ClickHouse cluster. The table collapses such rows only at a background
 * merge, whenever that runs; analyses must not wait for it.
 */
let store: EventStore
let close: () => Promise<void>
let data: PlantedData

beforeAll(async () => {
  ;({ store, close } = await openTestEventStore())
  data = plantedJourney({ seed: 5, customers: 1500, planted: true, workspaceId: 'once' })
  const twice = { ...data, events: data.events.map((e) => ({ ...e, workspace_id: 'twice' })), traits: data.traits.map((t) => ({ ...t, workspace_id: 'twice' })) }
  for (const d of [data, twice]) {
    await store.insert('events', d.events)
    await store.insert('customers', d.traits)
  }
  // The same rows again, in a separate insert (a part of their own), straight into the table.
  await store.insert('events', twice.events)
}, 120_000)
afterAll(() => close())

describe('an event stored twice (before the engine merges it away) counts once', () => {
  it('is really stored twice', async () => {
    const [r] = await store.query<{ once: string; twice: string }>(
      "SELECT countIf(workspace_id = 'once') AS once, countIf(workspace_id = 'twice') AS twice FROM events",
    )
    expect(Number(r!.twice)).toBe(2 * Number(r!.once))
  })

  it('gives every analysis the same answer as a single copy', async () => {
    const doc = data.journey
    const both = async <T>(f: (ws: string) => Promise<T>) => [await f('once'), await f('twice')] as const
    const [a, b] = await both((ws) => analyzeJourney(store, ws, doc))
    expect(a.summary.events).toBe(data.events.length)
    expect(b).toEqual(a)
    const customer = data.events.find((e) => e.event === 'order_status_checked')!.customer_id
    for (const [x, y] of [
      await both((ws) => getFunnel(store, analysisScope(ws, doc), { steps: ['cart_added', 'checkout', 'payment'], windowHours: 720, order: 'ordered', breakdown: 'channel' })),
      await both((ws) => getSankey(store, analysisScope(ws, doc), { step: 'checkout', direction: 'from', depth: 3, minShare: 0.01 })),
      await both((ws) => getTrackingPlan(store, ws, doc)),
      await both((ws) => listCustomers(store, analysisScope(ws, doc), doc, 'order_status', 'contactRepeated', 20)),
      await both((ws) => getCustomerTimeline(store, ws, customer, doc)),
    ]) {
      expect(y).toEqual(x)
    }
  })
})
