import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { hasChromium } from '../support/browser.ts'
import { SHOTS, seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

const WIDE = { width: 1440, height: 1000 }

/** A GET of the API from inside the signed-in page (its session cookie). */
const api = <T,>(page: Page, url: string) => page.evaluate(async (p) => (await fetch(p)).json(), url) as Promise<T>

describe.skipIf(!hasChromium)('customers, data and members pages in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 2000, seed: 3 })
    await createUserInWorkspace(web.rt.repos, { email: 'vera@example.com', password: 'password-vera-1', name: 'Vera Viewer', workspace: 'demo', role: 'viewer' })
  }, 180_000)
  afterAll(() => web?.close())

  it('finds customers by id and by trait, each linking to their timeline', async () => {
    const page = await signedInPage(web, '/w/demo/customers', WIDE)
    const results = page.getByRole('region', { name: 'Customers found' })
    await results.waitFor()
    expect(await page.getByRole('status').filter({ hasText: /customers/ }).first().innerText()).toMatch(/[\d,]+ customers · showing 1–50/)
    // The empty box says what to type, with the workspace's own traits as examples.
    expect(await page.getByText(/Type part of a customer id/).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'tier=gold' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    await page.getByLabel('Find customers').fill('cust-00012')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=cust-00012/)
    const ids = () => results.locator('tbody tr td:first-child').allInnerTexts()
    await expect.poll(async () => (await ids()).length > 0 && (await ids()).every((id) => id.includes('cust-00012'))).toBe(true)
    expect(await results.innerText()).toMatch(/\d+ customers match/)

    await page.getByLabel('Find customers').fill('tier=gold region=north')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/trait\.tier=gold/)
    await expect.poll(async () => (await results.locator('tbody tr td:nth-child(2)').allInnerTexts()).every((t) => /tier: gold/.test(t) && /region: north/.test(t))).toBe(true)
    expect(await results.locator('tbody tr').count()).toBeGreaterThan(0)
    await shot(page, 'customers')

    await page.getByLabel('Find customers').fill('nobody-like-this')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('heading', { name: 'No customer matches' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
  }, 120_000)

  it("opens a customer's timeline across channels: chart, entries with their journey steps, low scores and red points", async () => {
    const page = await signedInPage(web, '/w/demo/customers', WIDE)
    // A customer behind the journey's biggest red point, found as the map's drill-down finds them.
    const [journey] = await api<Array<{ id: string }>>(page, '/api/workspaces/demo/journeys')
    const analysis = await api<{ redPoints: Array<{ step: string; segment: unknown; reasons: Array<{ metric: string }> }> }>(page, `/api/workspaces/demo/journeys/${journey!.id}/analysis`)
    const red = analysis.redPoints.find((r) => r.segment === null && r.reasons.some((x) => x.metric === 'exitRate'))!
    const behind = await api<{ customers: Array<{ customer: string }> }>(page, `/api/workspaces/demo/journeys/${journey!.id}/customers?step=${red.step}&metric=exited&limit=1`)
    const who = behind.customers[0]!.customer

    await page.getByLabel('Find customers').fill(who)
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('link', { name: who, exact: true }).click()
    await page.waitForURL(new RegExp(`/w/demo/customers/${encodeURIComponent(who)}`))
    await page.getByRole('heading', { name: who }).waitFor()
    await page.getByTestId('customer-timeline').locator('svg').waitFor()
    const entries = page.locator('table.entries tbody tr')
    await expect.poll(() => entries.count()).toBeGreaterThan(1)
    // Steps of the journey are written in the list, and the red point the customer hit is flagged.
    await page.locator('.red-flag').first().waitFor({ timeout: 60_000 })
    expect(await page.locator('table.entries').innerText()).toMatch(/Compare plans|Visit/i)
    expect(await page.locator('.timeline-summary').innerText()).toMatch(/\d+ map to steps of .+ · [1-9]\d* at red points/)
    expect(await page.getByLabel('Customer figures').innerText()).toMatch(/EVENTS\s+\d+/i)
    expect(await seriousViolations(page)).toEqual([])

    // A gold customer who called support again and again: many channels, feedback, and the red points of their segment.
    const repeat = await api<{ customers: Array<{ customer: string }> }>(
      page,
      `/api/workspaces/demo/journeys/${journey!.id}/customers?step=technician_visit&metric=lowFeedback&trait.tier=gold&limit=1`,
    )
    await page.goto(`${web.baseUrl}/w/demo/customers/${encodeURIComponent(repeat.customers[0]!.customer)}`)
    await page.getByTestId('customer-timeline').locator('svg').waitFor()
    await page.locator('.red-flag').first().waitFor({ timeout: 60_000 })
    expect(await page.getByLabel('Customer figures').innerText()).toMatch(/CHANNELS\s+\w+(, \w+){3,}/i)
    expect(await page.locator('.profile-traits').innerText()).toMatch(/tier: gold/)
    await shot(page, 'customer-timeline')
    expect(await seriousViolations(page)).toEqual([])

    // A customer with feedback: scores and comments in the list, low ones marked in words.
    const low = await api<{ customers: Array<{ customer: string }> }>(page, `/api/workspaces/demo/journeys/${journey!.id}/customers?step=technician_visit&metric=lowFeedback&limit=1`)
    await page.goto(`${web.baseUrl}/w/demo/customers/${encodeURIComponent(low.customers[0]!.customer)}`)
    await page.getByTestId('customer-timeline').locator('svg').waitFor()
    await expect.poll(() => page.locator('table.entries .score.low').count()).toBeGreaterThan(0)
    expect(await page.locator('table.entries .score.low').first().innerText()).toMatch(/CSAT [12]\/5 · low/)

    await page.goto(`${web.baseUrl}/w/demo/customers/no-such-customer`)
    await page.getByRole('heading', { name: 'No such customer' }).waitFor()
  }, 180_000)

  it('creates a write key and shows SDK snippets for this server with it', async () => {
    const page = await signedInPage(web, '/w/demo/data', WIDE)
    await page.getByLabel('Key name').fill('website')
    await page.getByRole('button', { name: 'Create key' }).click()
    const secret = (await page.getByTestId('new-secret').textContent()) ?? ''
    expect(secret).toMatch(/^wmk_w_/)
    const snippets = page.getByTestId('sdk-snippets')
    await expect.poll(() => snippets.innerText()).toContain(secret)
    const text = await snippets.innerText()
    const host = new URL(web.baseUrl).host
    expect(text).toMatch(new RegExp(`new Analytics\\(\\{\\s+writeKey: '${secret}',\\s+host: '${web.baseUrl}',`))
    expect(text).toMatch(new RegExp(`apiKey: '${secret}',\\s+apiHost: '${host}/v1',\\s+protocol: 'http',`))
    await page.getByRole('cell', { name: 'website', exact: true }).waitFor()

    // Revoking asks first.
    await page.getByRole('button', { name: 'Revoke website' }).click()
    const dialog = page.getByRole('dialog', { name: /Revoke “website”/ })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })

    // Owners download the workspace's backup from here.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download backup' }).click()])
    expect(download.suggestedFilename()).toMatch(/^demo-\d{4}-\d\d-\d\d\.waymark-backup\.tar$/)
    const saved = path.join(SHOTS, '..', 'demo.waymark-backup.tar')
    await download.saveAs(saved)
    expect(fs.statSync(saved).size).toBeGreaterThan(10_000)
  }, 90_000)

  it('imports a CSV with a progress bar and its summary; a bad line shows in the quarantine with its reason and raw text', async () => {
    const page = await signedInPage(web, '/w/demo/data', WIDE)
    const rows = Array.from({ length: 3000 }, (_, i) => `imp-${String(i % 300).padStart(4, '0')},plan_compared,2024-06-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00Z,web,${'x'.repeat(40)}`)
    const csv = ['customer_id,event,timestamp,channel,note', ...rows].join('\n')
    // A slow uplink, so the upload's progress can be seen.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 60 * 1024 })
    await page.getByLabel('Event file').setInputFiles({ name: 'visits.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const progress = page.getByRole('progressbar', { name: 'Upload progress' })
    await progress.waitFor()
    // The browser reports upload progress every so often; on a busy machine the first report can take seconds.
    const sentShare = async () => Number(await progress.getAttribute('value', { timeout: 1_000 }).catch(() => '0'))
    await expect.poll(sentShare, { timeout: 30_000 }).toBeGreaterThan(0)
    expect(await page.locator('.import-progress').innerText()).toMatch(/Uploading .* of .*\(\d+%\)/)
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    const summary = page.getByRole('status', { name: 'Import summary' })
    await summary.waitFor({ timeout: 60_000 })
    expect(await summary.innerText()).toMatch(/STORED\s+3,000/i)
    expect(await summary.innerText()).toMatch(/CUSTOMERS\s+300/i)

    const bad = ['customer_id,event,timestamp,channel', 'imp-9001,plan_compared,2024-06-01T10:00:00Z,web', 'imp-9002,plan_compared,the day before yesterday,web', 'imp-9003,plan_compared,2024-06-02T10:00:00Z,web'].join('\n')
    await page.getByLabel('Event file').setInputFiles({ name: 'with-a-bad-line.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toMatch(/STORED\s+2\b/i)
    expect(await summary.innerText()).toMatch(/REJECTED \(QUARANTINED\)\s+1/i)
    expect(await summary.innerText()).toMatch(/Line 3: /)

    const quarantine = page.getByRole('region', { name: 'Quarantine' })
    const row = quarantine.locator('tbody tr').filter({ hasText: 'the day before yesterday' })
    await row.waitFor()
    const cells = await row.locator('td').allInnerTexts()
    expect(cells[1]).toBe('import:with-a-bad-line.csv')
    expect(cells[2]).toBe('3')
    expect(cells[3]).toMatch(/timestamp/i)
    expect(cells[4]).toContain('imp-9002,plan_compared,the day before yesterday,web')
    await expect.poll(() => page.getByLabel('Workspace statistics').innerText()).toMatch(/QUARANTINED\s+1/i)

    // Tracking-plan coverage: dark touchpoints and the events outside the plan, by channel.
    const plan = page.getByRole('region', { name: 'Tracking plan coverage' })
    await plan.getByTestId('touchpoint-coverage').waitFor()
    expect(await plan.innerText()).toMatch(/Dark: no events/)
    expect(await plan.innerText()).toMatch(/newsletter_opened/)
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'data')
    expect(await seriousViolations(page)).toEqual([])
  }, 180_000)

  it('lets an owner change a role after confirming; a viewer sees the members without controls', async () => {
    const page = await signedInPage(web, '/w/demo/members', WIDE)
    const role = page.getByLabel('Role of Vera Viewer')
    await role.waitFor()
    expect(await role.inputValue()).toBe('viewer')
    await role.selectOption('editor')
    const dialog = page.getByRole('dialog', { name: 'Make Vera Viewer an editor?' })
    await dialog.waitFor()
    expect(await dialog.innerText()).toMatch(/goes from viewer to editor/)
    // Nothing changes before the confirmation.
    expect(await role.inputValue()).toBe('viewer')
    expect(await seriousViolations(page)).toEqual([])
    await shot(page, 'members-confirm')
    await dialog.getByRole('button', { name: 'Make editor' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => role.inputValue()).toBe('editor')
    const ws = (await web.rt.repos.workspaces.find('demo'))!
    const vera = (await web.rt.repos.users.findByEmail('vera@example.com'))!
    expect(await web.rt.repos.workspaces.roleOf(ws.id, vera.id)).toBe('editor')
    await page.getByRole('heading', { name: 'Invite someone' }).waitFor()
    await shot(page, 'members')
    expect(await seriousViolations(page)).toEqual([])

    // The last owner cannot step down: the dialog says why, and nothing changes.
    await page.getByLabel('Role of Demo owner').selectOption('viewer')
    const selfDialog = page.getByRole('dialog', { name: 'Make Demo owner a viewer?' })
    await selfDialog.getByRole('button', { name: 'Make viewer' }).click()
    await expect.poll(() => selfDialog.getByRole('alert').innerText()).toMatch(/at least one owner/)
    await selfDialog.getByRole('button', { name: 'Cancel' }).click()
    expect(await page.getByLabel('Role of Demo owner').inputValue()).toBe('owner')

    const viewer = await (await web.browser.newContext({ viewport: WIDE })).newPage()
    await web.rt.repos.workspaces.setMember(ws.id, vera.id, 'viewer')
    await viewer.goto(web.baseUrl)
    await viewer.getByLabel('Email').fill('vera@example.com')
    await viewer.getByLabel('Password').fill('password-vera-1')
    await viewer.getByRole('button', { name: 'Sign in' }).click()
    await viewer.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Members' }).click()
    await viewer.getByRole('cell', { name: 'vera@example.com' }).waitFor()
    expect(await viewer.getByRole('combobox').count()).toBe(1) // only the workspace picker
    expect(await viewer.getByRole('button', { name: /Remove/ }).count()).toBe(0)
    expect(await viewer.getByText('Owners add members and change roles.', { exact: false }).isVisible()).toBe(true)
    expect(await seriousViolations(viewer)).toEqual([])
  }, 120_000)
})
