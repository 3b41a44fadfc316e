import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { openRuntime, type Runtime } from '../../src/runtime.ts'
import { createApp } from '../../src/server/app.ts'
import { bootstrapFirstRun } from '../../src/services/bootstrap.ts'
import { hasChromium, launchBrowser } from '../support/browser.ts'
import { builtWeb, seriousViolations } from '../support/web-app.ts'
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
    rt = await openRuntime(loadConfig({ DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' }))
    credentials = (await bootstrapFirstRun(rt.repos))!
    app = await createApp({ ...rt, webRoot: builtWeb() })
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
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await page.goto(baseUrl)
    await page.getByLabel('Email').fill(credentials.email)
    await page.getByLabel('Password').fill('wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong email or password')
    await page.screenshot({ path: path.join(SHOTS, 'login.png') })
    expect(await seriousViolations(page)).toEqual([])

    await page.getByLabel('Password').fill(credentials.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Data' }).click()
    await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor()
    await expect.poll(() => page.getByLabel('Workspace statistics').innerText()).toMatch(/EVENTS\s+0/i)
    // A new workspace says what to do first.
    await page.getByRole('heading', { name: 'Connect your first channel' }).waitFor()

    await page.getByLabel('Key name').fill('website')
    await page.getByRole('button', { name: 'Create key' }).click()
    const secret = (await page.getByTestId('new-secret').textContent()) ?? ''
    expect(secret).toMatch(/^wmk_w_/)
    await page.getByRole('cell', { name: 'website', exact: true }).waitFor()
    // The snippets now carry the new key.
    await expect.poll(() => page.getByTestId('sdk-snippets').innerText()).toContain(secret)
    await page.screenshot({ path: path.join(SHOTS, 'data-new-workspace.png') })

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

  it('lets the owner make the tracking plan strict and lists the events outside it', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    await page.goto(baseUrl)
    await page.getByLabel('Email').fill(credentials.email)
    await page.getByLabel('Password').fill(credentials.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Data' }).click()
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
    const plan = page.getByRole('region', { name: 'Tracking plan coverage' })
    await plan.getByTestId('off-plan-events').getByRole('cell', { name: 'coupon_scanned', exact: true }).waitFor()
    await expect.poll(() => page.getByLabel('Workspace statistics').innerText()).toMatch(/OFF PLAN\s+1/i)
    await plan.screenshot({ path: path.join(SHOTS, 'tracking-plan.png') })
  }, 60_000)
})
