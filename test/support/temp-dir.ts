import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A fresh directory under the OS temp dir; removed by the returned cleanup. */
export function tempDir(prefix = 'waymark-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  // Retried: the embedded engine's background merges may still be finishing a part just after it closed.
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }) }
}
