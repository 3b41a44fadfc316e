import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

/** The lift chart's whiskers, by their colour (see web/src/features/drivers/lift-chart.tsx). */
const WHISKERS = '[data-testid="lift-chart"] svg path[stroke="#1e293b"]'

describe.skipIf(!hasChromium)('the journeys list and the drivers page in Chromium', () => {
  let web: WebApp
  let journeyId: string
  beforeAll(async () => {
    web = await startWebApp({ customers: 2000, seed: 3 })
    const demo = (await web.rt.repos.workspaces.find('demo'))!
    journeyId = (await web.rt.repos.journeys.list(demo.id))[0]!.id
    // A workspace of the owner's without journeys, for the empty state.
    const owner = (await web.rt.repos.users.findByEmail(web.credentials.email))!
    const empty = await web.rt.repos.workspaces.create({ slug: 'empty', name: 'Empty' })
    await web.rt.repos.workspaces.setMember(empty.id, owner.id, 'owner')
  }, 180_000)
  afterAll(() => web?.close())

  it('lists the demo journey with its design, customers, red points and value at risk, and opens its map', async () => {
    const page = await signedInPage(web, '/w/demo/journeys', { width: 1440, height: 700 })
    const row = page.getByTestId(`journey-${journeyId}`)
    await row.waitFor({ timeout: 60_000 })
    expect(await row.innerText()).toMatch(/Home broadband/)
    expect(await row.innerText()).toMatch(/Current state\s+5\s+17/)
    // Measures arrive per row: a red-points link once the analysis is in.
    const red = row.getByRole('link', { name: /red points: open the map/ })
    await red.waitFor({ timeout: 60_000 })
    const cells = await row.locator('td').allInnerTexts()
    const [customers, redPoints, valueAtRisk] = cells.slice(-3).map((c) => Number(c.replace(/[^\d]/g, '')))
    expect(customers).toBe(2000)
    expect(redPoints).toBeGreaterThan(0)
    expect(valueAtRisk).toBeGreaterThan(0)
    await shot(page, 'journeys')
    expect(await seriousViolations(page)).toEqual([])
    await row.getByRole('link', { name: /^Home broadband/ }).click()
    await page.waitForURL(new RegExp(`/w/demo/journeys/${journeyId}/map`))
    await page.getByTestId('step-compare_plans').waitFor({ timeout: 60_000 })
  }, 120_000)

  it('tells a workspace without journeys how to import one', async () => {
    const page = await signedInPage(web, '/w/empty/journeys')
    const empty = page.getByRole('heading', { name: 'No journeys yet' })
    await empty.waitFor({ timeout: 30_000 })
    const text = await page.locator('.empty-state').innerText()
    expect(text).toMatch(/waymark journey import FILE --workspace empty/)
    expect(text).toMatch(/POST \/api\/workspaces\/empty\/journeys\/import/)
    expect(await seriousViolations(page)).toEqual([])
  }, 60_000)

  it('ranks the factors of each outcome with their confidence intervals, and opens the customers behind one', async () => {
    const page = await signedInPage(web, `/w/demo/journeys/${journeyId}/drivers`, { width: 1440, height: 1000 })
    const picker = page.getByRole('group', { name: 'Outcome' })
    await picker.waitFor({ timeout: 60_000 })
    const outcomes = await picker.getByRole('radio').count()
    expect(outcomes).toBeGreaterThanOrEqual(3) // the goal, NPS detractors, low scores at a touchpoint
    let withFactors = 0
    for (let i = 0; i < outcomes; i++) {
      const choice = picker.locator('label').nth(i)
      await choice.click()
      await expect.poll(() => choice.getByRole('radio').isChecked()).toBe(true)
      const label = await choice.innerText()
      if (/none found/.test(label)) {
        await page.getByRole('heading', { name: /^No factor predicts/ }).waitFor()
        continue
      }
      withFactors++
      // The page shows this outcome (not still the previous one) before its table is read.
      await page.getByRole('heading', { name: `What predicts: ${label.split(' · ')[0]!.trim()}` }).waitFor()
      const table = page.locator('table.drivers-table').first()
      await table.waitFor()
      const rows = await table.locator('tbody tr').count()
      expect(label).toContain(`${rows} factor`)
      // Bars and whiskers drawn: a line and two caps per factor, from the custom series.
      await page.locator(WHISKERS).first().waitFor({ state: 'attached' })
      expect(await page.locator(WHISKERS).count()).toBeGreaterThanOrEqual(3 * rows)
      const first = (await table.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ')
      expect(first).toMatch(/×[\d.,]+ ×[\d.,]+–×[\d.,]+ [\d.]+% [\d.]+% [\d,]+ customers (< 0\.001|0\.\d{3})/)
      const cis = await table.locator('tbody tr td:nth-child(4)').allInnerTexts()
      const lows = cis.map((c) => Number(c.split('–')[0]!.replace(/[^\d.]/g, '')))
      expect(lows.every((lo) => lo >= 1)).toBe(true)
      expect(lows).toEqual([...lows].sort((a, b) => b - a))
    }
    expect(withFactors).toBeGreaterThanOrEqual(2)

    await picker.locator('label', { hasText: 'NPS detractor' }).click()
    // Read the table once it shows this outcome, not the previous one.
    await page.getByRole('heading', { name: /What predicts: NPS detractor/ }).waitFor()
    const link = page.locator('table.drivers-table').first().getByRole('link', { name: /customers with .*: show them/ }).first()
    const support = Number((await link.innerText()).replace(/[^\d]/g, ''))
    await link.click()
    await page.waitForURL(/outcome=NPS\+detractor&factor=|factor=.*outcome=/)
    const panel = page.getByTestId('driver-customers')
    await panel.locator('tbody a').first().waitFor({ timeout: 30_000 })
    expect(await panel.innerText()).toContain(`${support.toLocaleString('en')} customers had this factor`)
    expect(await panel.locator('tbody tr').count()).toBe(Math.min(50, support))
    await shot(page, 'drivers')
    expect(await seriousViolations(page)).toEqual([])
    const customer = panel.locator('tbody a').first()
    const id = await customer.innerText()
    await customer.click()
    await page.waitForURL(new RegExp(`/w/demo/customers/${encodeURIComponent(id)}`))
  }, 180_000)
})
