import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../domain/errors.ts'

/**
 * The embedded engines (PGlite, chDB) must never be opened by two processes at
 * once: PGlite would corrupt its files. One lock file per DATA_DIR guards both.
 */
export type DataDirLock = { release(): void }

export function lockDataDir(dataDir: string): DataDirLock {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.accessSync(dataDir, fs.constants.W_OK)
  } catch (err) {
    throw new AppError('store_unavailable', `DATA_DIR ${dataDir} is not a writable directory (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
  }
  const lockFile = path.join(dataDir, 'waymark.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      let released = false
      return {
        release() {
          if (released) return
          released = true
          fs.rmSync(lockFile, { force: true })
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number(fs.readFileSync(lockFile, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          'store_unavailable',
          `DATA_DIR ${dataDir} is in use by another Waymark process (pid ${holder}); stop it first, or use its HTTP API`,
        )
      }
      fs.rmSync(lockFile, { force: true }) // stale lock from a process that is gone
    }
  }
  throw new AppError('store_unavailable', `DATA_DIR ${dataDir} could not be locked`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes a directory that held an embedded engine's data. Retried: the
 * engine's background merges may still be finishing a part just after it was
 * closed (ENOTEMPTY on the first try).
 */
export function removeDataDirectory(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
}
