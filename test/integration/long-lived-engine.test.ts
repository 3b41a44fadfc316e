import { afterAll, beforeAll, expect, it } from 'vitest'
import { analyzeJourney } from '../../src/analytics/analyze-journey.ts'
import { loadConfig } from '../../src/config.ts'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import { openRuntime, type Runtime } from '../../src/runtime.ts'
import { createDemo } from '../../src/services/demo.ts'
import { longLivedSettings } from '../../src/storage/events/event-store.ts'
import { expectSameResults } from '../support/same-results.ts'
import { tempDir } from '../support/temp-dir.ts'

// The server's engine compiles expressions from their second run (longLived): the answers must not change with it.
let rt: Runtime
let cleanup: () => void
let ws: string
let doc: JourneyDocument

beforeAll(async () => {
  const tmp = tempDir()
  cleanup = tmp.cleanup
  rt = await openRuntime(loadConfig({ DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' }), { longLived: true })
  await createDemo(rt, { customers: 1500, seed: 11 })
  ws = (await rt.repos.workspaces.find('demo'))!.id
  doc = (await rt.repos.journeys.list(ws as never))[0]!.document
}, 120_000)
afterAll(async () => {
  await rt.close()
  cleanup()
})

it('runs with the long-lived compile settings', async () => {
  const rows = await rt.events.query<{ name: string; value: string }>("SELECT name, value FROM system.settings WHERE name LIKE 'min_count_to_compile_%'")
  for (const [name, value] of Object.entries(longLivedSettings)) expect(rows.find((r) => r.name === name)?.value).toBe(String(value))
})

it('gives the same analysis interpreted (first run) and compiled (later runs)', async () => {
  const first = await analyzeJourney(rt.events, ws, doc)
  expect(first.summary.events).toBeGreaterThan(0)
  const compiled = async () => Number((await rt.events.query<{ n: string }>("SELECT sum(value) AS n FROM system.events WHERE event IN ('CompileFunction', 'CompileExpressionsMicroseconds')"))[0]?.n ?? 0)
  const before = await compiled()
  for (let run = 2; run <= 3; run++) expectSameResults(await analyzeJourney(rt.events, ws, doc), first)
  expect(await compiled()).toBeGreaterThan(before) // the later runs did run compiled code
}, 120_000)
