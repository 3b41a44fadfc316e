import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

/** The step keys of a stage's column, in order. */
const stepsOf = (page: Page, stage: string) =>
  page
    .getByTestId(`edit-stage-${stage}`)
    .locator('li.editor-step')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('edit-step-', '')))

/** A real pointer drag: press, move past the activation distance, glide to the target, release. */
async function drag(page: Page, handle: Locator, target: Locator) {
  const a = (await handle.boundingBox())!
  const b = (await target.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2, { steps: 4 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 3, { steps: 25 })
  await page.waitForTimeout(250)
  await page.mouse.up()
}

describe.skipIf(!hasChromium)('the map editor in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 300, seed: 3 })
    await createUserInWorkspace(web.rt.repos, { email: 'vera@example.com', password: 'password-vera-1', name: 'Vera Viewer', workspace: 'demo', role: 'viewer' })
  }, 180_000)
  afterAll(() => web?.close())

  it('draws a journey from scratch: stages, steps, drag and drop, keyboard moves, details, undo and redo, save', async () => {
    const page = await signedInPage(web, '/w/demo/journeys')
    await page.getByRole('button', { name: '+ New journey' }).click()
    await page.getByLabel('Name of the new journey').fill('Home insurance claim')
    await page.getByRole('button', { name: 'Create and edit' }).click()
    await page.waitForURL(/\/journeys\/[^/]+\/edit$/)
    const journeyId = page.url().match(/journeys\/([^/]+)\/edit/)![1]!
    const status = page.locator('.editor-status')
    await status.getByText('Editing version 1').waitFor()
    expect(await page.locator('.filter-bar').count()).toBe(0)

    // Two stages, four steps.
    await page.getByTestId('edit-stage-stage_1').locator('.editor-pick').first().click()
    await page.getByLabel('Stage name').fill('Report the claim')
    await page.getByTestId('edit-step-step_1').locator('.editor-pick').click()
    await page.getByLabel('Step name').fill('Submit the claim')
    await page.getByRole('button', { name: '+ Add step to Report the claim' }).click()
    await page.getByLabel('Step name').fill('Upload photos')
    await page.getByRole('button', { name: '+ Add stage' }).click()
    await page.getByLabel('Stage name').fill('Settle')
    await page.getByRole('button', { name: '+ Add step to Settle' }).click()
    await page.getByLabel('Step name').fill('Receive the offer')
    await page.getByRole('button', { name: '+ Add step to Settle' }).click()
    await page.getByLabel('Step name').fill('Get paid')
    // Unsaved keys follow their names.
    expect(await page.getByLabel('Key').inputValue()).toBe('get_paid')
    expect(await stepsOf(page, 'stage_1')).toEqual(['step_1', 'upload_photos'])
    expect(await stepsOf(page, 'settle')).toEqual(['receive_the_offer', 'get_paid'])

    // The mouse drags a step to the other stage.
    await drag(page, page.getByRole('button', { name: 'Drag step Upload photos' }), page.getByTestId('edit-step-receive_the_offer'))
    await expect.poll(() => stepsOf(page, 'stage_1')).toEqual(['step_1'])
    const afterDrag = await stepsOf(page, 'settle')
    expect(afterDrag.sort()).toEqual(['get_paid', 'receive_the_offer', 'upload_photos'])

    // The keyboard alone moves a step up: Space picks it up, an arrow moves it, Space drops it.
    const before = await stepsOf(page, 'settle')
    const at = before.indexOf('get_paid')
    await page.getByRole('button', { name: 'Drag step Get paid' }).focus()
    await page.keyboard.press('Space')
    await page.waitForTimeout(200)
    await page.keyboard.press('ArrowUp')
    await page.waitForTimeout(300)
    await page.keyboard.press('Space')
    const expected = [...before]
    expected.splice(at, 1)
    expected.splice(at - 1, 0, 'get_paid')
    await expect.poll(() => stepsOf(page, 'settle')).toEqual(expected)
    // And the move buttons, for screen-reader users.
    await page.getByRole('button', { name: 'Move Get paid down' }).click()
    await expect.poll(() => stepsOf(page, 'settle')).toEqual(before)
    await page.getByRole('button', { name: 'Move Get paid up' }).click()
    await expect.poll(() => stepsOf(page, 'settle')).toEqual(expected)

    // A step's channel and designed emotion; undo takes the emotion back, redo brings it again.
    await page.getByTestId('edit-step-receive_the_offer').locator('.editor-pick').click()
    await page.getByLabel('Channel').selectOption('email')
    await page.getByRole('radio', { name: '+1 positive' }).check()
    const emotion = page.getByRole('radio', { name: '+1 positive' })
    await page.getByRole('button', { name: '↶ Undo' }).click()
    expect(await emotion.isChecked()).toBe(false)
    expect(await page.getByRole('radio', { name: 'Not set' }).isChecked()).toBe(true)
    await page.keyboard.press('Control+Shift+Z')
    expect(await emotion.isChecked()).toBe(true)
    expect(await page.getByLabel('Channel').inputValue()).toBe('email')
    expect(await status.innerText()).toMatch(/\d+ unsaved changes/)

    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'editor')
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Save as new version' }).click()
    await page.getByText('Saved as version 2.').waitFor()
    expect(await status.innerText()).toMatch(/no unsaved changes/)

    // Reloaded, the map is as saved; the API says so too.
    await page.reload()
    await status.getByText('Editing version 2').waitFor()
    expect(await stepsOf(page, 'stage_1')).toEqual(['step_1'])
    expect(await stepsOf(page, 'settle')).toEqual(expected)
    const saved = await (await page.request.get(`${web.baseUrl}/api/workspaces/demo/journeys/${journeyId}`)).json()
    expect(saved.version).toBe(2)
    const stages = saved.document.stages as Array<{ key: string; name: string; steps: Array<{ key: string; name: string; channel?: string; emotion?: number }> }>
    expect(stages.map((s) => s.name)).toEqual(['Report the claim', 'Settle'])
    expect(stages[1]!.steps.map((t) => t.key)).toEqual(expected)
    expect(stages[1]!.steps.find((t) => t.key === 'receive_the_offer')).toMatchObject({ name: 'Receive the offer', channel: 'email', emotion: 1 })
    expect(stages[0]!.steps).toEqual([{ key: 'step_1', name: 'Submit the claim' }])

    // Someone saves meanwhile: the save is refused, nothing is overwritten, and a reload brings their version.
    await page.getByTestId('edit-step-get_paid').locator('.editor-pick').click()
    await page.getByLabel('Owner').fill('Claims team')
    const { csrfToken } = await (await page.request.get(`${web.baseUrl}/api/auth/session`)).json()
    const theirs = await page.request.put(`${web.baseUrl}/api/workspaces/demo/journeys/${journeyId}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { version: 2, document: { ...saved.document, name: 'Home insurance claim 2027' } },
    })
    expect(theirs.status()).toBe(200)
    await page.getByRole('button', { name: 'Save as new version' }).click()
    const conflict = page.getByRole('alert').filter({ hasText: 'someone else changed this journey' })
    await conflict.waitFor()
    await conflict.getByRole('button', { name: 'Reload the journey' }).click()
    await status.getByText('Editing version 3').waitFor()
    expect(await status.innerText()).toMatch(/no unsaved changes/)

    // The measured map shows the new design.
    await page.getByRole('link', { name: 'Back to the measured map' }).click()
    await page.getByTestId('step-get_paid').waitFor({ timeout: 60_000 })
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
    await viewer.goto(viewer.url().replace(/\/map.*$/, '/edit'))
    await viewer.getByText('Viewers cannot edit the map').waitFor()
    await viewer.goto(`${web.baseUrl}/w/demo/journeys`)
    await viewer.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor()
    expect(await viewer.getByRole('button', { name: '+ New journey' }).count()).toBe(0)
  }, 120_000)
})
