import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { openRuntime, type Runtime } from '../../src/runtime.ts'
import { createApp } from '../../src/server/app.ts'
import { bootstrapFirstRun } from '../../src/services/bootstrap.ts'
import { createDemo } from '../../src/services/demo.ts'
import { hasChromium, launchBrowser } from '../support/browser.ts'
import { tempDir } from '../support/temp-dir.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SHOTS = path.join(ROOT, '.tmp/screenshots')

describe.skipIf(!hasChromium)('web UI in Chromium', () => {
  const tmp = tempDir()
  let rt: Runtime
  let app: Awaited<ReturnType<typeof createApp>>
  let browser: Browser
  let baseUrl: string
  let credentials: { email: string; password: string }

  beforeAll(async () => {
    execFileSync('npx', ['vite', 'build', 'web', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' })
    rt = await openRuntime(loadConfig({ DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' }))
    credentials = (await bootstrapFirstRun(rt.repos))!
    app = await createApp({ ...rt, webRoot: path.join(ROOT, 'web/dist') })
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
    browser = await launchBrowser()
    fs.mkdirSync(SHOTS, { recursive: true })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await rt?.close()
    tmp.cleanup()
  })

  it('signs in with the first-run credentials, shows the workspace and creates a write key', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(baseUrl)
    await page.getByLabel('Email').fill(credentials.email)
    await page.getByLabel('Password').fill('wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong email or password')
    await page.screenshot({ path: path.join(SHOTS, 'login.png') })

    await page.getByLabel('Password').fill(credentials.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Demo' }).waitFor()
    await expect.poll(() => page.getByLabel('Workspace statistics').innerText()).toMatch(/EVENTS\s+0/i)

    await page.getByLabel('Key name').fill('website')
    await page.getByRole('button', { name: 'Create' }).click()
    const secret = (await page.getByTestId('new-secret').textContent()) ?? ''
    expect(secret).toMatch(/^wmk_w_/)
    await page.getByRole('cell', { name: 'website' }).waitFor()
    await page.screenshot({ path: path.join(SHOTS, 'workspace.png') })

    // The key the browser created works for ingestion, which the page then shows.
    const res = await fetch(`${baseUrl}/api/workspaces/demo/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ customerId: 'c1', event: 'signed_up' }, { customerId: 'c2', event: 'signed_up' }] }),
    })
    expect(res.status).toBe(200)
    await page.reload()
    await expect.poll(() => page.getByLabel('Workspace statistics').innerText()).toMatch(/CUSTOMERS\s+2/i)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
  })

  it('draws the measured journey map: red points, the dark touchpoint and the emotion curve', async () => {
    await createDemo(rt, { workspace: 'demo', customers: 2000, seed: 3 })
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    await page.goto(baseUrl)
    await page.getByLabel('Email').fill(credentials.email)
    await page.getByLabel('Password').fill(credentials.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const comparePlans = page.getByTestId('step-compare_plans')
    await comparePlans.waitFor()
    await expect.poll(() => comparePlans.getAttribute('class'), { timeout: 30_000 }).toMatch(/\bred\b/)
    expect(await comparePlans.innerText()).toMatch(/exit/)
    expect(await page.getByTestId('step-welcome_call').getAttribute('class')).toMatch(/\bdark\b/)
    expect(await page.getByTestId('step-welcome_call').innerText()).toMatch(/no data/)
    expect(await page.getByTestId('step-technician_visit').getAttribute('class')).toMatch(/\bred\b/)
    // The measured curve: a dot per touchpoint with feedback (five in the demo), a line only between measured neighbours.
    const dots = page.locator('svg.curve circle.dot')
    expect(await dots.count()).toBe(5)
    expect(await page.locator('svg.curve circle.dot.red title').allTextContents()).toContainEqual(expect.stringMatching(/^technician_visit: measured [−+]?\d\.\d, designed/))
    expect(await page.locator('svg.curve polyline.measured').count()).toBe(0)
    await page.screenshot({ path: path.join(SHOTS, 'journey-map.png'), fullPage: true })
  }, 120_000)

  it('lets the owner make the tracking plan strict and lists the events outside it', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    await page.goto(baseUrl)
    await page.getByLabel('Email').fill(credentials.email)
    await page.getByLabel('Password').fill(credentials.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const strict = page.getByRole('checkbox', { name: /Strict tracking plan/ })
    await strict.check()
    await expect.poll(async () => (await rt.repos.workspaces.find('demo'))!.strictTrackingPlan).toBe(true)

    const ws = (await rt.repos.workspaces.find('demo'))!
    const { secret } = await rt.repos.apiKeys.create({ workspaceId: ws.id, kind: 'write', name: 'e2e' })
    const res = await fetch(`${baseUrl}/api/workspaces/demo/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ customerId: 'c9', event: 'coupon_scanned', channel: 'store' }] }),
    })
    expect(await res.json()).toMatchObject({ stored: 1, offPlan: 1 })
    await page.reload()
    await page.getByRole('cell', { name: 'coupon_scanned' }).waitFor()
    await expect.poll(() => page.getByLabel('Workspace statistics').innerText()).toMatch(/OFF PLAN\s+1/i)
    await page.getByRole('region', { name: 'Tracking plan' }).screenshot({ path: path.join(SHOTS, 'tracking-plan.png') })
  }, 60_000)
})
