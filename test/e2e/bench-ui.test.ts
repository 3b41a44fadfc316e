import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

// The short variant of `npm run bench:ui`, so CI keeps the benchmark working.
describe.skipIf(!hasChromium)('npm run bench:ui (short)', () => {
  it('times the map on a small demo and a small bench workspace, and prints the table and the targets', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/ui/run.ts', '--events', '20000', '--runs', '1', '--customers', '500'], {
      cwd: ROOT,
      timeout: 240_000,
    })
    expect(stdout).toMatch(/demo\s+[\d,]+\s+\d+\.\d\d\s+\d+\.\d\d/)
    expect(stdout).toMatch(/20k events\s+20,000\s+\d+\.\d\d\s+\d+\.\d\d/)
    expect(stdout).toMatch(/demo cold ≤ 3 s: (met|NOT met)/)
  }, 300_000)
})
