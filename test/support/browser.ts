import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = fs.existsSync(CHROMIUM)

if (!hasChromium) {
  if (process.env.CI) throw new Error(`CI must run the browser tests: ${CHROMIUM} is missing (.ci/run installs chromium)`)
  console.warn(`NOTE: ${CHROMIUM} not found; browser tests are skipped (apt-get install -y chromium)`)
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}
