import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

describe.skipIf(!hasChromium)('flows and funnels in Chromium', () => {
  let web: WebApp
  let journeyPath: string
  beforeAll(async () => {
    web = await startWebApp({ customers: 2000, seed: 3 })
    const page = await signedInPage(web, '/')
    await page.waitForURL(/\/w\/demo\/journeys\/[^/]+\/map/)
    journeyPath = new URL(page.url()).pathname.replace(/\/map$/, '')
    await page.context().close()
  }, 180_000)
  afterAll(() => web?.close())

  const viewport = { width: 1500, height: 1000 }
  const open = (path: string) => signedInPage(web, `${journeyPath}/${path}`, viewport)

  it('flows: a Sankey from a step, redrawn from a clicked node; variants against the designed path; conformance', async () => {
    const page = await open('flows?step=compare_plans&depth=3')
    const sankey = page.getByTestId('sankey')
    await page.locator('[data-testid="sankey"][data-answered="compare_plans:from:3"]').waitFor({ timeout: 60_000 })
    // Drawn by ECharts as SVG paths, and its figures written out in tables.
    expect(await page.getByTestId('sankey-chart').locator('svg path').count()).toBeGreaterThan(5)
    expect(await page.getByTestId('sankey-nodes').innerText()).toMatch(/Start order\s+[\d,]+\s+\d+%/)
    expect(await page.getByTestId('sankey-links').locator('tbody tr').count()).toBeGreaterThan(2)

    // Click the "Start order" node in the chart, then "Start here": the URL and the chart follow.
    await page.getByTestId('sankey-chart').locator('svg text', { hasText: /^Start order/ }).first().click()
    const panel = page.getByTestId('node-panel')
    await panel.waitFor()
    expect(await panel.innerText()).toMatch(/1 step after Compare plans · [\d,]+ customers/)
    // Variants: the designed path is marked, with a legend saying what that means.
    const variants = page.getByTestId('variants')
    await variants.waitFor({ timeout: 60_000 })
    expect(await variants.locator('tr[data-fit="designed"]').count()).toBeGreaterThan(0)
    expect(await variants.locator('tr[data-fit="designed"]').first().innerText()).toMatch(/★\s*Designed path/)
    expect(await page.getByRole('list', { name: 'Legend' }).innerText()).toMatch(/Designed path: every step in the designed order/)

    // Conformance: fitness and ranked deviations with their customers.
    const deviations = page.getByTestId('deviations')
    await deviations.waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('fitness').innerText()).toMatch(/^\d+%$/)
    expect(await deviations.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await deviations.innerText()).toMatch(/backward move[\s\S]*Use → Get connected/)

    // The picture: the flow from Compare plans with the clicked node's actions open.
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'flows')
    expect(await seriousViolations(page)).toEqual([])

    await panel.getByRole('button', { name: 'Start here' }).click()
    await page.waitForURL(/step=start_order/)
    expect(page.url()).toMatch(/direction=from/)
    await page.locator('[data-testid="sankey"][data-answered="start_order:from:3"]').waitFor({ timeout: 60_000 })
    expect(await sankey.getByRole('heading', { level: 2 }).innerText()).toBe('Paths from Start order')

    // The keyboard way to a node's actions: its "Actions" button in the table, then the customers who reached it.
    await page.getByRole('button', { name: /^Actions for Credit check/ }).first().click()
    await panel.getByRole('button', { name: 'List customers' }).click()
    await panel.locator('.customer-list a').first().waitFor({ timeout: 60_000 })
    expect(await panel.locator('.customer-list a').first().getAttribute('href')).toMatch(/^\/w\/demo\/customers\//)

    // A deviation's customer count opens the customers who made it, each linking to their page.
    const count = deviations.getByRole('button', { name: /customers made the backward move Use → Get connected: list them/ })
    const made = Number((await count.innerText()).replace(/,/g, ''))
    await count.click()
    expect(await count.getAttribute('aria-expanded')).toBe('true')
    const who = page.getByTestId('deviation-customers')
    await who.locator('li a').first().waitFor({ timeout: 60_000 })
    expect(await who.innerText()).toMatch(/Customers: backward move, Use → Get connected/)
    expect(await who.innerText()).toContain(`${made.toLocaleString('en-US')} customers made it at least once`)
    expect(await who.locator('li a').count()).toBe(Math.min(50, made))
    expect(await seriousViolations(page)).toEqual([])
    const first = who.locator('li a').first()
    const customer = await first.innerText()
    expect(await first.getAttribute('href')).toBe(`/w/demo/customers/${encodeURIComponent(customer)}`)
    await first.click()
    await page.waitForURL(new RegExp(`/w/demo/customers/${encodeURIComponent(customer)}`))
  }, 180_000)

  /** The captions of the breakdown's group tables: "tier gold · 61.2% complete". */
  const groups = async (page: Page) =>
    page
      .getByTestId('funnel-breakdown')
      .locator('table caption')
      .allInnerTexts()

  it('funnels: three steps picked in order, broken down by channel then by a trait; drop-outs, what they did next and who they are', async () => {
    const page = await open('funnels?steps=visit_site,start_order')
    await page.getByTestId('funnel-results').waitFor({ timeout: 60_000 })
    // Add "Compare plans" and move it up between the two: built with buttons, as from the keyboard.
    await page.getByLabel('Step to add').selectOption('compare_plans')
    await page.getByRole('button', { name: 'Add step' }).click()
    await page.getByRole('button', { name: 'Move Compare plans up' }).click()
    await page.waitForURL(/steps=visit_site%2Ccompare_plans%2Cstart_order|steps=visit_site,compare_plans,start_order/)
    // The URL changes first; the list follows it in a transition (router updates are not synchronous), so wait for it.
    await expect.poll(() => page.getByTestId('funnel-steps').innerText()).toMatch(/1\s*Visit website[\s\S]*2\s*Compare plans[\s\S]*3\s*Start order/)
    // After the move the focus stays on the moved step, now second.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-focus'))).toBe('up-1')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Compare plans up')

    await page.getByLabel('Break down by').selectOption('channel')
    await page.waitForURL(/breakdown=channel/)
    await page.locator('[data-testid="funnel-results"][data-answered*="start_order"][data-answered*="breakdown=channel"]').waitFor({ timeout: 60_000 })
    const table = page.getByTestId('funnel-table')
    expect(await table.innerText()).toMatch(/1\. Visit website\s+[\d,]+\s+100\.0%/)
    expect(await table.innerText()).toMatch(/3\. Start order\s+[\d,]+\s+\d+\.\d%\s+\d+\.\d%\s+[\d.]+ (min|h|d)/)
    expect((await groups(page)).join('\n')).toMatch(/web/)

    await page.getByLabel('Break down by').selectOption('trait:tier')
    await page.waitForURL(/breakdown=trait%3Atier|breakdown=trait:tier/)
    await page.locator('[data-testid="funnel-results"][data-answered*="breakdown=trait%3Atier"]').waitFor({ timeout: 60_000 })
    const captions = (await groups(page)).join('\n')
    expect(captions).toMatch(/tier gold/)
    expect(captions).toMatch(/tier bronze/)
    // Anonymous visitors who never ordered have no tier yet: a group of their own, which never starts an order.
    expect(captions).toMatch(/no tier · 0\.0% complete/)
    expect(await page.getByTestId('group-gold').innerText()).toMatch(/3\. Start order\s+[\d,]+\s+100\.0%/)
    expect(await page.getByTestId('breakdown-chart').locator('svg path').count()).toBeGreaterThan(3)

    // Drop-outs after "Compare plans": what they did next, and who they are.
    const dropouts = page.getByTestId('dropouts')
    expect(await dropouts.innerText()).toMatch(/After 2\. Compare plans\s+[\d,]+ stopped/)
    expect(await dropouts.innerText()).toMatch(/nothing more\s+[\d,]+/)
    await dropouts.getByRole('button', { name: /stopped after Compare plans: list them/ }).click()
    const list = page.getByTestId('funnel-customers')
    await list.locator('a').first().waitFor({ timeout: 60_000 })
    expect(await list.innerText()).toMatch(/Stopped after 2\. Compare plans/)
    expect(await list.innerText()).toMatch(/reached 2 of 3/)
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'funnel')
    expect(await seriousViolations(page)).toEqual([])

    const first = list.locator('a').first()
    const customer = await first.innerText()
    await first.click()
    await page.waitForURL(new RegExp(`/w/demo/customers/${encodeURIComponent(customer)}`))
  }, 180_000)

  it('funnels: fewer than two steps says what to do; stages make a funnel too', async () => {
    const page = await open('funnels?steps=visit_site')
    await page.getByRole('heading', { name: 'Pick at least two steps' }).waitFor({ timeout: 60_000 })
    expect(await seriousViolations(page)).toEqual([])
    // A click (the URL changes, then the radio follows it).
    await page.getByLabel('Stages').click()
    await page.waitForURL(/stages=discover%2Cbuy%2Cinstall|stages=discover,buy/)
    await page.locator('[data-testid="funnel-results"][data-answered*="stages="]').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('funnel-table').innerText()).toMatch(/5\. Pay\s+[\d,]+\s+\d+\.\d%/)
  }, 120_000)
})
