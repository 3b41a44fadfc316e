import type { EventStore } from '../storage/events/event-store.ts'
import { fmix32, murmurHash3_32 } from './murmur-hash.ts'

const BITS_PER_ID = 10
const PROBES = 7 // with 10 bits per id: about 1% false positives per layer
const FIRST_CAPACITY = 1 << 20
/** Hashes fetched per row of the loading query (8 hex digits each). */
const HASHES_PER_ROW = 1 << 20

type Layer = { words: Uint32Array; mask: number; capacity: number; count: number }

/**
 * Which (workspace, message id) pairs may already be stored in a table: a
 * Bloom filter over every stored id, loaded from the table once and kept up
 * to date by the only process that writes it. "No" is certain, so a new event
 * needs no lookup; "maybe" (a resend, or about 1% of new ids) is checked
 * against the store. Grows by adding layers of twice the capacity.
 */
export class SeenIds {
  private readonly layers: Layer[] = []

  constructor(capacity = FIRST_CAPACITY) {
    this.addLayer(capacity)
  }

  /** Fills the filter from what `table` holds now. */
  static async load(store: EventStore, table: 'events' | 'customers'): Promise<SeenIds> {
    const [{ n } = { n: '0' }] = await store.query<{ n: string }>(`SELECT count() AS n FROM ${table}`)
    const seen = new SeenIds(Math.max(FIRST_CAPACITY, 2 * Number(n)))
    // The engine hashes, and hands the hashes over as hex text in large rows: no per-id JSON.
    const rows = await store.query<{ hashes: string }>(
      `SELECT arrayStringConcat(groupArray(leftPad(hex(h), 8, '0'))) AS hashes
       FROM (SELECT murmurHash3_32(concat(workspace_id, '\\0', event_id)) AS h FROM ${table})
       GROUP BY intDiv(h, {perRow:UInt64})`,
      { perRow: Math.max(1, Math.floor(2 ** 32 / Math.max(1, Math.ceil(Number(n) / HASHES_PER_ROW)))) },
    )
    for (const { hashes } of rows) {
      const bytes = Buffer.from(hashes, 'hex')
      for (let i = 0; i + 4 <= bytes.length; i += 4) seen.addHash(bytes.readUInt32BE(i))
    }
    return seen
  }

  mayContain(workspaceId: string, id: string): boolean {
    const h1 = keyHash(workspaceId, id)
    const h2 = step(h1)
    return this.layers.some((layer) => probe(layer, h1, h2, false))
  }

  add(workspaceId: string, id: string): void {
    this.addHash(keyHash(workspaceId, id))
  }

  private addHash(h1: number) {
    let layer = this.layers.at(-1)!
    if (layer.count >= layer.capacity) layer = this.addLayer(layer.capacity * 2)
    probe(layer, h1, step(h1), true)
    layer.count++
  }

  private addLayer(capacity: number): Layer {
    const bits = 2 ** Math.ceil(Math.log2(capacity * BITS_PER_ID))
    const layer = { words: new Uint32Array(bits / 32), mask: bits - 1, capacity, count: 0 }
    this.layers.push(layer)
    return layer
  }
}

/** Same value as the engine's `murmurHash3_32(concat(workspace_id, '\0', event_id))`. */
const keyHash = (workspaceId: string, id: string) => murmurHash3_32(`${workspaceId}\u0000${id}`)

/** The second hash of double hashing, derived from the first (odd, so the probes differ). */
const step = (h1: number) => (fmix32(h1 ^ 0x9e3779b9) | 1) >>> 0

/** Tests (or sets) the filter's bits for one id; true when all were set before. */
function probe(layer: Layer, h1: number, h2: number, set: boolean): boolean {
  let all = true
  for (let i = 0; i < PROBES; i++) {
    const bit = (h1 + Math.imul(i, h2)) & layer.mask
    const word = bit >>> 5
    const m = 1 << (bit & 31)
    if ((layer.words[word]! & m) === 0) {
      all = false
      if (!set) return false
      layer.words[word]! |= m
    }
  }
  return all
}
