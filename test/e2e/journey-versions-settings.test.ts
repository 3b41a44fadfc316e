import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

describe.skipIf(!hasChromium)('journey versions and settings in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 800, seed: 3 })
    await createUserInWorkspace(web.rt.repos, { email: 'vera@example.com', password: 'password-vera-1', name: 'Vera Viewer', workspace: 'demo', role: 'viewer' })
  }, 180_000)
  afterAll(() => web?.close())

  it('saves settings as a new version, diffs and restores it, refuses a stale save, and duplicates as a future state', async () => {
    const page = await signedInPage(web, '/w/demo')
    await page.waitForURL(/\/w\/demo\/journeys\/[^/]+\/map/)
    const base = page.url().replace(/\/map.*$/, '')
    const heading = page.getByRole('heading', { level: 1 })
    await page.goto(`${base}/settings`)
    const name = page.getByLabel('Name', { exact: true })
    await name.waitFor()
    const original = await name.inputValue()
    const editing = Number((await page.getByText(/Editing version \d+/).innerText()).match(/\d+/)![0])

    // A second editor opens the same version before the first saves.
    const other = await signedInPage(web, new URL(`${base}/settings`).pathname)
    await other.getByLabel('Name', { exact: true }).waitFor()

    await name.fill(`${original} 2027`)
    await page.getByRole('radio', { name: /Researched/ }).check()
    await shot(page, 'settings')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText(`Saved as version ${editing + 1}.`).waitFor()
    await expect.poll(() => heading.innerText()).toBe(`${original} 2027`)

    // The new version is in the history with its summary, and the diff says what changed.
    await page.getByRole('navigation', { name: 'Journey' }).getByRole('link', { name: 'Versions' }).click()
    const newest = page.getByTestId(`version-${editing + 1}`)
    await newest.waitFor()
    expect(await newest.innerText()).toMatch(/name, status changed/)
    const changes = page.getByRole('list', { name: `Changes from version ${editing} to version ${editing + 1}` })
    await changes.waitFor()
    expect(await changes.innerText()).toContain(`Name: “${original}” → “${original} 2027”`)
    expect(await changes.innerText()).toMatch(/Status: not set → Researched/)
    await page.getByRole('button', { name: `View version ${editing}` }).click()
    await page.getByRole('heading', { name: `Version ${editing}, read-only` }).waitFor()
    await page.locator('.outline-stages li').first().waitFor()
    await page.evaluate(() => window.scrollTo(0, 0)) // a full-page shot of a scrolled page draws the sticky bar mid-page
    await shot(page, 'versions')
    expect(await seriousViolations(page)).toEqual([])

    // Restoring the earlier version saves it as the newest: the name is back.
    await page.getByRole('button', { name: `Restore version ${editing}` }).click()
    const dialog = page.getByRole('dialog', { name: `Restore version ${editing}?` })
    await dialog.getByRole('button', { name: `Restore version ${editing}` }).click()
    await page.getByTestId(`version-${editing + 2}`).waitFor()
    expect(await page.getByTestId(`version-${editing + 2}`).innerText()).toMatch(/restored version/i)
    await expect.poll(() => heading.innerText()).toBe(original)

    // The second editor still edits the first version: the save is refused, with who changed what and a reload.
    await other.getByRole('radio', { name: /Live/ }).check()
    await other.getByRole('button', { name: 'Save settings' }).click()
    const conflict = other.getByRole('alert').filter({ hasText: 'someone else changed this journey' })
    // Who changed it comes from the history, read afresh when the conflict shows.
    await conflict.getByText(new RegExp(`Version ${editing + 1}, by ${web.credentials.email}`)).waitFor()
    await conflict.getByRole('button', { name: 'Reload the journey' }).click()
    await other.getByText(`Editing version ${editing + 2}`).waitFor()
    expect(await other.getByLabel('Name', { exact: true }).inputValue()).toBe(original)
    expect(await other.getByRole('radio', { name: /Live/ }).isChecked()).toBe(false)

    // A copy as a future state opens on its own map.
    await page.goto(`${base}/settings`)
    await page.getByLabel('Name of the copy').fill(`${original} (future state)`)
    await page.getByRole('button', { name: 'Duplicate' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/map') && !url.href.startsWith(base))
    await expect.poll(() => heading.innerText()).toBe(`${original} (future state)`)
  }, 180_000)
  it('shows a viewer the settings read-only and the history without restore', async () => {
    const viewer = await (await web.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    await viewer.goto(web.baseUrl)
    await viewer.getByLabel('Email').fill('vera@example.com')
    await viewer.getByLabel('Password').fill('password-vera-1')
    await viewer.getByRole('button', { name: 'Sign in' }).click()
    await viewer.waitForURL(/\/w\/demo\/journeys\/[^/]+\/map/)
    await viewer.getByRole('navigation', { name: 'Journey' }).getByRole('link', { name: 'Settings' }).click()
    const name = viewer.getByLabel('Name', { exact: true })
    await name.waitFor()
    expect(await name.isDisabled()).toBe(true)
    expect(await viewer.getByRole('button', { name: 'Save settings' }).count()).toBe(0)
    expect(await viewer.getByRole('button', { name: 'Duplicate' }).count()).toBe(0)
    expect(await viewer.getByText('these settings are read-only').isVisible()).toBe(true)
    expect(await seriousViolations(viewer)).toEqual([])
    await viewer.getByRole('navigation', { name: 'Journey' }).getByRole('link', { name: 'Versions' }).click()
    await viewer.getByTestId('version-1').waitFor()
    expect(await viewer.getByRole('button', { name: /Restore/ }).count()).toBe(0)
    expect(await seriousViolations(viewer)).toEqual([])
  }, 120_000)
})
