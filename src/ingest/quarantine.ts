import { randomUUID } from 'node:crypto'
import { chTime, type QuarantineRow } from '../storage/events/rows.ts'
import { MAX_ID_LENGTH } from './segment/normalize-message.ts'

const MAX_PAYLOAD = 64 * 1024

/**
 * A rejected input kept with its reason; payloads beyond 64 KB are cut (and say so). It records the id
 * of the customer it names (given, or read from a Segment message: userId, else anonymousId or
 * previousId), so erasure finds it by that id and never by searching payloads.
 */
export function quarantineRow(input: { workspaceId: string; source: string; reason: string; payload: unknown; receivedAt: Date; line?: number; customerId?: string }): QuarantineRow {
  let payload = typeof input.payload === 'string' ? input.payload : safeJson(input.payload)
  if (payload.length > MAX_PAYLOAD) payload = `${payload.slice(0, MAX_PAYLOAD)}… [truncated from ${payload.length} characters]`
  return {
    workspace_id: input.workspaceId,
    id: randomUUID(),
    received_at: chTime(input.receivedAt),
    source: input.source,
    reason: input.reason,
    line: input.line ?? null,
    payload,
    customer_id: (input.customerId ?? customerIdOf(input.payload)).slice(0, MAX_ID_LENGTH),
  }
}

function customerIdOf(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return ''
  const m = payload as Record<string, unknown>
  const id = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '')
  return id(m.userId) || id(m.anonymousId) || id(m.previousId)
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    // Nested too deep to write out whole (the stack runs out): kept down to a depth that can be.
    return JSON.stringify(clipped(value, CLIP_DEPTH)) ?? String(value)
  }
}

const CLIP_DEPTH = 64

/** The value with everything below `depth` levels replaced by a note (recursion bounded by `depth`). */
function clipped(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (depth === 0) return `[nested deeper than ${CLIP_DEPTH} levels]`
  if (Array.isArray(value)) return value.map((v) => clipped(v, depth - 1))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clipped(v, depth - 1)]))
}
