import { backoffMs, type BackoffPolicy } from '../domain/backoff.ts'

/** Per account: 5 free failures, then 1 s, 2 s, 4 s … up to 15 minutes between attempts. */
export const ACCOUNT_BACKOFF: BackoffPolicy = { free: 5, baseMs: 1000, maxMs: 15 * 60_000 }
/** Per address (many people can share one behind a NAT): 20 free failures, then the same doubling. */
export const ADDRESS_BACKOFF: BackoffPolicy = { free: 20, baseMs: 1000, maxMs: 15 * 60_000 }
/** Failures are forgotten after this long without another. */
const FORGET_MS = 60 * 60_000
const MAX_TRACKED = 100_000

type Failures = { count: number; last: number }

/**
 * Sign-in back-off, checked before any password is hashed (a hash costs 128 MiB
 * and ~0.2 s of a core). An attempt counts as a failure from the moment it starts,
 * so concurrent guesses cannot all slip through before the first one fails; a
 * success clears the account's and the address's count. In memory, per process.
 */
export function signInThrottle(policies: { account: BackoffPolicy; address: BackoffPolicy } = { account: ACCOUNT_BACKOFF, address: ADDRESS_BACKOFF }) {
  const failures = new Map<string, Failures>()
  const keysOf = (account: string, address: string) => [
    { key: `account:${account.trim().toLowerCase()}`, policy: policies.account },
    { key: `address:${address}`, policy: policies.address },
  ]
  const waitMs = (key: string, policy: BackoffPolicy, now: number) => {
    const f = failures.get(key)
    if (!f || now - f.last > FORGET_MS) return 0
    return Math.max(0, f.last + backoffMs(f.count, policy) - now)
  }
  return {
    /** Seconds to wait before this attempt may be made (0: go ahead, and the attempt is counted as a failure until it succeeds). */
    begin(account: string, address: string, now = Date.now()): number {
      const keys = keysOf(account, address)
      const wait = Math.max(...keys.map(({ key, policy }) => waitMs(key, policy, now)))
      if (wait > 0) return Math.ceil(wait / 1000)
      for (const { key } of keys) {
        const f = failures.get(key)
        failures.delete(key) // re-inserted last: the map's order is least recently failed first
        failures.set(key, { count: f && now - f.last <= FORGET_MS ? f.count + 1 : 1, last: now })
      }
      while (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!)
      return 0
    },
    /** Clears the account's failures, and takes back this attempt from the address's. */
    succeeded(account: string, address: string): void {
      const [accountKey, addressKey] = keysOf(account, address)
      failures.delete(accountKey!.key)
      const f = failures.get(addressKey!.key)
      if (f && --f.count <= 0) failures.delete(addressKey!.key)
    },
  }
}

export type SignInThrottle = ReturnType<typeof signInThrottle>
