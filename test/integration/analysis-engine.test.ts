import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analysisScope, type Scope } from '../../src/analytics/analysis-scope.ts'
import { analyzeJourney } from '../../src/analytics/analyze-journey.ts'
import { getConformance } from '../../src/analytics/get-conformance.ts'
import { getDrivers } from '../../src/analytics/get-drivers.ts'
import { getFlow } from '../../src/analytics/get-flow.ts'
import { getFunnel } from '../../src/analytics/get-funnel.ts'
import { getTouchpointKpis } from '../../src/analytics/get-touchpoint-kpis.ts'
import { customerPathsSql, pathsWithRevenueSql } from '../../src/analytics/customer-paths.ts'
import { ALL_PARTS, dropStaleScopeTables, withMaterializedScope } from '../../src/analytics/materialized-scope.ts'
import { MAX_CHANNELS, withScopeNames } from '../../src/analytics/scope-names.ts'
import { stepOccurrences } from '../../src/analytics/step-occurrences.ts'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import type { Runtime } from '../../src/runtime.ts'
import { ingestMessages } from '../../src/ingest/segment/ingest-messages.ts'
import { createDemo } from '../../src/services/demo.ts'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { startTestApp } from '../support/app.ts'
import { eventRow } from '../support/event-store.ts'
import { chTime } from '../../src/storage/events/rows.ts'

let rt: Runtime
let close: () => Promise<void>
let ws: string
let doc: JourneyDocument

beforeAll(async () => {
  ;({ rt, close } = await startTestApp())
  await createDemo(rt, { customers: 3000, seed: 5 })
  ws = (await rt.repos.workspaces.find('demo'))!.id
  doc = (await rt.repos.journeys.list(ws as never))[0]!.document
}, 120_000)
afterAll(() => close())

/** The same engine, but analyses keep their subqueries inline, as they do on a cluster. */
const inline = (events: EventStore): EventStore => ({ ...events, topology: { ...events.topology, cluster: 'inline' } })

const scopeTables = async () =>
  (await rt.events.query<{ name: string }>("SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'scope_')")).map((r) => r.name)
/** The trait segments kept between analyses (temporary tables of the engine's session). */
const keptSegments = async () =>
  (await rt.events.query<{ name: string }>("SELECT name FROM system.tables WHERE is_temporary AND startsWith(name, 'trait_segments_') ORDER BY name")).map((r) => r.name)

