import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignVariant } from '../../src/domain/experiments/assignment.ts'
import { seededRandom } from '../../src/demo/random.ts'
import { ingestMessages } from '../../src/ingest/segment/ingest-messages.ts'
import { runChecks } from '../../src/services/checks.ts'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

const WIDE = { width: 1500, height: 1000 }

/** The ranked list's titles, top first. */
const rankedTitles = (page: Page) => page.locator('ol.opportunity-list > li h3').allInnerTexts()

describe.skipIf(!hasChromium)('decide, pilot, monitor, close the loop in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 1500, seed: 3 })
  }, 180_000)
  afterAll(() => web?.close())

  it('portfolio: creates an opportunity from a red point, reorders by score, declines with a reason; the map shows the lane', async () => {
    const page = await signedInPage(web, '/w/demo', WIDE)
    await page.waitForURL(/\/journeys\/[^/]+\/map/)
    const mapPath = new URL(page.url()).pathname
    await page.getByTestId('step-compare_plans').getByRole('button', { name: /red point/ }).click({ timeout: 60_000 })
    const panel = page.getByRole('complementary', { name: /Red points at/ })
    await panel.getByRole('button', { name: 'Create opportunity' }).first().click()
    await panel.getByText('Opportunity created').waitFor()
    // The map's opportunities row shows it under its step.
    await page.getByRole('checkbox', { name: /Opportunities/ }).check()
    await expect.poll(() => page.locator('.map-scroll').getByTestId('opportunities-compare_plans').innerText()).toMatch(/#1 Compare plans/)
    await shot(page, 'map-opportunity-lane')

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Portfolio' }).click()
    await page.getByRole('heading', { name: 'Portfolio' }).waitFor()
    const fromRedPoint = page.getByRole('article', { name: /^Compare plans/ })
    await fromRedPoint.waitFor()
    expect(await fromRedPoint.innerText()).toMatch(/Value at risk \(live\)/i)
    // By hand: a cheap basic with low confidence, ranked below the red point…
    for (const [title, confidence, effort] of [
      ['Call ahead before the technician comes', '0.1', '8'],
      ['Plain-language first bill', '0.3', '3'],
    ] as const) {
      await page.getByRole('button', { name: 'New opportunity' }).click()
      const form = page.getByRole('form', { name: 'New opportunity' })
      await form.getByLabel('Title').fill(title)
      await form.getByLabel('Value at risk').fill('40000')
      await form.getByLabel('Customers affected').fill('400')
      await form.getByLabel('Confidence (0–1)').fill(confidence)
      await form.getByLabel('Effort (person-weeks)').fill(effort)
      await form.getByRole('button', { name: 'Create opportunity' }).click()
      await form.waitFor({ state: 'detached' })
    }
    await expect.poll(() => rankedTitles(page)).toHaveLength(3)
    expect((await rankedTitles(page)).at(-1)).toBe('Call ahead before the technician comes')
    // …until its score changes: it goes to the top.
    const callAhead = page.getByRole('article', { name: 'Call ahead before the technician comes' })
    const scores = callAhead.getByRole('form', { name: /Scores of/ })
    await scores.getByLabel('Confidence').fill('1')
    await scores.getByLabel('Effort').fill('0.2')
    await scores.getByRole('button', { name: 'Update score' }).click()
    await expect.poll(async () => (await rankedTitles(page))[0]).toBe('Call ahead before the technician comes')
    await shot(page, 'portfolio')
    expect(await seriousViolations(page)).toEqual([])

    // Declined with a reason: out of the ranking, kept and searchable.
    const bill = page.getByRole('article', { name: 'Plain-language first bill' })
    await bill.getByRole('button', { name: 'Decline…' }).click()
    const dialog = page.getByRole('dialog', { name: /Decline “Plain-language first bill”/ })
    await dialog.getByRole('button', { name: 'Decline' }).click()
    await dialog.getByText('Say why').waitFor()
    await dialog.getByLabel('Reason').fill('The billing system is replaced in spring; fix it there')
    await dialog.getByLabel('Revisit on (optional)').fill('2027-04-01')
    await dialog.getByRole('button', { name: 'Decline' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => rankedTitles(page)).toHaveLength(2)
    const declined = page.getByRole('region', { name: 'Done and declined' }).getByRole('article', { name: 'Plain-language first bill' })
    expect(await declined.innerText()).toMatch(/Declined: The billing system is replaced in spring; fix it there · revisit on 2027-04-01/)
    await page.getByRole('searchbox').fill('billing system')
    await page.getByRole('searchbox').press('Enter')
    await expect.poll(() => page.getByRole('article').count()).toBe(1)
    await page.getByRole('searchbox').fill('')
    await page.getByRole('searchbox').press('Enter')

    // The value × effort matrix is drawn; the by-stage view groups by the stage's promise.
    await page.getByRole('button', { name: 'Value × effort' }).click()
    await page.getByTestId('value-effort-matrix').locator('svg').waitFor()
    await shot(page, 'portfolio-matrix')
    await page.getByRole('button', { name: 'By stage' }).click()
    await page.getByRole('region', { name: /Discover — promise “Clear prices, no surprises”/ }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    // The journey's brief answers "what are we doing about it?" with the opportunity from its red point.
    await page.goto(`${web.baseUrl}${mapPath.replace(/\/map$/, '/brief')}`)
    const doing = page.getByRole('list', { name: 'Opportunities and pilots' })
    await expect.poll(() => doing.innerText(), { timeout: 60_000 }).toMatch(/Opportunity #\d+: Compare plans/)
    expect(await doing.innerText()).not.toMatch(/Call ahead/) // linked to no step of this journey
  }, 180_000)

  it('experiments: plans a pilot in the form, then its result page says the verdict in plain words and draws the interval', async () => {
    const page = await signedInPage(web, '/w/demo/experiments', WIDE)
    await page.getByRole('button', { name: 'New experiment' }).click()
    const form = page.getByRole('form', { name: 'New experiment' })
    await form.getByLabel('Name', { exact: true }).fill('Three plans instead of nine')
    await form.getByLabel('Hypothesis').fill('Fewer plans make choosing easier, so more visitors start an order')
    await form.getByLabel('Step it changes').selectOption('compare_plans')
    await form.getByLabel('Success: reaching').selectOption('start_order')
    await form.getByLabel('Within (hours)').fill('24')
    await form.getByLabel('Control’s conversion today (0–1)').fill('0.3')
    await form.getByLabel('Smallest lift worth detecting (0–1)').fill('0.1')
    await form.getByText('Plan: 356 customers per variant').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await form.getByRole('button', { name: 'Create experiment' }).click()
    await page.waitForURL(/\/w\/demo\/experiments\/exp_/)
    const id = page.url().split('/').pop()!
    await page.getByRole('region', { name: 'Verdict' }).getByText(/Not enough data yet/).waitFor()

    // 800 visitors see their variant through the ingestion path; the treatment converts at 45 %, the control at 30 %.
    const ws = (await web.rt.repos.workspaces.find('demo'))!
    const variants = (await web.rt.repos.experiments.get(ws.id, id))!.variants
    const rnd = seededRandom(11)
    const messages: Array<Record<string, unknown>> = []
    const t = Date.now()
    for (let i = 0; i < 800; i++) {
      const v = assignVariant(id, `pilot-${i}`, variants)
      messages.push({ type: 'track', userId: `pilot-${i}`, event: 'Experiment Viewed', messageId: `x-${i}`, timestamp: new Date(t).toISOString(), properties: { experiment_id: id, variation_id: v.key } })
      if (rnd.chance(v.key === 'treatment' ? 0.45 : 0.3)) messages.push({ type: 'track', userId: `pilot-${i}`, event: 'order_started', messageId: `o-${i}`, timestamp: new Date(t + 1000).toISOString() })
    }
    await web.rt.ingest.write(ingestMessages(messages, { workspaceId: ws.id, receivedAt: new Date(), source: 'test' }).rows)

    await page.reload()
    const verdict = page.getByRole('region', { name: 'Verdict' })
    await verdict.getByText(/Treatment wins: conversion to start_order within 24 h/).waitFor()
    expect(await verdict.innerText()).toMatch(/95 % interval \+\d+\.\d points to \+\d+\.\d points/)
    await page.getByTestId('interval-chart').locator('svg').waitFor()
    expect(await page.getByRole('region', { name: 'Results per variant' }).innerText()).toMatch(/Sample ratio: .* as planned/)
    await shot(page, 'experiment-result')
    expect(await seriousViolations(page)).toEqual([])
  }, 120_000)

  it('alerts: an alert rule made in the form, evaluated, with its state and history', async () => {
    const page = await signedInPage(web, '/w/demo/alerts', WIDE)
    await page.getByRole('button', { name: 'New alert rule' }).click()
    const form = page.getByRole('form', { name: 'New alert rule' })
    await form.getByLabel('Rule name').fill('Plans page exits')
    await form.getByLabel('Watch').selectOption('exit_rate_above')
    await form.getByLabel('Touchpoint').selectOption('compare_plans')
    await form.getByLabel(/^Threshold/).fill('0.3')
    await form.getByRole('button', { name: 'Create rule' }).click()
    const row = page.getByRole('row', { name: /Plans page exits/ })
    await row.waitFor()
    expect(await row.innerText()).toMatch(/Exit rate above 30\.0 %/)
    // The schedule's pass: the demo's data is months old, so yesterday's window has no data.
    const ws = (await web.rt.repos.workspaces.find('demo'))!
    await runChecks(web.rt, ws.id)
    await page.reload()
    await expect.poll(() => page.getByRole('row', { name: /Plans page exits/ }).innerText()).toMatch(/No data/)
    await page.getByRole('button', { name: 'Show history of Plans page exits' }).click()
    await page.getByRole('table', { name: 'Evaluations of Plans page exits' }).getByRole('row').nth(1).waitFor()
    await page.getByRole('region', { name: 'Webhooks' }).waitFor()
    await shot(page, 'alerts')
    expect(await seriousViolations(page)).toEqual([])
  }, 120_000)

  it('cases: a triggered case in the list, its page with the customer’s timeline link, closed with a root cause and an outcome', async () => {
    const ws = (await web.rt.repos.workspaces.find('demo'))!
    const journey = (await web.rt.repos.journeys.list(ws.id))[0]!
    await web.rt.repos.triggers.create(ws.id, {
      journeyId: journey.id,
      name: 'Detractor after repeated calls',
      condition: { kind: 'detractor_after_repeat', scoreKind: null, maxScore: null, minContacts: 2, withinDays: 7 },
      slaHours: 48,
      ownerId: null,
      webhookId: null,
      opportunityId: null,
      enabled: true,
      watermark: Date.now() * 1000,
    })
    const t = Date.now() - 3_600_000
    const messages = [
      { type: 'track', userId: 'cust-000042', event: 'call_started', messageId: 'e2e-c1', timestamp: new Date(t).toISOString(), properties: { queue: 'support' }, context: { channel: 'phone' } },
      { type: 'track', userId: 'cust-000042', event: 'call_started', messageId: 'e2e-c2', timestamp: new Date(t + 600_000).toISOString(), properties: { queue: 'support' }, context: { channel: 'phone' } },
      { type: 'track', userId: 'cust-000042', event: 'Survey Answered', messageId: 'e2e-a', timestamp: new Date().toISOString(), properties: { kind: 'nps', score: 2, touchpoint: 'support_call' } },
    ]
    await web.rt.ingest.write(ingestMessages(messages, { workspaceId: ws.id, receivedAt: new Date(), source: 'test' }).rows)
    expect((await runChecks(web.rt, ws.id)).casesOpened).toBe(1)

    const page = await signedInPage(web, '/w/demo/cases', WIDE)
    await page.getByRole('link', { name: 'cust-000042' }).click()
    await page.getByRole('heading', { name: 'Case: cust-000042' }).waitFor()
    expect(await page.getByRole('region', { name: 'Why this case' }).innerText()).toMatch(/NPS 2 after 2 contacts in 7 days/)
    expect(await page.getByRole('link', { name: 'Open cust-000042’s timeline' }).getAttribute('href')).toBe(`/w/demo/customers/cust-000042?journey=${journey.id}`)
    await shot(page, 'case')
    expect(await seriousViolations(page)).toEqual([])
    const close = page.getByRole('form', { name: 'Close the case' })
    await close.getByLabel('Root cause').fill('Router activation fails on old firmware')
    await close.getByRole('button', { name: 'Close case' }).click()
    await close.getByText('A case closes with outcome').waitFor()
    await close.getByLabel('Outcome').fill('Sent a new router; called back')
    await close.getByRole('button', { name: 'Close case' }).click()
    await page.getByRole('region', { name: 'Outcome' }).getByText('Router activation fails on old firmware').waitFor()
  }, 120_000)
})
