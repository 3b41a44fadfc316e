import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { AxeBuilder } from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { loadConfig } from '../../src/config.ts'
import { openRuntime, type Runtime } from '../../src/runtime.ts'
import { createApp } from '../../src/server/app.ts'
import { bootstrapFirstRun } from '../../src/services/bootstrap.ts'
import { createDemo } from '../../src/services/demo.ts'
import { launchBrowser } from './browser.ts'
import { tempDir } from './temp-dir.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** Screenshots every e2e test saves (look at them; the README's come from here). */
export const SHOTS = path.join(ROOT, '.tmp/screenshots')

/** Every file the UI is built from, hashed: a build is reused until one changes. */
function webSourceHash(): string {
  const hash = crypto.createHash('sha256')
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) {
        if (e.name !== 'dist' && e.name !== 'node_modules') walk(full)
      } else {
        hash.update(full).update(fs.readFileSync(full))
      }
    }
  }
  walk(path.join(ROOT, 'web'))
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')))
  return hash.digest('hex').slice(0, 16)
}

/**
 * The built UI for the current sources, in its own directory: test files run in
 * parallel processes, so each build goes to a fresh directory renamed into
 * place (a concurrent identical build simply loses the rename).
 */
export function builtWeb(): string {
  const dir = path.join(ROOT, '.tmp/web', webSourceHash())
  if (fs.existsSync(path.join(dir, 'index.html'))) return dir
  const work = `${dir}.${process.pid}`
  execFileSync('npx', ['vite', 'build', 'web', '--logLevel', 'error', '--outDir', work, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' })
  try {
    fs.renameSync(work, dir)
  } catch {
    fs.rmSync(work, { recursive: true, force: true })
  }
  return dir
}

export type WebApp = { rt: Runtime; baseUrl: string; browser: Browser; credentials: { email: string; password: string }; close(): Promise<void> }

/** The real server on embedded stores, serving the built UI, with a demo workspace of `customers` and a Chromium. */
export async function startWebApp(opts: { customers?: number; seed?: number } = {}): Promise<WebApp> {
  const webRoot = builtWeb()
  const tmp = tempDir()
  const rt = await openRuntime(loadConfig({ DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' }))
  const credentials = (await bootstrapFirstRun(rt.repos))!
  if (opts.customers) await createDemo(rt, { workspace: 'demo', customers: opts.customers, seed: opts.seed ?? 3 })
  const app = await createApp({ ...rt, webRoot })
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  const browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  return {
    rt,
    baseUrl,
    browser,
    credentials,
    async close() {
      await browser.close()
      await app.close()
      await rt.close()
      tmp.cleanup()
    },
  }
}

/** A page signed in as the first-run owner, at `path`. */
export async function signedInPage(web: WebApp, pathname = '/', viewport = { width: 1440, height: 900 }): Promise<Page> {
  // A context of its own (axe opens a helper page in it).
  const page = await (await web.browser.newContext({ viewport })).newPage()
  await recordCspViolations(page)
  await page.goto(web.baseUrl)
  await page.getByLabel('Email').fill(web.credentials.email)
  await page.getByLabel('Password').fill(web.credentials.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Pages' }).waitFor()
  if (pathname !== '/') await page.goto(web.baseUrl + pathname)
  return page
}

/** Makes the page keep every Content Security Policy violation it meets (seriousViolations reports them). */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __cspViolations: string[] }).__cspViolations = [])
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`))
  })
}

/**
 * axe-core on the page as it is: the serious and critical violations (an empty list passes),
 * and any Content Security Policy violation the page met (pages opened with signedInPage record them).
 */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string | null | undefined; help: string; targets: string[] }>> {
  const result = await new AxeBuilder({ page: page as never }).analyze()
  const csp = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
  return [
    ...result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })),
    ...csp.map((text) => ({ id: 'content-security-policy', impact: 'serious', help: text, targets: [] })),
  ]
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
