/**
 * Exponential back-off after failed attempts: the first `free` failures cost
 * nothing; each one after them doubles the wait, from `baseMs` up to `maxMs`.
 */
export type BackoffPolicy = { free: number; baseMs: number; maxMs: number }

export function backoffMs(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.free) return 0
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - policy.free, 30))
}
