import { expect } from 'vitest'

/**
 * `b`, with each number that differs from `a`'s at the same place by no more than floating-point
 * summation order can (relative 1e-9) replaced by `a`'s; then `expect(a).toEqual(aligned)` is a
 * deep comparison that shows every real difference. The engine sums floats (variances, means) in
 * the order of its parts and threads, so two workspaces holding the same rows can differ in the
 * last bits; a repeated event changes counts, which stay exact.
 */
export function alignFloats<T>(a: unknown, b: T): T {
  if (typeof a === 'number' && typeof b === 'number') return (Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? a : b) as T
  if (Array.isArray(a) && Array.isArray(b)) return b.map((x, i) => alignFloats(a[i], x)) as T
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, alignFloats((a as Record<string, unknown>)[k], v)])) as T
  }
  return b
}
export const expectSameResults = <T>(a: T, b: T) => expect(a).toEqual(alignFloats(a, b))
