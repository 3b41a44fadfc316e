import type { IngestRows } from '../ingest-writer.ts'
import { quarantineRow } from '../quarantine.ts'
import { normalizeMessage, type MessageEnvelope } from './normalize-message.ts'

export type IngestOutcome = {
  rows: IngestRows
  stored: number
  quarantined: number
  errors: Array<{ index: number; reason: string }>
  /** Stored, but flagged: events outside a strict tracking plan. */
  offPlan: Array<{ index: number; reason: string }>
}

/** Normalises a list of messages: valid ones become rows, invalid ones quarantine rows with their reason. */
export function ingestMessages(messages: unknown[], env: MessageEnvelope): IngestOutcome {
  const rows: Required<IngestRows> = { events: [], identities: [], customers: [], quarantine: [] }
  const errors: IngestOutcome['errors'] = []
  const offPlan: IngestOutcome['offPlan'] = []
  messages.forEach((message, index) => {
    const result = normalizeMessage(message, env)
    if (result.ok) {
      for (const e of result.rows.events) {
        if (e.off_plan) offPlan.push({ index, reason: `event "${e.event}" on channel ${e.channel} is mapped by no journey's touchpoints (strict tracking plan)` })
      }
      rows.events.push(...result.rows.events)
      rows.identities.push(...result.rows.identities)
      rows.customers.push(...result.rows.customers)
    } else {
      errors.push({ index, reason: result.reason })
      rows.quarantine.push(quarantineRow({ workspaceId: env.workspaceId, source: env.source, reason: result.reason, payload: message, receivedAt: env.receivedAt }))
    }
  })
  return { rows, stored: messages.length - errors.length, quarantined: errors.length, errors, offPlan }
}
