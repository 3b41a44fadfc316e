/**
 * UI benchmark: the time from navigating to a journey map to its red points
 * being visible in Chromium — cold (the server's analysis cache empty: a fresh
 * app) and warm (a reload: the browser's cache gone, the server's kept) — on
 * the demo workspace (as `npm start` fills it) and on a 1M-event workspace
 * (the analysis bench's seeded journey). Medians of 3. Exits 0 when targets
 * are missed (it is a measurement); non-zero only on errors.
 *
 *   npm run bench:ui -- [--events 1000000 (0 = demo only)] [--runs 3] [--customers N (demo size; default as npm start)]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { loadConfig } from '../../src/config.ts'
import { openRuntime, type Runtime } from '../../src/runtime.ts'
import { createApp } from '../../src/server/app.ts'
import { bootstrapFirstRun } from '../../src/services/bootstrap.ts'
import { createDemo } from '../../src/services/demo.ts'
import { launchBrowser } from '../../test/support/browser.ts'
import { builtWeb } from '../../test/support/web-app.ts'
import { benchJourney } from '../analyze/generate.ts'
import { loadBenchEvents } from '../analyze/load.ts'
import { flag, fmt, median } from '../bench-utils.ts'

const EVENTS = flag('events', 1_000_000)
const RUNS = flag('runs', 3)
const DEMO_CUSTOMERS = process.argv.includes('--customers') ? flag('customers', 20_000) : undefined
const TARGET = { demoColdS: 3, demoWarmS: 0.5 }
const log = (msg: string) => process.stderr.write(`  … ${msg}\n`)

async function signIn(browser: Browser, baseUrl: string, credentials: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage()
  await page.goto(baseUrl)
  await page.getByLabel('Email').fill(credentials.email)
  await page.getByLabel('Password').fill(credentials.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Pages' }).waitFor()
  return page
}

/** Seconds from starting `navigate` until a red step card is visible. */
async function untilRedPoints(page: Page, navigate: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await navigate()
  await page.locator('.step-card.red').first().waitFor({ state: 'visible', timeout: 300_000 })
  return (performance.now() - t0) / 1000
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-ui-'))
  let rt: Runtime | undefined
  let browser: Browser | undefined
  try {
    const webRoot = builtWeb()
    rt = await openRuntime(loadConfig({ DATA_DIR: tmp, LOG_LEVEL: 'silent' }))
    const credentials = (await bootstrapFirstRun(rt.repos))!
    log('filling the demo workspace (as npm start does)')
    await createDemo(rt, { workspace: 'demo', ...(DEMO_CUSTOMERS ? { customers: DEMO_CUSTOMERS } : {}) })
    const workspaces = [{ slug: 'demo', label: 'demo' }]
    if (EVENTS > 0) {
      const ws = await rt.repos.workspaces.create({ slug: 'bench', name: 'Bench' })
      await rt.repos.workspaces.setMember(ws.id, (await rt.repos.users.findByEmail(credentials.email))!.id, 'owner')
      await rt.repos.journeys.create(ws.id, benchJourney(), null)
      log(`loading ${fmt(EVENTS)} events into the bench workspace`)
      await loadBenchEvents(rt.events, ws.id, EVENTS, { batch: 100_000, seed: 7, log })
      workspaces.push({ slug: 'bench', label: EVENTS >= 1e6 ? `${fmt(EVENTS / 1e6, 0)}M events` : `${fmt(EVENTS / 1e3, 0)}k events` })
    }
    browser = await launchBrowser()
    const rows: Array<{ label: string; events: number; cold: number; warm: number }> = []
    for (const w of workspaces) {
      const cold: number[] = []
      const warm: number[] = []
      for (let run = 0; run < RUNS; run++) {
        // A fresh app: its analysis cache is empty.
        const app = await createApp({ ...rt, webRoot })
        const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
        try {
          const page = await signIn(browser, baseUrl, credentials)
          cold.push(await untilRedPoints(page, () => page.goto(`${baseUrl}/w/${w.slug}`)))
          warm.push(await untilRedPoints(page, () => page.reload()))
          await page.context().close()
        } finally {
          await app.close()
        }
        log(`${w.label}: cold ${cold.at(-1)!.toFixed(2)} s, warm ${warm.at(-1)!.toFixed(2)} s`)
      }
      const [stats] = await rt.events.query<{ n: string }>('SELECT count() AS n FROM events WHERE workspace_id = {ws:String}', { ws: (await rt.repos.workspaces.find(w.slug))!.id })
      rows.push({ label: w.label, events: Number(stats!.n), cold: median(cold), warm: median(warm) })
    }
    console.log(`\nUI benchmark: navigation → the journey map's red points visible, Chromium (headless), embedded stores, ${os.cpus().length} cores; median of ${RUNS}\n`)
    console.log('  workspace        events    cold s (server cache empty)    warm s (reload, server cache warm)')
    for (const r of rows) console.log(`  ${r.label.padEnd(12)} ${fmt(r.events).padStart(10)}    ${r.cold.toFixed(2).padStart(8)}                       ${r.warm.toFixed(2).padStart(8)}`)
    const demo = rows[0]!
    console.log('\n  Targets')
    console.log(`    demo cold ≤ ${TARGET.demoColdS} s: ${demo.cold <= TARGET.demoColdS ? 'met' : 'NOT met'} (${demo.cold.toFixed(2)} s)`)
    console.log(`    demo warm ≤ ${TARGET.demoWarmS} s: ${demo.warm <= TARGET.demoWarmS ? 'met' : 'NOT met'} (${demo.warm.toFixed(2)} s)`)
  } finally {
    await browser?.close()
    await rt?.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

await main()
