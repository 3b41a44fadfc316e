import fs from 'node:fs'
import path from 'node:path'
import { Analytics } from '@segment/analytics-node'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { analysisScope } from '../../src/analytics/analysis-scope.ts'
import { analyzeJourney } from '../../src/analytics/analyze-journey.ts'
import { getCustomerTimeline } from '../../src/analytics/get-customer-timeline.ts'
import { getFunnel } from '../../src/analytics/get-funnel.ts'
import { importEvents, type ImportSummary } from '../../src/ingest/import-events.ts'
import { MAX_ID_LENGTH } from '../../src/ingest/segment/normalize-message.ts'
import type { Runtime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { startTestApp } from '../support/app.ts'
import { runCli } from '../support/cli.ts'
import { tempDir } from '../support/temp-dir.ts'
import { expectSameResults } from '../support/same-results.ts'

const LOGS = new URL('../../../shared/data/eventlogs/', import.meta.url).pathname
const HELPDESK = path.join(LOGS, 'helpdesk.csv')

let app: FastifyInstance
let rt: Runtime
let close: () => Promise<void>
let baseUrl: string
const tmp = tempDir()

beforeAll(async () => {
  ;({ app, rt, close } = await startTestApp())
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await close()
  tmp.cleanup()
})

/** Imports as the CLI and the server do: through the runtime's one writer, which the collector uses too. */
const importFile = (workspaceId: string, file: string, mapping = {}) => importEvents({ events: rt.events, ingest: rt.ingest }, workspaceId, file, { mapping })

/** Rows as stored, without FINAL: a duplicate would be counted until a background merge removes it. */
async function raw(workspaceId: string, table: 'events' | 'customers' = 'events'): Promise<{ rows: number; ids: number }> {
  const [r] = await rt.events.query<{ rows: string; ids: string }>(`SELECT count() AS rows, uniqExact(event_id) AS ids FROM ${table} WHERE workspace_id = {ws:String}`, { ws: workspaceId })
  return { rows: Number(r!.rows), ids: Number(r!.ids) }
}

describe('one rule for every ingest path: an event id is stored once', () => {
  it('helpdesk.csv imported twice is stored and analysed exactly as when imported once', async () => {
    const first = await importFile('ws_twice', HELPDESK)
    const again = await importFile('ws_twice', HELPDESK)
    const once = await importFile('ws_once', HELPDESK)
    expect(first).toMatchObject({ imported: 21_348, skipped: 0, quarantined: 0, customers: 4_580 })
    expect(again).toMatchObject({ imported: 21_348, skipped: 21_348, quarantined: 0, customers: 4_580, customersWithTraits: 0 })
    expect(once).toMatchObject({ imported: 21_348, skipped: 0, customers: 4_580, customersWithTraits: first.customersWithTraits })

    expect(await raw('ws_twice')).toEqual({ rows: 21_348, ids: 21_348 })
    expect(await raw('ws_once')).toEqual({ rows: 21_348, ids: 21_348 })
    // The re-import derived no traits a second time.
    expect((await raw('ws_twice', 'customers')).rows).toBe((await raw('ws_once', 'customers')).rows)

    const twice = await analyzeJourney(rt.events, 'ws_twice', undefined)
    expect(twice.flow.dfg.length).toBeGreaterThan(0)
    expectSameResults(twice, await analyzeJourney(rt.events, 'ws_once', undefined))

    const funnel = { steps: ['Assign seriousness', 'Take in charge ticket', 'Resolve ticket'], windowHours: 24 * 90, order: 'ordered' as const }
    const funnelTwice = await getFunnel(rt.events, analysisScope('ws_twice', undefined), funnel)
    expect(funnelTwice.steps[0]!.customers).toBeGreaterThan(0)
    expectSameResults(funnelTwice, await getFunnel(rt.events, analysisScope('ws_once', undefined), funnel))

    const timeline = await getCustomerTimeline(rt.events, 'ws_twice', 'Case 1')
    expect(timeline.length).toBeGreaterThan(1)
    expect(timeline).toEqual(await getCustomerTimeline(rt.events, 'ws_once', 'Case 1'))
  }, 120_000)

  it('a file of messageIds imported while @segment/analytics-node sends the same messages: each id stored once, analysed as the file alone', async () => {
    const { workspace } = await createUserInWorkspace(rt.repos, { email: 'race@example.com', password: 'password-1', workspace: 'race' })
    const writeKey = (await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'write', name: 'site' })).secret

    // 600 customers, 12 events each, an hour or more apart: the same messages as file lines and as track calls.
    const steps = ['Visited Site', 'Compared Plans', 'Ordered', 'Called Support', 'Technician Visit', 'Paid Bill']
    const messages = Array.from({ length: 600 * 12 }, (_, i) => {
      const c = Math.floor(i / 12)
      const k = i % 12
      const event = steps[(c * 7 + k * (1 + (c % 3))) % steps.length]!
      return {
        messageId: `msg-${c}-${k}`,
        userId: `cust-${c}`,
        event,
        timestamp: new Date(Date.UTC(2025, 0, 1) + c * 3_600_000 + k * (3_600_000 + (c % 17) * 60_000)).toISOString(),
        channel: event === 'Called Support' ? 'phone' : 'web',
      }
    })
    const file = path.join(tmp.dir, 'export.jsonl')
    fs.writeFileSync(file, messages.map((m) => JSON.stringify({ messageId: m.messageId, user_id: m.userId, event: m.event, timestamp: m.timestamp, channel: m.channel })).join('\n'))

    // The collector moves `timestamp` by receivedAt − sentAt (clock skew); on loopback that is the latency, a few
    // milliseconds. With the clock held still both are the same instant, so a collected event keeps the file's time
    // to the millisecond and the analyses can be compared exactly. It stops at the present; timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    const analytics = new Analytics({ writeKey, host: baseUrl, flushAt: 200, flushInterval: 20, maxRetries: 3 })
    const errors: unknown[] = []
    analytics.on('error', (e) => errors.push(e))
    let summary: ImportSummary | undefined
    try {
      const sending = (async () => {
        for (const m of messages) {
          analytics.track({ messageId: m.messageId, userId: m.userId, event: m.event, timestamp: m.timestamp, context: { channel: m.channel } })
        }
        await analytics.closeAndFlush({ timeout: 60_000 })
      })()
      const importing = importFile(workspace.id, file)
      ;[summary] = await Promise.all([importing, sending])
    } finally {
      vi.useRealTimers()
    }
    expect(errors).toEqual([])
    expect(summary).toMatchObject({ imported: messages.length, quarantined: 0, customers: 600 })

    expect(await raw(workspace.id)).toEqual({ rows: messages.length, ids: messages.length })
    // What the import left out as already stored is exactly what the collector stored, and the rest is the import's.
    const bySource = await rt.events.query<{ source: string; n: string }>('SELECT source, count() AS n FROM events WHERE workspace_id = {ws:String} GROUP BY source', { ws: workspace.id })
    const stored = Object.fromEntries(bySource.map((r) => [r.source, Number(r.n)]))
    expect(stored.collector ?? 0).toBe(summary!.skipped)
    expect(stored.import ?? 0).toBe(messages.length - summary!.skipped)

    await importFile('ws_file_alone', file)
    const analysis = await analyzeJourney(rt.events, workspace.id, undefined)
    expect(analysis.summary).toMatchObject({ events: messages.length, customers: 600 })
    expectSameResults(analysis, await analyzeJourney(rt.events, 'ws_file_alone', undefined))
  }, 120_000)

  it('a re-import reports every row as skipped and stores nothing new; a file repeating its own id stores it once', async () => {
    const file = path.join(tmp.dir, 'tickets.csv')
    fs.writeFileSync(file, 'ticket,what,when,region\nT1,opened,2024-01-01 10:00:00,north\nT1,closed,2024-01-01 11:00:00,north\nT2,opened,2024-01-02 10:00:00,south\n')
    const first = await importFile('ws_small', file, { case: 'ticket', activity: 'what', timestamp: 'when' })
    expect(first).toMatchObject({ imported: 3, skipped: 0, customers: 2, customersWithTraits: 2 })
    const before = { events: await raw('ws_small'), customers: await raw('ws_small', 'customers') }
    const again = await importFile('ws_small', file, { case: 'ticket', activity: 'what', timestamp: 'when' })
    expect(again).toMatchObject({ imported: 3, skipped: 3, quarantined: 0, customers: 2, customersWithTraits: 0 })
    expect({ events: await raw('ws_small'), customers: await raw('ws_small', 'customers') }).toEqual(before)

    // Own ids: a default-named column, a mapped one (--id), cut to the collector's longest messageId.
    const long = 'x'.repeat(MAX_ID_LENGTH + 50)
    const own = path.join(tmp.dir, 'own-ids.csv')
    fs.writeFileSync(own, `case_id,activity,timestamp,message_id\nA,opened,2024-01-01 10:00:00,m-1\nA,opened,2024-01-01 10:00:00,m-1\nA,closed,2024-01-01 12:00:00,${long}\n`)
    expect(await importFile('ws_own', own)).toMatchObject({ imported: 3, skipped: 1 })
    const ids = await rt.events.query<{ event_id: string }>("SELECT event_id FROM events WHERE workspace_id = 'ws_own' ORDER BY ts")
    expect(ids.map((r) => r.event_id)).toEqual(['m-1', long.slice(0, MAX_ID_LENGTH)])
    const mapped = path.join(tmp.dir, 'mapped.jsonl')
    fs.writeFileSync(mapped, `${JSON.stringify({ ref: 'm-1', case_id: 'A', activity: 'opened', timestamp: '2024-01-01T10:00:00Z' })}\n`)
    expect(await importFile('ws_own', mapped, { id: 'ref' })).toMatchObject({ imported: 1, skipped: 1 })
    expect(await raw('ws_own')).toEqual({ rows: 2, ids: 2 })
  })

  it('takes the id column from the HTTP query parameter `id` and the CLI flag --id', async () => {
    const file = path.join(tmp.dir, 'refs.csv')
    fs.writeFileSync(file, 'case_id,activity,timestamp,ref\nA,opened,2024-01-01 10:00:00,r-1\nA,opened,2024-01-01 10:00:00,r-1\nB,opened,2024-01-01 11:00:00,r-2\n')
    const { workspace } = await createUserInWorkspace(rt.repos, { email: 'http@example.com', password: 'password-1', workspace: 'http-ids' })
    const { secret } = await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'import', name: 'etl' })
    const res = await app.inject({
      method: 'POST',
      url: '/api/workspaces/http-ids/imports?format=csv&id=ref',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv' },
      payload: fs.readFileSync(file),
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ imported: 3, skipped: 1, customers: 2 })
    const ids = await rt.events.query<{ event_id: string }>('SELECT event_id FROM events WHERE workspace_id = {ws:String} ORDER BY event_id', { ws: workspace.id })
    expect(ids.map((r) => r.event_id)).toEqual(['r-1', 'r-2'])

    const dataDir = path.join(tmp.dir, 'cli-data')
    expect((await runCli(['user', 'create', '--email', 'cli@example.com', '--password', 'password-1', '--workspace', 'cli'], { DATA_DIR: dataDir })).code).toBe(0)
    const r = await runCli(['import', 'events', file, '--workspace', 'cli', '--id', 'ref', '--json'], { DATA_DIR: dataDir })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 3, skipped: 1, customers: 2 })
  }, 60_000)
})
