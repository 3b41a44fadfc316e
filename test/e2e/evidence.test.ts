import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

type Insight = { source: string; text: string; quote?: string; author?: string; steps?: string[] }

describe.skipIf(!hasChromium)('research evidence in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 500, seed: 3 })
  }, 180_000)
  afterAll(() => web?.close())

  it('adds, edits and detaches evidence in the editor, saves it, and colours the measured map by evidence coverage', async () => {
    const page = await signedInPage(web, '/', { width: 1600, height: 1000 })
    await page.waitForURL(/\/w\/demo\/journeys\/[^/]+\/map/)
    const journeyId = page.url().match(/journeys\/([^/]+)\/map/)![1]!
    await page.goto(`${web.baseUrl}/w/demo/journeys/${journeyId}/map?edit=1`)
    const status = page.locator('.editor-status')
    await status.getByText('Editing version 1').waitFor()

    // A step without evidence: the card says so; an interview is added to it.
    const startOrder = page.getByTestId('edit-step-start_order')
    expect(await startOrder.innerText()).toMatch(/0 evidence/)
    await startOrder.locator('.editor-pick').click()
    const evidence = page.getByRole('region', { name: /Evidence/ })
    await evidence.getByText('No research backs this step yet.').waitFor()
    await evidence.getByRole('button', { name: '+ Add evidence' }).click()
    expect(await evidence.getByLabel('Evidence source').inputValue()).toBe('interview')
    await evidence.getByLabel('Finding').fill('Customers hesitate at the address form')
    await evidence.getByLabel('Quote').fill('I was not sure whether it wanted my billing or my home address.')
    await evidence.getByLabel('Source link').fill('not a link')
    expect(await evidence.getByRole('button', { name: 'Add evidence' }).isDisabled()).toBe(true)
    await evidence.getByLabel('Source link').fill('https://research.example.com/interviews/7')
    await evidence.getByRole('button', { name: 'Add evidence' }).click()
    await evidence.getByText('“I was not sure whether it wanted my billing or my home address.”').waitFor()
    expect(await startOrder.innerText()).toMatch(/1 evidence/)

    // Edited: author and date written under it; undo and redo step through it.
    await evidence.getByRole('button', { name: /^Edit evidence: Customers hesitate/ }).click()
    await evidence.getByLabel('Author').fill('Ana Researcher')
    await evidence.getByLabel('Date').fill('2026-10-02')
    await evidence.getByRole('button', { name: 'Apply' }).click()
    await evidence.getByText('Ana Researcher · 2026-10-02').waitFor()
    await page.getByRole('button', { name: '↶ Undo' }).click()
    expect(await evidence.getByText('Ana Researcher').count()).toBe(0)
    await page.getByRole('button', { name: '↷ Redo' }).click()
    await evidence.getByText('Ana Researcher · 2026-10-02').waitFor()

    // An insight backing two steps is only detached from this one.
    await page.getByTestId('edit-step-support_call').locator('.editor-pick').click()
    await evidence.getByText('Also backs 1 other step or stage.').waitFor()
    await evidence.getByRole('button', { name: /^Remove evidence from this step: Support calls cluster/ }).click()
    expect(await page.getByTestId('edit-step-support_call').innerText()).toMatch(/0 evidence/)
    expect(await page.getByTestId('edit-step-router_activated').innerText()).toMatch(/1 evidence/)
    await shot(page, 'evidence-editor')
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Save as new version' }).click()
    await page.getByText('Saved as version 2.').waitFor()
    const saved = await (await page.request.get(`${web.baseUrl}/api/workspaces/demo/journeys/${journeyId}`)).json()
    const insights = saved.document.insights as Insight[]
    expect(insights).toHaveLength(4)
    expect(insights.find((i) => i.text.startsWith('Support calls'))!.steps).toEqual(['router_activated'])
    expect(insights.at(-1)).toEqual({
      source: 'interview',
      text: 'Customers hesitate at the address form',
      quote: 'I was not sure whether it wanted my billing or my home address.',
      link: 'https://research.example.com/interviews/7',
      author: 'Ana Researcher',
      date: '2026-10-02',
      steps: ['start_order'],
    })

    // The measured map, coverage on (and kept in the URL): the category is written on every card and in the legend.
    await page.getByRole('link', { name: 'Done editing' }).click()
    const coverage = page.getByLabel('Evidence coverage', { exact: true })
    await coverage.check({ timeout: 60_000 })
    await page.waitForURL(/[?&]coverage=1/)
    const card = (key: string) => page.getByTestId(`step-${key}`)
    expect(await card('start_order').innerText()).toMatch(/Evidence: research and live data/)
    expect(await card('start_order').getAttribute('class')).toMatch(/\bcoverage-both\b/)
    expect(await card('visit_site').innerText()).toMatch(/Evidence: live data only/)
    expect(await card('support_call').innerText()).toMatch(/Evidence: live data only/)
    expect(await card('welcome_call').innerText()).toMatch(/Dark touchpoint/)
    expect(await card('welcome_call').innerText()).toMatch(/Evidence: none/)
    const legend = await page.getByRole('list', { name: 'Evidence coverage legend' }).innerText()
    expect(legend).toMatch(/research and live data: \d+ steps?/)
    expect(legend).toMatch(/live data only: \d+ steps?/)
    expect(legend).toMatch(/research only: \d+ steps?/)
    expect(legend).toMatch(/none: \d+ steps?/)
    await shot(page, 'evidence-coverage')
    expect(await seriousViolations(page)).toEqual([])

    // A reload keeps it; unticked, the cards are as before.
    await page.reload()
    await card('start_order').getByText('Evidence: research and live data').waitFor({ timeout: 60_000 })
    await page.getByLabel('Evidence coverage', { exact: true }).uncheck()
    await expect.poll(() => page.url()).not.toMatch(/coverage=/)
    expect(await card('start_order').innerText()).not.toMatch(/Evidence:/)
  }, 180_000)
})
