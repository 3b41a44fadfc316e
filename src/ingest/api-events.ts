import { z } from 'zod'
import { FEEDBACK_KINDS } from '../domain/feedback.ts'

/** Events as sent to the workspace API (`POST /api/workspaces/:ws/events`), one customer id per event. */
export const apiEventSchema = z.object({
  messageId: z.string().min(1).max(200).optional().describe('Idempotency id; a resend with the same id is stored once'),
  customerId: z.string().min(1).max(200),
  event: z.string().min(1).max(200),
  timestamp: z.iso.datetime({ offset: true }).optional().describe('ISO 8601; defaults to the receive time'),
  channel: z.string().min(1).max(50).optional(),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
})
export type ApiEvent = z.output<typeof apiEventSchema>

export const apiEventBatchSchema = z.object({ events: z.array(apiEventSchema).min(1).max(1000) })

/** A feedback answer (`POST /api/workspaces/:ws/feedback`); scores are checked against their kind's scale. */
export const feedbackSchema = z.object({
  messageId: z.string().min(1).max(200).optional(),
  customerId: z.string().min(1).max(200),
  kind: z.enum(FEEDBACK_KINDS),
  score: z.number(),
  comment: z.string().max(10_000).optional(),
  touchpoint: z.string().min(1).max(100).optional().describe('Step key of the touchpoint the answer is about'),
  channel: z.string().min(1).max(50).optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
})

/** The Segment track message equivalent to an API event, so both go through one ingestion path. */
export function apiEventToMessage(e: ApiEvent) {
  return {
    type: 'track',
    messageId: e.messageId,
    userId: e.customerId,
    event: e.event,
    timestamp: e.timestamp,
    properties: e.properties,
    context: e.channel ? { channel: e.channel } : undefined,
  }
}

export function feedbackToMessage(f: z.output<typeof feedbackSchema>) {
  return {
    type: 'track',
    messageId: f.messageId,
    userId: f.customerId,
    event: 'Survey Answered',
    timestamp: f.timestamp,
    properties: { kind: f.kind, score: f.score, comment: f.comment, touchpoint: f.touchpoint },
    context: f.channel ? { channel: f.channel } : undefined,
  }
}
