import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { hasChromium } from '../support/browser.ts'
import { seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

const WIDE = { width: 1440, height: 1000 }

describe.skipIf(!hasChromium)('the personas page in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 500, seed: 3 })
  }, 180_000)
  afterAll(() => web?.close())

  it('adds a persona with a job and desired outcomes beside the demo journey’s persona, edits it, deletes it after confirmation', async () => {
    const page = await signedInPage(web, '/w/demo/personas', WIDE)
    // The demo journey's persona, with its job and a link to the journey's map.
    const remote = page.getByRole('article', { name: 'Remote worker' })
    await remote.waitFor()
    expect(await remote.innerText()).toMatch(/When I move house, I want working internet from day one, so I can keep working/)
    // Imported with its journey's goals, frustrations and value tier.
    expect(await remote.innerText()).toMatch(/Value tier: gold[\s\S]*Keep working without interruption[\s\S]*Waiting at home for a technician/)
    await remote.getByRole('link', { name: /broadband/i }).waitFor()
    expect(await remote.getByRole('link', { name: /broadband/i }).getAttribute('href')).toMatch(/^\/w\/demo\/journeys\/[^/]+\/map$/)

    await page.getByRole('button', { name: 'New persona' }).click()
    const form = page.getByRole('form', { name: 'New persona' })
    await form.getByLabel('Name').fill('Home mover')
    await form.getByLabel('Value tier').fill('high')
    await form.getByLabel('Who they are').fill('Moving flat with a partner; both work from home.')
    await form.getByLabel('Goal 1', { exact: true }).fill('Be online on moving day')
    await form.getByLabel('Frustration 1', { exact: true }).fill('Waiting in for an engineer')
    const job = form.getByRole('group', { name: 'Job 1' })
    await job.getByLabel('When').fill('I move house')
    await job.getByLabel('I want to').fill('get online quickly')
    await job.getByLabel('so I can').fill('work from home')
    await job.getByLabel('Desired outcome 1', { exact: true }).fill('online within 3 days')
    await job.getByRole('button', { name: '+ Add a desired outcome' }).click()
    await job.getByLabel('Desired outcome 2', { exact: true }).fill('no call to support')
    await form.getByRole('button', { name: 'Create persona' }).click()

    const mover = page.getByRole('article', { name: 'Home mover' })
    await mover.waitFor()
    const text = await mover.innerText()
    expect(text).toMatch(/When I move house, I want to get online quickly, so I can work from home/)
    expect(text).toMatch(/online within 3 days\s+no call to support/)
    expect(text).toMatch(/Value tier: high/)
    expect(text).toMatch(/No journey names this persona yet/)
    expect(await page.getByRole('article').count()).toBe(2)
    await shot(page, 'personas')
    expect(await seriousViolations(page)).toEqual([])

    // Editing: a new goal and a third outcome; the job keeps its words.
    await mover.getByRole('button', { name: 'Edit Home mover' }).click()
    const edit = page.getByRole('form', { name: 'Edit Home mover' })
    await edit.getByRole('button', { name: '+ Add a goal' }).click()
    await edit.getByLabel('Goal 2', { exact: true }).fill('One bill for everything')
    await edit.getByRole('group', { name: 'Job 1' }).getByRole('button', { name: '+ Add a desired outcome' }).click()
    await edit.getByLabel('Desired outcome 3', { exact: true }).fill('first bill as quoted')
    expect(await seriousViolations(page)).toEqual([])
    await shot(page, 'persona-edit')
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await edit.waitFor({ state: 'hidden' })
    await expect.poll(() => mover.innerText()).toMatch(/One bill for everything/)
    expect(await mover.innerText()).toMatch(/no call to support\s+first bill as quoted/)
    expect(await mover.innerText()).toMatch(/I want to get online quickly/)

    // Deleting asks first; cancel keeps it, confirm removes it.
    await mover.getByRole('button', { name: 'Delete Home mover' }).click()
    const dialog = page.getByRole('dialog', { name: /Delete the persona “Home mover”/ })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await mover.waitFor()
    await mover.getByRole('button', { name: 'Delete Home mover' }).click()
    await dialog.getByRole('button', { name: 'Delete persona' }).click()
    await mover.waitFor({ state: 'detached' })
    expect(await page.getByRole('article').count()).toBe(1)
  }, 120_000)

  it('shows a viewer the personas without the buttons to change them', async () => {
    await createUserInWorkspace(web.rt.repos, { email: 'vera@example.com', password: 'password-vera-1', name: 'Vera Viewer', workspace: 'demo', role: 'viewer' })
    const page = await (await web.browser.newContext({ viewport: WIDE })).newPage()
    await page.goto(web.baseUrl)
    await page.getByLabel('Email').fill('vera@example.com')
    await page.getByLabel('Password').fill('password-vera-1')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('navigation', { name: 'Pages' }).waitFor()
    await page.goto(`${web.baseUrl}/w/demo/personas`)
    await page.getByRole('article', { name: 'Remote worker' }).waitFor()
    expect(await page.getByText(/You are a viewer/).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: /New persona|Edit|Delete/ }).count()).toBe(0)
  }, 60_000)
})
