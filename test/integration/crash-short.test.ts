import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

// The short variant of `npm run test:crash` (20 cycles): so CI kills the server under load every time.
it('npm run test:crash (3 cycles): nothing acknowledged is lost, nothing counts twice, a killed import completes when run again', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/crash/crash-test.ts', '--cycles', '3', '--clients', '4'], { cwd: ROOT, timeout: 400_000, maxBuffer: 16 * 2 ** 20 }).catch((err: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`)
  })
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number | boolean>
  expect(result).toMatchObject({ cycles: 3, lost: 0, duplicated: 0, imported: 60_000 })
  expect(result.acknowledged).toBeGreaterThan(0)
  expect(result.stored).toBeGreaterThanOrEqual(result.acknowledged as number)
}, 420_000)
