import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { hasChromium } from '../support/browser.ts'
import { recordCspViolations, seriousViolations, shot, signedInPage, startWebApp, type WebApp } from '../support/web-app.ts'

const WIDE = { width: 1440, height: 1000 }

describe.skipIf(!hasChromium)('invitations, the security log and the Content Security Policy in Chromium', () => {
  let web: WebApp
  beforeAll(async () => {
    web = await startWebApp({ customers: 400, seed: 5 })
    // Has an account (in another workspace) but is not a member of demo.
    await createUserInWorkspace(web.rt.repos, { email: 'vera@example.com', password: 'password-vera-1', name: 'Vera', workspace: 'elsewhere', role: 'owner' })
  }, 180_000)
  afterAll(() => web?.close())

  const invite = async (page: Page, email: string, role: string) => {
    const form = page.getByRole('region', { name: 'Invite someone' })
    await form.getByLabel('Email').fill(email)
    await form.getByLabel('Role').selectOption(role)
    await form.getByRole('button', { name: 'Create invitation' }).click()
    await expect.poll(() => form.getByRole('status', { name: 'Invitation link' }).innerText()).toContain(email)
    return (await form.getByTestId('invitation-link').textContent())!
  }

  it('an owner invites by email; the invitee joins only by accepting the link (new account, or signing in)', async () => {
    const owner = await signedInPage(web, '/w/demo/members', WIDE)
    await owner.getByRole('heading', { name: 'Invite someone' }).waitFor()
    const newcomerLink = await invite(owner, 'new.person@example.com', 'editor')
    expect(newcomerLink).toMatch(new RegExp(`^${web.baseUrl}/invitations/[\\w-]{43}$`))
    const veraLink = await invite(owner, 'vera@example.com', 'viewer')
    const pending = owner.getByRole('region', { name: 'Pending invitations' })
    await expect.poll(() => pending.locator('tbody tr').count()).toBe(2)
    expect(await pending.innerText()).toMatch(/new\.person@example\.com\s+editor/i)
    // Nobody joined yet.
    expect(await owner.getByRole('region', { name: /People in/ }).innerText()).not.toMatch(/vera@example\.com|new\.person/)
    await shot(owner, 'members-invitations')
    expect(await seriousViolations(owner)).toEqual([])

    // A newcomer creates an account from the link and lands in the workspace.
    const guest = await (await web.browser.newContext({ viewport: WIDE })).newPage()
    await recordCspViolations(guest)
    await guest.goto(newcomerLink)
    await guest.getByRole('heading', { name: 'Join Demo' }).waitFor()
    expect(await guest.locator('.invitation-summary').innerText()).toMatch(/invited new\.person@example\.com to the workspace Demo as editor/i)
    await shot(guest, 'invitation')
    expect(await seriousViolations(guest)).toEqual([])
    await guest.getByLabel('Your name').fill('Nina Newcomer')
    await guest.getByLabel('Choose a password').fill('a-long-password')
    await guest.getByLabel('The password again').fill('a-long-password')
    await guest.getByRole('button', { name: 'Create my account and join' }).click()
    await guest.waitForURL(/\/w\/demo/)
    await guest.getByRole('navigation', { name: 'Pages' }).waitFor()
    // The link works once.
    await guest.goto(newcomerLink)
    await guest.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor()

    // Someone with an account signs in from the link to accept.
    const vera = await (await web.browser.newContext({ viewport: WIDE })).newPage()
    await vera.goto(veraLink)
    await vera.getByRole('heading', { name: 'Join Demo' }).waitFor()
    await vera.getByLabel('Password', { exact: true }).fill('password-vera-1')
    await vera.getByRole('button', { name: 'Sign in and accept' }).click()
    await vera.waitForURL(/\/w\/demo/)

    await owner.reload()
    const people = owner.getByRole('region', { name: /People in/ })
    await expect.poll(() => people.innerText()).toMatch(/Nina Newcomer[\s\S]*vera@example\.com/)
    expect(await owner.getByLabel('Role of Nina Newcomer').inputValue()).toBe('editor')
    await expect.poll(() => pending.innerText()).toMatch(/No invitation is waiting/)

    // The security log tells who did what.
    const log = owner.getByRole('region', { name: 'Security log' })
    await expect.poll(() => log.innerText()).toMatch(/invited new\.person@example\.com as editor/)
    expect(await log.innerText()).toMatch(/new\.person@example\.com\s+accepted the invitation/)
    expect(await log.innerText()).toMatch(/signed in/)
    await shot(owner, 'members-security-log')
    expect(await seriousViolations(owner)).toEqual([])
  }, 180_000)

  it('every page loads under the Content Security Policy without a violation', async () => {
    const page = await signedInPage(web, '/w/demo/journeys', WIDE)
    const [journey] = await page.evaluate(async () => (await fetch('/api/workspaces/demo/journeys')).json())
    const customers = await page.evaluate(async () => (await fetch('/api/workspaces/demo/customers?limit=1')).json())
    const paths = [
      '/w/demo/journeys',
      ...['map', 'flows', 'funnels', 'drivers', 'versions', 'edit', 'settings'].map((p) => `/w/demo/journeys/${journey.id}/${p}`),
      '/w/demo/personas',
      '/w/demo/customers',
      `/w/demo/customers/${encodeURIComponent(customers.customers[0].customer)}`,
      '/w/demo/data',
      '/w/demo/members',
    ]
    const problems: string[] = []
    for (const p of paths) {
      await page.goto(web.baseUrl + p)
      await page.waitForLoadState('networkidle')
      const csp = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)
      problems.push(...csp.map((v) => `${p}: ${v}`))
    }
    // The charts drew (ECharts under the policy).
    await page.goto(`${web.baseUrl}/w/demo/journeys/${journey.id}/flows`)
    await page.locator('svg').first().waitFor()
    expect(problems).toEqual([])
    const res = await fetch(web.baseUrl)
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  }, 180_000)
})
