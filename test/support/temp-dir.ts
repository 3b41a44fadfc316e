import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { removeDataDirectory } from '../../src/storage/data-dir.ts'

/** A fresh directory under the OS temp dir; removed by the returned cleanup. */
export function tempDir(prefix = 'waymark-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => removeDataDirectory(dir) }
}
