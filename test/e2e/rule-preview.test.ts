import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

describe.skipIf(!hasChromium)('mapping rules with a live preview in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 800, seed: 3 })
  }, 180_000)
  afterAll(() => web?.close())

  it("previews a step's rules as the API counts them, adds a suggested event in one click, and saves it", async () => {
    const page = await signedInPage(web, '/w/demo/journeys')
    const api = (p: string) => `${web.baseUrl}/api/workspaces/demo${p}`
    const journeyId = (await (await page.request.get(api('/journeys'))).json())[0].id as string
    await page.goto(`${web.baseUrl}/w/demo/journeys/${journeyId}/map?edit=1`)
    await page.locator('.editor-status').getByText('Editing version 1').waitFor()

    await page.getByTestId('edit-step-order_confirmed').locator('.editor-pick').click()
    const rules = page.getByRole('group', { name: 'Mapping rules' })
    expect(await rules.getByLabel('Event names').inputValue()).toBe('email_sent')
    expect(await rules.getByLabel('Property 1', { exact: true }).inputValue()).toBe('template')
    expect(await rules.getByLabel('Values of property 1').inputValue()).toBe('order_confirmation')

    // The count the editor shows is the API's.
    const { csrfToken } = await (await page.request.get(`${web.baseUrl}/api/auth/session`)).json()
    const asked = await page.request.post(api(`/journeys/${journeyId}/rule-preview`), {
      headers: { 'x-csrf-token': csrfToken },
      data: { rules: [{ event: 'email_sent', where: { template: 'order_confirmation' } }], step: 'order_confirmed' },
    })
    expect(asked.status()).toBe(200)
    const expected = (await asked.json()) as { events: number; customers: number }
    expect(expected.customers).toBeGreaterThan(0)
    const count = page.getByTestId('rule-preview-count')
    const fmt = (n: number) => n.toLocaleString('en')
    await expect.poll(() => count.innerText(), { timeout: 30_000 }).toBe(`${fmt(expected.events)} events, ${fmt(expected.customers)} customers in all the data`)
    expect(await rules.getByRole('list', { name: 'Latest matching events' }).getByRole('listitem').count()).toBe(5)

    await rules.getByRole('group', { name: 'Similar unmapped events' }).scrollIntoViewIfNeeded()
    await shot(page, 'rule-preview')
    expect(await seriousViolations(page)).toEqual([])

    // One click adds a suggested unmapped event as a rule; the preview counts it too.
    const suggestion = rules.getByRole('button', { name: /^\+ newsletter_opened \(email, [\d,]+ events\)$/ })
    const added = Number((await suggestion.innerText()).match(/([\d,]+) events/)![1]!.replace(/,/g, ''))
    await suggestion.click()
    expect(await rules.getByLabel('Event names').nth(1).inputValue()).toBe('newsletter_opened')
    await expect.poll(() => count.innerText(), { timeout: 30_000 }).toMatch(new RegExp(`^${fmt(expected.events + added)} events, `))
    expect(await rules.getByRole('button', { name: /newsletter_opened/ }).count()).toBe(0)
    expect(await page.locator('.editor-status').innerText()).toMatch(/1 unsaved change/)


    await page.getByRole('button', { name: 'Save as new version' }).click()
    await page.getByText('Saved as version 2.').waitFor()
    await page.reload()
    await page.locator('.editor-status').getByText('Editing version 2').waitFor()
    await page.getByTestId('edit-step-order_confirmed').locator('.editor-pick').click()
    expect(await rules.getByLabel('Event names').nth(1).inputValue()).toBe('newsletter_opened')
    await expect.poll(() => count.innerText(), { timeout: 30_000 }).toMatch(new RegExp(`^${fmt(expected.events + added)} events, `))
    const saved = await (await page.request.get(api(`/journeys/${journeyId}`))).json()
    const step = (saved.document.stages as Array<{ steps: Array<{ key: string; match?: unknown }> }>).flatMap((s) => s.steps).find((s) => s.key === 'order_confirmed')
    expect(step?.match).toEqual([{ event: 'email_sent', where: { template: 'order_confirmation' } }, { event: 'newsletter_opened', channel: 'email' }])
  }, 180_000)
})
