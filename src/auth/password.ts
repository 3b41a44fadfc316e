import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// OWASP-recommended scrypt cost (N=2^17, r=8, p=1); encoded with its parameters so they can be raised later.
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const
const KEY_LENGTH = 32
const MAX_MEM = 256 * 1024 * 1024

/** At most this many hashes at a time (each takes 128 MiB): a burst of sign-ins queues instead of multiplying memory. */
const CONCURRENT_HASHES = 2
let running = 0
const waiting: Array<() => void> = []

async function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  if (running >= CONCURRENT_HASHES) await new Promise<void>((go) => waiting.push(go))
  running++
  try {
    return await scryptOnce(password, salt, opts)
  } finally {
    running--
    waiting.shift()?.()
  }
}

function scryptOnce(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...opts, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

export const MIN_PASSWORD_LENGTH = 8

/** Returns `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
