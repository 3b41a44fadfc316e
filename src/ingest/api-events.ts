import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { chTime, type EventRow } from '../storage/events/rows.ts'
import { nextSequence } from './sequence.ts'

/** Events as sent to the workspace API (`POST /api/workspaces/:ws/events`), one customer id per event. */
export const apiEventSchema = z.object({
  messageId: z.string().min(1).max(200).optional().describe('Idempotency id; generated when absent'),
  customerId: z.string().min(1).max(200),
  event: z.string().min(1).max(200),
  timestamp: z.iso.datetime({ offset: true }).optional().describe('ISO 8601; defaults to the receive time'),
  channel: z.string().min(1).max(50).default('other'),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
})
export type ApiEvent = z.output<typeof apiEventSchema>

export const apiEventBatchSchema = z.object({ events: z.array(apiEventSchema).min(1).max(1000) })

export function toEventRow(workspaceId: string, e: ApiEvent, receivedAt: Date): EventRow {
  const properties = Object.fromEntries(Object.entries(e.properties).map(([k, v]) => [k, v === null ? '' : String(v)]))
  const revenue = Number(e.properties.revenue ?? NaN)
  return {
    workspace_id: workspaceId,
    event_id: e.messageId ?? randomUUID(),
    customer_id: e.customerId,
    anonymous_id: '',
    user_id: e.customerId,
    ts: chTime(e.timestamp ? new Date(e.timestamp) : receivedAt),
    seq: nextSequence(),
    type: 'track',
    event: e.event,
    channel: e.channel,
    source: 'api',
    properties,
    context: '',
    score: null,
    score_kind: '',
    touchpoint: '',
    comment: '',
    revenue: Number.isFinite(revenue) ? revenue : null,
    received_at: chTime(receivedAt),
  }
}
