import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../src/domain/journey/canonical-json.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, SHOTS, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

/** The step keys of a stage on the map in edit mode, in order. */
const stepsOf = (page: Page, stage: string) => page.locator(`[data-stage="${stage}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('edit-step-', '')))

/** A real pointer drag: press, move past the activation distance, glide to the target, release. */
async function drag(page: Page, handle: Locator, to: { x: number; y: number }) {
  const a = (await handle.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2, { steps: 4 })
  await page.mouse.move(to.x, to.y, { steps: 25 })
  await page.waitForTimeout(250)
  await page.mouse.up()
}
const centre = async (l: Locator) => {
  const b = (await l.boundingBox())!
  return { x: b.x + b.width / 3, y: b.y + b.height / 2 }
}
const fixture = JSON.parse(fs.readFileSync(new URL('../fixtures/workshop.journey.json', import.meta.url), 'utf8'))
/** PDF pages, as Chromium writes them (one page object each). */
const pdfPages = (file: string) => (fs.readFileSync(file, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
/** The PDF's pages as PNGs beside the screenshots, to look at (when poppler's pdftoppm is installed). */
const pdfShots = (file: string, name: string) => hasPdftoppm && execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(SHOTS, name)])

describe.skipIf(!hasChromium)('the map editor on the journey map in Chromium', () => {
  let web: WebApp
  let csrf: string
  const api = (p: string) => `${web.baseUrl}/api/workspaces/demo${p}`
  beforeAll(async () => {
    web = await startWebApp({ customers: 300, seed: 3 })
    await createUserInWorkspace(web.rt.repos, { email: 'vera@example.com', password: 'password-vera-1', name: 'Vera Viewer', workspace: 'demo', role: 'viewer' })
  }, 180_000)
  afterAll(() => web?.close())

  it('draws a journey from scratch and binds it to live data in the browser, the same as the journey imported from JSON; a second editor’s save wins and the first gets the conflict', async () => {
    const page = await signedInPage(web, '/w/demo/journeys')
    csrf = (await (await page.request.get(`${web.baseUrl}/api/auth/session`)).json()).csrfToken
    await page.getByRole('button', { name: '+ New journey' }).click()
    await page.getByLabel('Name of the new journey').fill('Broadband order (workshop)')
    await page.getByRole('button', { name: 'Create and edit' }).click()
    await page.waitForURL(/\/journeys\/[^/]+\/map\?edit=1$/)
    const journeyId = page.url().match(/journeys\/([^/]+)\/map/)![1]!
    const status = page.locator('.editor-status')
    await status.getByText('Editing version 1').waitFor()
    const form = page.getByRole('complementary', { name: 'Selected item' })
    const editStep = (key: string) => page.getByTestId(`edit-step-${key}`).locator('.editor-pick').click()

    // Two stages, four steps, each bound to the demo's events by its mapping rules.
    await page.getByTestId('edit-stage-stage_1').locator('.editor-pick').click()
    await form.getByLabel('Stage name').fill('Choose')
    await form.getByLabel('Brand promise').fill('Clear prices, no surprises')
    await editStep('step_1')
    await form.getByLabel('Step name').fill('Compare plans')
    // The step's channel comes before its rules' channels (a label's name includes its select's value).
    await form.getByLabel('Channel').first().selectOption('web')
    const rules = form.getByRole('group', { name: 'Mapping rules' })
    await rules.getByRole('button', { name: '+ Add rule' }).click()
    await rules.getByLabel('Event names').fill('page_viewed')
    await rules.getByRole('button', { name: '+ Property condition' }).click()
    await rules.getByLabel('Property 1', { exact: true }).fill('path')
    await rules.getByLabel('Values of property 1').fill('/plans')
    // The preview counts what the API counts for these rules.
    const asked = await page.request.post(api(`/journeys/${journeyId}/rule-preview`), { headers: { 'x-csrf-token': csrf }, data: { rules: [{ event: 'page_viewed', where: { path: '/plans' } }], step: 'step_1' } })
    const expected = (await asked.json()) as { events: number; customers: number }
    expect(expected.customers).toBe(300)
    await expect.poll(() => rules.getByTestId('rule-preview-count').innerText(), { timeout: 30_000 }).toBe(`${expected.events.toLocaleString('en')} events, ${expected.customers} customers in all the data`)

    await page.getByRole('toolbar', { name: 'Map editor' }).getByRole('button', { name: '+ Add stage' }).click()
    await form.getByLabel('Stage name').fill('Connect')
    const addStep = async (name: string, event: string, channel?: string) => {
      await page.getByRole('button', { name: 'Add a step to Connect' }).click()
      await form.getByLabel('Step name').fill(name)
      if (channel) await form.getByLabel('Channel').first().selectOption(channel)
      await rules.getByRole('button', { name: '+ Add rule' }).click()
      await rules.getByLabel('Event names').fill(event)
    }
    await addStep('Start order', 'order_started', 'web')
    await page.getByRole('radio', { name: '+1 positive' }).check()
    await addStep('Technician visit', 'technician_visited')
    await form.getByLabel('Owner').fill('Field ops')
    await addStep('Router activated', 'router_activated', 'app')
    // Unsaved keys follow their names.
    expect(await form.getByLabel('Key').inputValue()).toBe('router_activated')
    expect(await stepsOf(page, 'stage_1')).toEqual(['step_1'])
    expect(await stepsOf(page, 'connect')).toEqual(['start_order', 'technician_visit', 'router_activated'])

    // The mouse drags a step to the other stage.
    await drag(page, page.getByRole('button', { name: 'Drag step Start order' }), await centre(page.getByTestId('edit-step-step_1')))
    await expect.poll(() => stepsOf(page, 'connect')).toEqual(['technician_visit', 'router_activated'])
    const dropped = await stepsOf(page, 'stage_1')
    expect([...dropped].sort()).toEqual(['start_order', 'step_1'])

    // The keyboard alone reorders it: Space picks it up, an arrow moves it, Space drops it.
    const swapped = [...dropped].reverse()
    await page.getByRole('button', { name: 'Drag step Start order' }).focus()
    await page.keyboard.press('Space')
    await page.waitForTimeout(200)
    await page.keyboard.press(dropped[0] === 'start_order' ? 'ArrowRight' : 'ArrowLeft')
    await page.waitForTimeout(300)
    await page.keyboard.press('Space')
    await expect.poll(() => stepsOf(page, 'stage_1')).toEqual(swapped)
    // And the move buttons, for screen-reader users.
    if (swapped[0] === 'start_order') await page.getByRole('button', { name: 'Move Start order later' }).click()
    await expect.poll(() => stepsOf(page, 'stage_1')).toEqual(['step_1', 'start_order'])

    // The designed emotion: dragged on the emotion curve, or picked under it.
    const curve = page.getByTestId('emotion-curve')
    const box = (await curve.boundingBox())!
    const column = 3 // Router activated: Compare plans, Start order, Technician visit, Router activated
    const y = (v: number) => box.y + 12 + ((2 - v) / 4) * (box.height - 20)
    const x = box.x + (column + 0.5) * (box.width / 4)
    await page.mouse.move(x, y(0))
    await page.mouse.down()
    await page.mouse.move(x, y(1), { steps: 5 })
    await page.mouse.move(x, y(2) - 2, { steps: 5 })
    await page.mouse.up()
    await expect.poll(() => page.getByLabel('Designed emotion of Router activated').inputValue()).toBe('2')
    await page.getByLabel('Designed emotion of Technician visit').selectOption('-1')

    // Rows: thoughts and owner shown, kept with the journey.
    await page.getByRole('checkbox', { name: 'Show row: Thoughts' }).check()
    await page.getByRole('checkbox', { name: 'Show row: Owner' }).check()
    await page.getByRole('button', { name: 'Add thoughts to Router activated' }).waitFor()

    // Undo takes the last edit back, redo brings it again.
    await page.getByRole('button', { name: '↶ Undo' }).click()
    expect(await page.getByRole('checkbox', { name: 'Show row: Owner' }).isChecked()).toBe(false)
    await page.keyboard.press('Control+Shift+Z')
    expect(await page.getByRole('checkbox', { name: 'Show row: Owner' }).isChecked()).toBe(true)
    expect(await status.innerText()).toMatch(/\d+ unsaved changes/)
    expect(await page.getByTestId('step-router_activated').innerText()).toMatch(/New: measured once saved/)

    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'editor')
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Save as new version' }).click()
    await page.getByText('Saved as version 2.').waitFor()
    expect(await status.innerText()).toMatch(/no unsaved changes/)
    // Saving re-measured the map: the new steps have their figures.
    await page.getByTestId('step-start_order').getByText(/Customers/).waitFor({ timeout: 60_000 })

    // Reloaded, the map is as saved.
    await page.reload()
    await status.getByText('Editing version 2').waitFor()
    expect(await stepsOf(page, 'stage_1')).toEqual(['step_1', 'start_order'])
    expect(await stepsOf(page, 'connect')).toEqual(['technician_visit', 'router_activated'])

    // Acceptance: the journey built in the browser is the journey imported from JSON (both exported and compared).
    const imported = await page.request.post(api('/journeys/import'), { headers: { 'x-csrf-token': csrf }, data: { ...fixture, name: 'Broadband order (imported)' } })
    expect(imported.status()).toBe(200)
    const exportOf = async (id: string) => {
      const res = await page.request.get(api(`/journeys/${id}/export?format=json`))
      const { name: _name, ...doc } = await res.json()
      return canonicalJson(doc)
    }
    expect(await exportOf(journeyId)).toBe(await exportOf((await imported.json()).journey.id))

    // Two editors on the same version: the second to save gets the conflict, with who changed what, and nothing is lost.
    const other = await signedInPage(web, `/w/demo/journeys/${journeyId}/map?edit=1`)
    await other.locator('.editor-status').getByText('Editing version 2').waitFor()
    await other.getByTestId('edit-stage-connect').locator('.editor-pick').click()
    await other.getByRole('complementary', { name: 'Selected item' }).getByLabel('Stage name').fill('Get connected')
    await editStep('technician_visit')
    await form.getByLabel('Owner').fill('Field operations')
    await other.getByRole('button', { name: 'Save as new version' }).click()
    await other.getByText('Saved as version 3.').waitFor()
    await page.getByRole('button', { name: 'Save as new version' }).click()
    const conflict = page.getByRole('alert').filter({ hasText: 'someone else changed this journey' })
    // Who changed what comes from the history, read when the conflict shows.
    await conflict.getByText(new RegExp(`Version 3, by ${web.credentials.email} at .*: 1 stage changed \\(connect\\)`)).waitFor()
    await shot(page, 'editor-conflict')
    await conflict.getByRole('button', { name: 'Reload the journey' }).click()
    await status.getByText('Editing version 3').waitFor()
    expect(await page.getByTestId('edit-stage-connect').innerText()).toMatch(/Get connected/)

    // Done editing: the measured map, with the chosen rows.
    await page.getByRole('link', { name: 'Done editing' }).click()
    await page.getByTestId('step-router_activated').getByText(/Customers/).waitFor({ timeout: 60_000 })
    // Text content, not innerText: innerText follows the CSS (uppercase), and reads plain while the grid is not laid out yet.
    await expect.poll(() => page.locator('.map-scroll .lane-label').allTextContents()).toEqual(['Stages', 'Touchpoints', 'Thoughts', 'Feelings', 'Owner'])
  }, 300_000)

  /** The demo journey (other journeys of the workspace come first by name). */
  const demoMap = async (page: Page) => {
    const journeys = (await (await page.request.get(api('/journeys'))).json()) as Array<{ id: string; name: string }>
    const id = journeys.find((j) => j.name.startsWith('Home broadband'))!.id
    await page.goto(`${web.baseUrl}/w/demo/journeys/${id}/map`)
    return id
  }

  it('exports the measured map as PNG and as a paginated PDF with its rows and emotion curve', async () => {
    const page = await signedInPage(web, '/w/demo', { width: 1600, height: 1000 })
    await demoMap(page)
    await page.getByTestId('step-compare_plans').waitFor({ timeout: 60_000 })
    for (const row of ['Thoughts', 'Pains', 'Owner', 'Research']) await page.getByRole('checkbox', { name: `Show row: ${row}` }).check()
    await page.waitForURL(/lanes=/)
    // The rows on screen are the viewer's until an editor keeps them for everyone.
    await page.getByRole('button', { name: 'Keep these rows for everyone' }).waitFor()

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()])
    const png = path.join(SHOTS, 'map-export.png')
    await download.saveAs(png)
    const bytes = fs.readFileSync(png)
    expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    expect(bytes.length).toBeGreaterThan(50_000)
    // Wider than the screen: the whole map, not the part in view.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(2 * 1600)

    const pdf = path.join(SHOTS, 'map-print.pdf')
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true })
    expect(fs.statSync(pdf).size).toBeGreaterThan(50_000)
    // 16 steps, five columns a page.
    expect(pdfPages(pdf)).toBe(4)
    pdfShots(pdf, 'map-print')
  }, 180_000)

  it('answers the five questions on the brief, binds an outcome to a measure, and exports the brief as Markdown and PDF', async () => {
    const page = await signedInPage(web, '/w/demo', { width: 1440, height: 1000 })
    const journeyId = await demoMap(page)
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Brief' }).click()
    const online = page.getByTestId('outcome-online within 3 days of moving')
    await online.waitFor({ timeout: 60_000 })
    const brief = await (await page.request.get(api(`/journeys/${journeyId}/brief`))).json()
    const share = brief.outcomes.find((o: { text: string }) => o.text === 'online within 3 days of moving').now
    expect(await online.innerText()).toContain(`${Math.round(share.share * 100)}%`)
    expect(await online.innerText()).toContain(`met: ${share.met} of ${share.eligible} of the customers who reached “Order confirmation” (${share.eligible - share.met} not)`)
    // The count opens the customers behind it, each linking to their timeline.
    await online.getByRole('button', { name: /customers for whom “online within 3 days of moving” is met: list them/ }).click()
    const behind = online.getByTestId('outcome-customers')
    await behind.locator('li a').first().waitFor({ timeout: 60_000 })
    expect(await behind.innerText()).toContain(`${share.met} customers`)
    expect(await behind.locator('li a').first().getAttribute('href')).toMatch(/^\/w\/demo\/customers\//)
    await online.screenshot({ path: path.join(SHOTS, 'brief-outcome-customers.png') })
    await behind.getByRole('button', { name: 'Close the customer list' }).click()
    expect(await page.getByRole('heading', { name: '5. What are we doing about it?' }).isVisible()).toBe(true)
    expect(await page.getByText('No opportunities or pilots for this journey yet').isVisible()).toBe(true)
    expect(await page.getByRole('list', { name: 'Red points' }).getByRole('listitem').count()).toBe(brief.redPoints.length)

    // "first bill as quoted" is not measured yet: bound to paying the bill, it gets its share (a new version).
    const bill = page.getByTestId('outcome-first bill as quoted')
    expect(await bill.innerText()).toMatch(/Not bound to a measure yet/)
    await bill.getByRole('button', { name: 'Bind to a measure: first bill as quoted' }).click()
    const measure = bill.getByRole('form', { name: 'Measure for “first bill as quoted”' })
    await measure.locator('label', { hasText: /^Step/ }).locator('select').selectOption('bill_paid')
    await measure.getByRole('button', { name: 'Save as new version' }).click()
    await page.getByText(/Saved as version \d+\./).waitFor()
    await bill.getByText(/Reaches “Pay bill”/).waitFor({ timeout: 60_000 })
    const after = await (await page.request.get(api(`/journeys/${journeyId}/brief`))).json()
    const paid = after.outcomes.find((o: { text: string }) => o.text === 'first bill as quoted').now
    expect(paid.eligible).toBe(after.customers)
    await expect.poll(() => bill.innerText()).toContain(`met: ${paid.met} of ${paid.eligible}`)
    await shot(page, 'brief')
    const violations = await seriousViolations(page)
    if (violations.length) console.log(JSON.stringify(violations, null, 1))
    expect(violations).toEqual([])

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()])
    const md = fs.readFileSync((await download.path())!, 'utf8')
    expect(md).toMatch(/^# Brief: Home broadband: from search to first bill/)
    expect(md).toContain(`- online within 3 days of moving — Reaches “Activate router” within 3 days of “Order confirmation”: met for ${Math.round(share.share * 100)}% (${share.met} of ${share.eligible}`)
    expect(md).toMatch(/## 4\. Where does she fail, and why\?\n\n- “Compare plans”|## 4\. Where does she fail, and why\?\n\n- /)
    const pdf = path.join(SHOTS, 'brief-print.pdf')
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true })
    expect(fs.statSync(pdf).size).toBeGreaterThan(20_000)
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1)
    pdfShots(pdf, 'brief-print')
  }, 180_000)

  it('shows a viewer no way to edit', async () => {
    const viewer = await (await web.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    await viewer.goto(web.baseUrl)
    await viewer.getByLabel('Email').fill('vera@example.com')
    await viewer.getByLabel('Password').fill('password-vera-1')
    await viewer.getByRole('button', { name: 'Sign in' }).click()
    await viewer.waitForURL(/\/w\/demo\/journeys\/[^/]+\/map/)
    const links = viewer.getByRole('navigation', { name: 'Journey' })
    await links.getByRole('link', { name: 'Versions' }).waitFor()
    expect(await links.getByRole('link', { name: 'Edit map' }).count()).toBe(0)
    await demoMap(viewer)
    await viewer.getByTestId('step-compare_plans').waitFor({ timeout: 60_000 })
    expect(await viewer.getByRole('button', { name: /Drag|Keep these rows/ }).count()).toBe(0)
    await viewer.goto(viewer.url().replace(/\/map.*$/, '/edit'))
    await viewer.getByText('Viewers cannot edit the map').waitFor()
    await viewer.goto(`${web.baseUrl}/w/demo/journeys`)
    await viewer.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor()
    expect(await viewer.getByRole('button', { name: '+ New journey' }).count()).toBe(0)
  }, 120_000)
})
