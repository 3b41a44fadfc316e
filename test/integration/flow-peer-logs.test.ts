import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analysisScope } from '../../src/analytics/analysis-scope.ts'
import { getFlow } from '../../src/analytics/get-flow.ts'
import { importEvents } from '../../src/ingest/import-events.ts'
import { IngestWriter } from '../../src/ingest/ingest-writer.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { openTestEventStore } from '../support/event-store.ts'

const DATA = new URL('../../../shared/data/', import.meta.url).pathname
const LOGS = fs.readdirSync(`${DATA}peer`).sort()
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
})

type PeerDfg = { dfg: Array<[string, string, number]>; start_activities: Record<string, number>; end_activities: Record<string, number> }
const sortDfg = (d: Array<[string, string, number]>) => [...d].sort((x, y) => (x[0] + '\u0000' + x[1] < y[0] + '\u0000' + y[1] ? -1 : 1))
const variantKey = (path: string[]) => JSON.stringify(path)

describe('flow equals PM4Py on the real logs', () => {
  it('covers every reference log', () => {
    expect(LOGS.length).toBeGreaterThanOrEqual(8)
  })

  it.each(LOGS)('%s: directly-follows graph, start/end counts and variants', async (log) => {
    const summary = await importEvents({ events: store, ingest }, log, `${DATA}eventlogs/${log}.csv`)
    expect(summary.quarantined).toBe(0)
    const flow = await getFlow(store, analysisScope(log, undefined))
    const peer = JSON.parse(fs.readFileSync(`${DATA}peer/${log}/dfg.json`, 'utf8')) as PeerDfg
    const peerVariants = JSON.parse(fs.readFileSync(`${DATA}peer/${log}/variants.json`, 'utf8')) as Array<[string[], number]>

    expect(sortDfg(flow.dfg)).toEqual(sortDfg(peer.dfg))
    expect(flow.start).toEqual(peer.start_activities)
    expect(flow.end).toEqual(peer.end_activities)
    expect(new Map(flow.variants.map((v) => [variantKey(v.path), v.customers]))).toEqual(new Map(peerVariants.map(([p, n]) => [variantKey(p), n])))
  }, 120_000)
})
