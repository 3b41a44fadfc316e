import { randomUUID } from 'node:crypto'
import { chTime, type QuarantineRow } from '../storage/events/rows.ts'

const MAX_PAYLOAD = 64 * 1024

/** A rejected input kept with its reason; payloads beyond 64 KB are cut (and say so). */
export function quarantineRow(input: { workspaceId: string; source: string; reason: string; payload: unknown; receivedAt: Date; line?: number }): QuarantineRow {
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
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
