import fs from 'node:fs'
import path from 'node:path'
import { newSecret } from './auth/tokens.ts'

/** SECRET from the environment, else one generated on first start and kept (0600) in DATA_DIR. */
export function resolveSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured
  const file = path.join(dataDir, 'secret')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  fs.mkdirSync(dataDir, { recursive: true })
  const secret = newSecret()
  fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' })
  return secret
}
