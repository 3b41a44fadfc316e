const encoder = new TextEncoder()
let scratch = new Uint8Array(256)

/**
 * MurmurHash3 (x86, 32 bit, seed 0) of a string's UTF-8 bytes: the same value
 * as ClickHouse's `murmurHash3_32`, so a hash computed by the engine over
 * stored rows can be compared with one computed here for incoming rows.
 */
export function murmurHash3_32(text: string): number {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3)
  const b = scratch
  const len = encoder.encodeInto(text, b).written
  const c1 = 0xcc9e2d51
  const c2 = 0x1b873593
  let h = 0
  const blocksEnd = len & ~3
  for (let i = 0; i < blocksEnd; i += 4) {
    let k = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)
    k = Math.imul(k, c1)
    k = (k << 15) | (k >>> 17)
    h ^= Math.imul(k, c2)
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  let k = 0
  const rest = len & 3
  if (rest === 3) k ^= b[blocksEnd + 2]! << 16
  if (rest >= 2) k ^= b[blocksEnd + 1]! << 8
  if (rest >= 1) {
    k ^= b[blocksEnd]!
    k = Math.imul(k, c1)
    k = (k << 15) | (k >>> 17)
    h ^= Math.imul(k, c2)
  }
  return fmix32(h ^ len)
}

/** MurmurHash3's finaliser: mixes every input bit into every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}
