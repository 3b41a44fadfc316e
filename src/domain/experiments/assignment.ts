import { createHash } from 'node:crypto'
import type { Variant } from './experiment.ts'

/**
 * Deterministic, stable assignment: SHA-256 of "experiment:customer" read as a
 * number in [0, 1), mapped onto the variants' cumulative weights. The same
 * customer always gets the same variant of an experiment (on every server, in
 * every release); different experiments split customers independently.
 */
export function assignVariant(experimentId: string, customerId: string, variants: Variant[]): Variant {
  const digest = createHash('sha256').update(`${experimentId}:${customerId}`).digest()
  // 52 bits: every double in [0, 1) that the hash can give is exact.
  const u = (digest.readUInt32BE(0) * 2 ** 20 + (digest.readUInt32BE(4) >>> 12)) / 2 ** 52
  const total = variants.reduce((s, v) => s + v.weight, 0)
  let edge = 0
  for (const v of variants) {
    edge += v.weight / total
    if (u < edge) return v
  }
  return variants[variants.length - 1]!
}