describe('the analysis engine', () => {
  it('per-step measures from array functions equal a plain grouping of every occurrence by customer and step', async () => {
    const scope = await withScopeNames(rt.events, analysisScope(ws, doc), { channels: true })
    const slowThreshold = 1.5 // log1p(hours): waits above ~3.5 h
    const { params, paths, customerSteps, elements } = stepOccurrences(scope, doc, { slowThreshold })
    // The straightforward formulation: one row per occurrence, grouped by (customer, step).
    const reference = `
      SELECT customer, step, count() AS n, arraySort(groupArray((t, ch))) AS tc, arrayMap(x -> x.1, tc) AS ts,
             arrayExists((a, b) -> dateDiff('second', a, b) <= {repeat_window:UInt32}, arrayPopBack(ts), arrayPopFront(ts)) AS repeated,
             arrayExists((a, b) -> dateDiff('second', a.1, b.1) <= {repeat_window:UInt32} AND has({contact_channels:Array(UInt16)}, b.2), arrayPopBack(tc), arrayPopFront(tc)) AS contact_repeated,
             max(exited) AS exited, max(converted) AS converted, arrayExists(w -> w > {slow_threshold:Float64}, groupArrayIf(wait, wait IS NOT NULL)) AS slow,
             groupArrayIf(hours, has_next) AS gaps, groupArrayIf(wait, wait IS NOT NULL) AS waits
      FROM (
        SELECT customer, path[i] AS step, stages[i] AS stage, times[i] AS t, channels[i] AS ch,
               i = length(path) AND NOT has(path, {goal:UInt16}) AS exited,
               arrayExists((s, j) -> j > i AND s = stages[i] + 1, stages, arrayEnumerate(stages)) AS converted,
               i < length(path) AS has_next,
               if(has_next, (toUnixTimestamp64Milli(times[i + 1]) - toUnixTimestamp64Milli(times[i])) / 3600000, NULL) AS hours,
               if(has_next AND stages[i + 1] = stages[i], log1p(hours), NULL) AS wait
        FROM (${paths}) ARRAY JOIN arrayEnumerate(path) AS i)
      GROUP BY customer, step`
    // Each customer's sets of steps, flattened to (customer, step, set) rows, both ways.
    const sets = ['repeated', 'contact_repeated', 'exited', 'converted', 'slow']
    const ours = `SELECT customer, x.1 AS step, x.2 AS set
                  FROM (${customerSteps}) ARRAY JOIN arrayConcat(${['reached', ...sets].map((c) => `arrayMap(s -> (s, '${c}'), ${c})`).join(', ')}) AS x`
    const plain = `SELECT customer, step, set FROM (${reference}) ARRAY JOIN arrayFilter(x -> x != '', [${['reached', ...sets].map((c) => (c === 'reached' ? `'reached'` : `if(${c}, '${c}', '')`)).join(', ')}]) AS set`
    // Every event's gap and wait, per step, both ways.
    const ourEvents = `SELECT step, count() AS n, arraySort(groupArrayIf(gap, gap >= 0)) AS all_gaps, arraySort(groupArrayIf(wait, wait >= 0)) AS all_waits
                       FROM (${elements}) ARRAY JOIN path AS step, gaps AS gap, waits AS wait GROUP BY step`
    const plainEvents = `SELECT step, sum(n) AS n, arraySort(groupArrayArray(gaps)) AS all_gaps, arraySort(groupArrayArray(waits)) AS all_waits FROM (${reference}) GROUP BY step`
    const [counts] = await rt.events.query<Record<string, string>>(
      `SELECT (SELECT count() FROM (${ours})) AS rows,
              (SELECT count() FROM ((${plain}) EXCEPT (${ours}))) AS missing,
              (SELECT count() FROM ((${ours}) EXCEPT (${plain}))) AS extra,
              (SELECT count() FROM ((${ourEvents}) EXCEPT (${plainEvents}))) AS events_differ,
              (SELECT count() FROM (${ourEvents})) AS steps,
              ${sets.map((c) => `(SELECT countIf(set = '${c}') FROM (${ours})) AS ${c}`).join(', ')}`,
      params,
    )
    // Every set has members, so the comparison covers them all.
    expect(Number(counts!.rows)).toBeGreaterThan(10_000)
    for (const set of sets) expect(Number(counts![set]), set).toBeGreaterThan(0)
    expect(Number(counts!.steps)).toBeGreaterThan(5)
    expect({ missing: Number(counts!.missing), extra: Number(counts!.extra), eventsDiffer: Number(counts!.events_differ) }).toEqual({ missing: 0, extra: 0, eventsDiffer: 0 })
  })

  it('builds every path as a plain sort of the customer\'s stitched events would (numbers packed for speed lose nothing)', async () => {
    const columns = ['times', 'stages', 'channels', 'value'] as const
    const compare = async (unnamed: Scope) => {
      const scope = await withScopeNames(rt.events, unnamed, { channels: true })
      // The straightforward formulation: stitch every event, group by customer, sort (time, arrival) tuples.
      const reference = `
        SELECT customer, arrayMap(x -> x.3, s) AS path, arrayMap(x -> x.1, s) AS times, arrayMap(x -> x.4, s) AS stages, arrayMap(x -> x.5, s) AS channels, revenue
        FROM (SELECT customer, arraySort(groupArray((ts, seq, CAST(name, 'String'), stage, CAST(channel, 'String')))) AS s, sum(ifNull(revenue, 0)) AS revenue
              FROM (${scope.sql}) WHERE name != '' GROUP BY customer)`
      const ours = `SELECT customer, arrayMap(x -> {scope_steps:Array(String)}[x], path), times, stages, arrayMap(x -> {scope_channels:Array(String)}[x], channels), revenue
                    FROM (${pathsWithRevenueSql(scope, columns)})`
      const [r] = await rt.events.query<{ rows: string; missing: string; extra: string }>(
        `SELECT (SELECT count() FROM (${ours})) AS rows,
                (SELECT count() FROM ((${reference}) EXCEPT (${ours}))) AS missing,
                (SELECT count() FROM ((${ours}) EXCEPT (${reference}))) AS extra`,
        scope.params,
      )
      return { rows: Number(r!.rows), missing: Number(r!.missing), extra: Number(r!.extra) }
    }
    // The demo's visitors browse anonymously and identify at checkout: most paths join two ids.
    const [linked] = await rt.events.query<{ n: string }>('SELECT count() AS n FROM identities WHERE workspace_id = {ws:String}', { ws })
    expect(Number(linked!.n)).toBeGreaterThan(1000)
    const all = await compare(analysisScope(ws, doc))
    expect(all.rows).toBeGreaterThan(2000)
    expect(all).toMatchObject({ missing: 0, extra: 0 })
    const gold = await compare(analysisScope(ws, doc, { traits: { tier: ['gold'] }, channel: ['web', 'app', 'phone'] }))
    expect(gold.rows).toBeGreaterThan(50)
    expect(gold.rows).toBeLessThan(all.rows)
    expect(gold).toMatchObject({ missing: 0, extra: 0 })
    // Without a journey: raw event names.
    const raw = await compare(analysisScope(ws, undefined))
    expect(raw).toMatchObject({ rows: all.rows, missing: 0, extra: 0 })
  })

  it('merges a customer\'s ids into one path in time order, whichever id each event came with', async () => {
    const at = (minute: number) => new Date(Date.UTC(2019, 5, 1, 9, minute)).toISOString()
    const messages = [
      { type: 'page', anonymousId: 'merge-anon', properties: { path: '/' }, timestamp: at(0) },
      { type: 'track', userId: 'merge-user', event: 'order_started', timestamp: at(1) },
      { type: 'identify', anonymousId: 'merge-anon', userId: 'merge-user', timestamp: at(2) },
      // Later, on a device that has not identified yet: still the same customer.
      { type: 'page', anonymousId: 'merge-anon', properties: { path: '/plans' }, timestamp: at(3) },
      { type: 'track', userId: 'merge-user', event: 'payment_added', timestamp: at(4) },
      { type: 'page', anonymousId: 'merge-stranger', properties: { path: '/' }, timestamp: at(5) },
    ].map((m, i) => ({ ...m, messageId: `merge-${i}` }))
    await rt.ingest.write(ingestMessages(messages, { workspaceId: ws, receivedAt: new Date(), source: 'test' }).rows)
    const scope = await withScopeNames(rt.events, analysisScope(ws, undefined, { from: new Date(at(0)), to: new Date(at(10)) }))
    const rows = await rt.events.query<{ customer: string; path: string[] }>(
      `SELECT customer, arrayMap(x -> {scope_steps:Array(String)}[x], path) AS path FROM (${customerPathsSql(scope)}) ORDER BY customer`,
      scope.params,
    )
    expect(rows).toEqual([
      { customer: 'merge-stranger', path: ['page_viewed'] },
      { customer: 'merge-user', path: ['page_viewed', 'order_started', 'page_viewed', 'payment_added'] },
    ])
  })

  it('refuses, with a message that says why, a workspace with more channels than paths can number', async () => {
    const rows = Array.from({ length: MAX_CHANNELS + 1 }, (_, i) => eventRow({ workspace_id: 'many-channels', event_id: `ch-${i}`, customer_id: `c${i % 7}`, channel: `channel-${i}`, seq: i }))
    await rt.events.insert('events', rows)
    const scope = analysisScope('many-channels', undefined)
    await expect(getConformance(rt.events, scope, ['events'])).rejects.toThrow(`Paths tell at most ${MAX_CHANNELS} channels apart and this workspace has ${MAX_CHANNELS + 1}`)
    // Analyses that do not look at channels still answer.
    expect((await getFlow(rt.events, scope)).customers).toBe(7)
  })

  it('answers the same whether a scope is materialised or its subqueries run inline', async () => {
    // Customers who only answered a survey have answers but no path: both forms must agree on them too.
    const surveyOnly = Array.from({ length: 20 }, (_, i) => ({
      type: 'track',
      userId: `survey-only-${i}`,
      event: 'Survey Answered',
      timestamp: '2026-03-01T10:00:00Z',
      properties: { kind: 'nps', score: i % 11, touchpoint: doc.stages[0]!.steps[0]!.key },
    }))
    await rt.ingest.write(ingestMessages(surveyOnly, { workspaceId: ws, receivedAt: new Date(), source: 'test' }).rows)
    const scope = analysisScope(ws, doc)
    const each = (events: EventStore, s: Scope) =>
      Promise.all([
        getTouchpointKpis(events, s, doc),
        getFlow(events, s),
        getConformance(events, s, doc.stages.map((st) => st.key)),
        getDrivers(events, s, doc),
        getFunnel(events, s, { steps: [doc.stages[0]!.steps[0]!.key, doc.stages[0]!.steps[1]!.key], windowHours: 720, order: 'ordered', breakdown: 'channel' }),
      ])
    const materialised = await withMaterializedScope(rt.events, scope, ALL_PARTS, (s) => {
      expect(s.tables).toBeDefined()
      return each(rt.events, s)
    })
    const onCluster = await each(inline(rt.events), scope)
    expect(JSON.parse(JSON.stringify(materialised), (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v))).toEqual(
      JSON.parse(JSON.stringify(onCluster), (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)),
    )
  })

  it('leaves no tables behind, even when an analysis fails', async () => {
    await analyzeJourney(rt.events, ws, doc, { from: new Date('2026-01-01'), to: new Date('2026-12-31') })
    expect(await scopeTables()).toEqual([])
    await expect(withMaterializedScope(rt.events, analysisScope(ws, doc), ['times'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await scopeTables()).toEqual([])
  })

  it('keeps each workspace\'s trait segments between analyses, and computes them afresh once the customers\' traits change', async () => {
    const scope = analysisScope(ws, doc)
    // The segments of every customer, as each analysis sees them, against the same computed inline (as on a cluster).
    const segmentsOf = (events: EventStore) =>
      withMaterializedScope(events, scope, ['segments'], (s) =>
        events.query<{ customer: string; segments: string[] }>(
          `SELECT customer, arrayMap(n -> concat({seg_keys:Array(String)}[n], '=', {seg_values:Array(String)}[n]), arrayFilter(n -> n <= length({seg_keys:Array(String)}), segments)) AS segments
           FROM (${customerPathsSql(s, ['segments'])}) ORDER BY customer`,
          s.params,
        ),
      )
    const first = await segmentsOf(rt.events)
    expect(first).toEqual(await segmentsOf(inline(rt.events)))
    const kept = await keptSegments()
    expect(kept).toHaveLength(1)
    // Read again: the same table, nothing recomputed.
    expect(await segmentsOf(rt.events)).toEqual(first)
    expect(await keptSegments()).toEqual(kept)

    // A later trait observation wins, and a customer erased has none: both are seen at once.
    const [changed, erased] = first.filter((c) => c.segments.some((x) => x.startsWith('tier='))).map((c) => c.customer)
    const tier = first.find((c) => c.customer === changed)!.segments.find((x) => x.startsWith('tier='))!
    const other = tier === 'tier=gold' ? 'silver' : 'gold'
    await rt.events.insert('customers', [{ workspace_id: ws, customer_id: changed!, ts: chTime(new Date('2030-01-01')), traits: { tier: other }, source: 'test', event_id: 'later-traits' }])
    await rt.events.deleteWhere('customers', 'workspace_id = {ws:String} AND customer_id = {c:String}', { ws, c: erased! })
    const after = await segmentsOf(rt.events)
    expect(after).toEqual(await segmentsOf(inline(rt.events)))
    expect(after.find((c) => c.customer === changed)!.segments).toContain(`tier=${other}`)
    expect(after.find((c) => c.customer === erased)!.segments.filter((x) => !x.startsWith('value tier'))).toEqual([])
    // The superseded table is gone: one kept per workspace.
    const now = await keptSegments()
    expect(now).toHaveLength(1)
    expect(now).not.toEqual(kept)
  })

  it('drops the tables a crashed process left behind once they are an hour old (the sweep openRuntime runs after migrating)', async () => {
    const now = Math.floor(Date.now() / 1000)
    for (const name of [`scope_${now - 7200}_0123456789ab_paths`, `scope_${now}_0123456789ab_paths`]) {
      await rt.events.command(`CREATE TABLE ${name} (customer String) ENGINE = Memory`)
    }
    await dropStaleScopeTables(rt.events)
    expect(await scopeTables()).toEqual([`scope_${now}_0123456789ab_paths`])
    await rt.events.command(`DROP TABLE scope_${now}_0123456789ab_paths SYNC`)
  })
})
