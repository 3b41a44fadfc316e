import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

describe.skipIf(!hasChromium)('the journey map in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 2000, seed: 3 })
  }, 180_000)
  afterAll(() => web?.close())

  it('opens the demo journey for a new user: live KPIs, red points, the dark touchpoint and the emotion curve', async () => {
    const page = await signedInPage(web, '/', { width: 1600, height: 1000 })
    await page.waitForURL(/\/w\/demo\/journeys\/[^/]+\/map/)
    const comparePlans = page.getByTestId('step-compare_plans')
    await comparePlans.waitFor({ timeout: 60_000 })
    expect(await page.locator('.step-card.red').count()).toBeGreaterThan(0)
    expect(await comparePlans.getAttribute('class')).toMatch(/\bred\b/)
    expect(await comparePlans.innerText()).toMatch(/exits/)
    expect(await page.getByTestId('step-welcome_call').getAttribute('class')).toMatch(/\bdark\b/)
    expect(await page.getByTestId('step-welcome_call').innerText()).toMatch(/Dark touchpoint/)
    // Figures are written on the cards, not only in tooltips.
    expect(await comparePlans.innerText()).toMatch(/Customers\s+[\d,]+/)
    expect(await page.getByLabel('Journey summary').innerText()).toMatch(/RED POINTS\s+\d+/i)
    // The emotion curve is drawn (ECharts, SVG) and its values written under it.
    await page.getByTestId('emotion-curve').locator('svg').waitFor()
    expect(await page.locator('.map-scroll ol.curve-values').innerText()).toMatch(/[−+]\d\.\d/)
    await shot(page, 'journey-map')
    expect(await seriousViolations(page)).toEqual([])
    // Any step's customer count opens its customers too, by what they did there.
    await page.getByTestId('step-start_order').getByRole('button', { name: /customers at Start order/ }).click()
    const stepPanel = page.getByRole('complementary', { name: /Customers at Start order/ })
    await stepPanel.getByRole('button', { name: 'Left here' }).click()
    await expect.poll(() => stepPanel.locator('.customers-behind, p.muted').first().innerText()).toMatch(/customers|No customers/)
    await stepPanel.getByRole('button', { name: 'Reached' }).click()
    await stepPanel.locator('.customers-behind a').first().waitFor()
  }, 120_000)

  it('opens a red point: its reasons, segment, customers affected, value at risk, then the customers and one timeline', async () => {
    const page = await signedInPage(web, '/w/demo', { width: 1600, height: 1000 })
    const button = page.getByTestId('step-compare_plans').getByRole('button', { name: /red point/ })
    await button.click({ timeout: 60_000 })
    const panel = page.getByRole('complementary', { name: /Red points at/ })
    await panel.waitFor()
    expect(await panel.innerText()).toMatch(/Exit rate/)
    expect(await panel.innerText()).toMatch(/customers affected/)
    expect(await panel.innerText()).toMatch(/value at risk/)
    await panel.getByRole('button', { name: 'Show customers' }).first().click()
    const first = panel.locator('.customers-behind a').first()
    await first.waitFor()
    expect(await panel.locator('.customers-behind li').count()).toBeGreaterThan(0)
    await shot(page, 'red-point-panel')
    expect(await seriousViolations(page)).toEqual([])
    const customer = await first.innerText()
    await first.click()
    await page.waitForURL(new RegExp(`/w/demo/customers/${encodeURIComponent(customer)}`))
  }, 120_000)

  it('keeps the filters in the URL: a shared link opens the same view, and a reload comes from the server cache', async () => {
    const page = await signedInPage(web, '/w/demo', { width: 1600, height: 1000 })
    await page.getByTestId('step-compare_plans').waitFor({ timeout: 60_000 })
    await page.getByLabel('Channel').selectOption('web')
    await page.waitForURL(/channel=web/)
    // The period preset reads the last day with data first: a segment chosen meanwhile must survive it.
    let giveStats = () => {}
    const statsHeld = new Promise<void>((resolve) => (giveStats = resolve))
    await page.route('**/stats', async (route) => {
      await statsHeld
      await route.continue()
    })
    await page.getByLabel('Period').selectOption('Last 30 days')
    await page.getByLabel('Segment').selectOption({ label: 'high-value customers' })
    await page.waitForURL(/valueTiers=high/)
    giveStats()
    await page.waitForURL(/from=\d{4}-\d\d-\d\d/)
    await page.getByTestId('step-compare_plans').waitFor({ timeout: 60_000 })
    const url = page.url()
    // Each choice is kept, however quickly the next follows (the period's is made after reading the last day).
    expect(new URL(url).searchParams.get('channel')).toBe('web')
    expect(new URL(url).searchParams.get('valueTiers')).toBe('high')
    expect(new URL(url).searchParams.get('from')).toMatch(/^\d{4}-\d\d-\d\d$/)
    const other = await web.browser.newPage({ viewport: { width: 1600, height: 1000 } })
    // The channel list is held back until the map is shown: the chosen channel shows before it, and stays after.
    let showList = () => {}
    const listHeld = new Promise<void>((resolve) => (showList = resolve))
    await other.route('**/dimensions', async (route) => {
      await listHeld
      await route.continue()
    })
    await other.goto(url)
    // The same session cookie is not shared with a new context: the link asks to sign in, then shows the same view.
    await other.getByLabel('Email').fill(web.credentials.email)
    await other.getByLabel('Password').fill(web.credentials.password)
    await other.getByRole('button', { name: 'Sign in' }).click()
    await other.getByTestId('step-compare_plans').waitFor({ timeout: 60_000 })
    expect(other.url()).toBe(url)
    expect(await other.getByLabel('Channel').inputValue()).toBe('web')
    const listed = other.waitForResponse('**/dimensions')
    showList()
    await listed
    await expect.poll(() => other.getByLabel('Channel').locator('option').count()).toBeGreaterThan(2)
    expect(await other.getByLabel('Channel').inputValue()).toBe('web')
    // The link's first figures are the view's; the first page shows them once its last answer is in.
    const summaryOf = (p: typeof page) => p.getByLabel('Journey summary').innerText()
    await expect.poll(async () => (await summaryOf(other)) === (await summaryOf(page)), { timeout: 60_000 }).toBe(true)
    const shown = await summaryOf(other)
    // A value tier is a segment too: only the paying customers of that tier are counted.
    await other.getByLabel('Segment').selectOption({ label: 'All customers' })
    await other.waitForURL((u) => !u.searchParams.has('valueTiers') && u.searchParams.get('channel') === 'web')
    await expect.poll(() => summaryOf(other), { timeout: 60_000 }).not.toBe(shown)
  }, 120_000)
})
