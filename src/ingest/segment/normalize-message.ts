import { randomUUID } from 'node:crypto'
import { startsWithRealDay } from '../../domain/calendar.ts'
import { deriveChannel } from '../../domain/channels.ts'
import { isFeedbackKind, scoreProblem } from '../../domain/feedback.ts'
import { isOffPlan, type PlannedEvent } from '../../domain/journey/tracking-plan.ts'
import { chTime, isStorableTime, type CustomerTraitsRow, type EventRow, type IdentityRow } from '../../storage/events/rows.ts'
import { nextSequence } from '../sequence.ts'

export const SEGMENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const
export type SegmentType = (typeof SEGMENT_TYPES)[number]

export const MAX_EVENT_BYTES = 32 * 1024
/** Longest user, anonymous and message id kept (a longer message id is cut to this length, in files too). */
export const MAX_ID_LENGTH = 200
const FEEDBACK_EVENT = 'survey answered'
/** Events said to be from before this come from a broken clock (or seconds sent as milliseconds), not from a customer's history. */
export const EARLIEST_EVENT_TIME = Date.UTC(2000, 0, 1)
/** How far after its arrival an event may say it happened (after the sentAt correction): a device clock somewhat ahead. */
export const MAX_FUTURE_MS = 24 * 3_600_000
/** The context is stored as it came, as JSON; deeper than this it is refused (no SDK nests it beyond a few levels). */
export const MAX_CONTEXT_DEPTH = 32

export type MessageRows = { events: EventRow[]; identities: IdentityRow[]; customers: CustomerTraitsRow[] }
export type Normalized = { ok: true; rows: MessageRows } | { ok: false; reason: string }

export type MessageEnvelope = {
  workspaceId: string
  receivedAt: Date
  /** The route's type (`/v1/track` → track); a batch item carries its own. */
  routeType?: SegmentType
  /** Batch-level context and sentAt, merged into each message. */
  batchContext?: Record<string, unknown>
  batchSentAt?: unknown
  source: string
  /** Size of the whole request body; when it is within the per-event limit, no event can exceed it. */
  bodyBytes?: number
  /** Given when the workspace's tracking plan is strict: whether an event is in it (feedback always is). */
  inPlan?: (e: PlannedEvent) => boolean
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const fail = (reason: string): Normalized => ({ ok: false, reason })

/**
 * Turns one Segment-spec message into rows, or says why it cannot be stored.
 * Pure apart from ids and sequence numbers; never throws on bad input.
 */
export function normalizeMessage(message: unknown, env: MessageEnvelope): Normalized {
  try {
    return normalize(message, env)
  } catch (err) {
    // JSON.stringify of a value nested thousands of levels deep runs out of stack.
    if (err instanceof RangeError) return fail(`message is nested ${nestingDepth(message).toLocaleString('en')} levels deep; too deep to store`)
    throw err
  }
}

function normalize(message: unknown, env: MessageEnvelope): Normalized {
  if (!isObject(message)) return fail('message is not a JSON object')
  if (env.bodyBytes === undefined || env.bodyBytes > MAX_EVENT_BYTES) {
    const size = Buffer.byteLength(JSON.stringify(message))
    if (size > MAX_EVENT_BYTES) return fail(`message is ${size} bytes; the limit is ${MAX_EVENT_BYTES} bytes (32 KB) per event`)
  }

  const type = (message.type ?? env.routeType) as SegmentType
  if (!SEGMENT_TYPES.includes(type)) return fail(`type ${JSON.stringify(message.type)} is not one of ${SEGMENT_TYPES.join(', ')}`)

  const userId = idOf(message.userId)
  const anonymousId = idOf(message.anonymousId)
  if (userId === null || anonymousId === null) return fail(`userId and anonymousId must be strings or numbers of at most ${MAX_ID_LENGTH} characters`)
  const messageId = messageIdOf(message)
  if (messageId === null) return fail(`messageId must be a string or a number, not ${kindOf(message.messageId)}`)
  if (type === 'alias') return alias(message, userId, env)
  if (!userId && !anonymousId) return fail('userId or anonymousId is required')

  for (const field of ['properties', 'traits', 'context'] as const) {
    if (message[field] !== undefined && message[field] !== null && !isObject(message[field])) return fail(`${field} must be an object`)
  }
  const ts = eventTime(message, env)
  if (typeof ts === 'string') return fail(ts)

  const customerId = userId || anonymousId
  const rows: MessageRows = { events: [], identities: [], customers: [] }
  if (userId && anonymousId) rows.identities.push(identity(env, anonymousId, userId, ts))

  if (type === 'identify' || type === 'group') {
    const raw = isObject(message.traits) ? message.traits : {}
    const traits =
      type === 'group'
        ? { group_id: String(message.groupId ?? ''), ...prefixKeys(flatten(raw), 'group.') }
        : flatten(raw)
    if (type === 'group' && !message.groupId) return fail('groupId is required for group calls')
    if (Object.keys(traits).length) {
      rows.customers.push({ workspace_id: env.workspaceId, customer_id: customerId, ts: chTime(ts), traits, source: env.source, event_id: messageId })
    }
    return { ok: true, rows }
  }

  let props: Json = isObject(message.properties) ? message.properties : {}
  let event: string
  if (type === 'track') {
    if (typeof message.event !== 'string' || !message.event.trim()) return fail('track calls need an event name')
    if (message.event.length > MAX_ID_LENGTH) return fail(`event name longer than ${MAX_ID_LENGTH} characters`)
    event = message.event.trim()
  } else {
    // page/screen: a view event whose properties carry the page (path, url, title) or screen name.
    if (typeof message.name === 'string' && props.name === undefined) props = { ...props, name: message.name }
    event = type === 'page' ? 'page_viewed' : 'screen_viewed'
  }

  const own = isObject(message.context) ? message.context : undefined
  const context: Json = env.batchContext ? { ...env.batchContext, ...own } : (own ?? {})
  if (deeperThan(context, MAX_CONTEXT_DEPTH)) return fail(`context is nested more than ${MAX_CONTEXT_DEPTH} levels deep`)
  const library = isObject(context.library) && typeof context.library.name === 'string' ? context.library.name : undefined
  const channel = (text(context.channel) ?? text(props.channel) ?? deriveChannel(type, library)).slice(0, 50)

  let score: number | null = null
  let scoreKind = ''
  if (event.toLowerCase() === FEEDBACK_EVENT || props.score !== undefined) {
    const feedback = readFeedback(props, event.toLowerCase() === FEEDBACK_EVENT)
    if (typeof feedback === 'string') return fail(feedback)
    if (feedback) ({ score, kind: scoreKind } = feedback)
  }

  const properties = flatten(props)
  const offPlan = isOffPlan(env.inPlan, { event, channel, properties, score_kind: scoreKind })
  rows.events.push({
    workspace_id: env.workspaceId,
    event_id: messageId,
    customer_id: customerId,
    anonymous_id: anonymousId,
    user_id: userId,
    ts: chTime(ts),
    seq: nextSequence(),
    type,
    event,
    channel,
    source: env.source,
    properties,
    context: isEmpty(context) ? '' : context,
    score,
    score_kind: scoreKind,
    touchpoint: text(props.touchpoint) ?? '',
    comment: text(props.comment) ?? '',
    revenue: firstNumber(props.revenue, props.value, props.price),
    received_at: chTime(env.receivedAt),
    off_plan: offPlan ? 1 : 0,
  })
  return { ok: true, rows }
}

function alias(message: Json, userId: string, env: MessageEnvelope): Normalized {
  const previousId = idOf(message.previousId)
  if (!userId || !previousId) return fail('alias calls need previousId and userId')
  const ts = eventTime(message, env)
  if (typeof ts === 'string') return fail(ts)
  return { ok: true, rows: { events: [], identities: [identity(env, previousId, userId, ts)], customers: [] } }
}

function identity(env: MessageEnvelope, anonymousId: string, userId: string, ts: Date): IdentityRow {
  return { workspace_id: env.workspaceId, anonymous_id: anonymousId, user_id: userId, ts: chTime(ts), received_at: chTime(env.receivedAt) }
}

/**
 * The event's time, corrected for the sender's clock skew: timestamp + (receivedAt − sentAt); or why it is not
 * one: not a date, before 2000, or more than a day after it arrived.
 */
function eventTime(message: Json, env: MessageEnvelope): Date | string {
  const raw = message.timestamp ?? message.originalTimestamp
  const stated = raw === undefined || raw === null ? undefined : toDate(raw)
  if (stated === null) return `timestamp ${shown(raw)} is not a date`
  const sentRaw = message.sentAt ?? env.batchSentAt
  const sentAt = sentRaw === undefined || sentRaw === null ? undefined : sentRaw === lastSent.raw ? lastSent.date : toDate(sentRaw)
  // Every message of a batch shares its sentAt: parse it once.
  if (sentRaw !== lastSent.raw) lastSent = { raw: sentRaw, date: sentAt }
  if (sentAt === null) return `sentAt ${shown(sentRaw)} is not a date`
  if (!stated) return env.receivedAt
  const ts = sentAt ? new Date(stated.getTime() + (env.receivedAt.getTime() - sentAt.getTime())) : stated
  const corrected = sentAt ? ` (corrected by sentAt to ${isoOf(ts)})` : ''
  if (ts.getTime() < EARLIEST_EVENT_TIME) return `timestamp ${shown(raw)}${corrected} is before 2000-01-01: is the sender's clock wrong, or are seconds sent as milliseconds?`
  if (ts.getTime() > env.receivedAt.getTime() + MAX_FUTURE_MS) return `timestamp ${shown(raw)}${corrected} is more than 24 hours after the event arrived (${env.receivedAt.toISOString()}): is the sender's clock wrong?`
  return ts
}

const shown = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 60)
const isoOf = (d: Date) => (Number.isFinite(d.getTime()) ? d.toISOString() : 'an invalid date')

let lastSent: { raw: unknown; date: Date | null | undefined } = { raw: undefined, date: undefined }

function toDate(v: unknown): Date | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null
  if (typeof v === 'string' && !startsWithRealDay(v)) return null
  const d = new Date(v)
  // Outside what the engine stores (1900–2299) is not a date a client meant.
  return isStorableTime(d.getTime()) ? d : null
}

function readFeedback(props: Json, required: boolean): { score: number; kind: string } | string | undefined {
  const kind = props.kind ?? props.score_kind
  if (kind === undefined && !required) return undefined
  if (!isFeedbackKind(kind)) return `feedback kind ${JSON.stringify(kind)} must be one of nps, csat, ces, rating`
  const score = typeof props.score === 'string' && props.score.trim() !== '' ? Number(props.score) : props.score
  const problem = scoreProblem(kind, score)
  return problem ?? { score: score as number, kind }
}

function idOf(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return ''
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v === 'string' && v.length <= MAX_ID_LENGTH) return v.trim()
  return null
}

/** The message id (numbers as text, cut to MAX_ID_LENGTH), a new one when none is given, or null when it is of the wrong kind. */
function messageIdOf(message: Json): string | null {
  const v = message.messageId
  if (v === undefined || v === null) return randomUUID()
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v !== 'string') return null
  return v.trim() ? v.trim().slice(0, MAX_ID_LENGTH) : randomUUID()
}

const kindOf = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`)

/** Whether a value nests objects or arrays more than `max` levels (recursion bounded by `max`). */
function deeperThan(v: unknown, max: number): boolean {
  if (typeof v !== 'object' || v === null) return false
  if (max === 0) return true
  if (Array.isArray(v)) return v.some((x) => deeperThan(x, max - 1))
  for (const k in v) if (deeperThan((v as Json)[k], max - 1)) return true
  return false
}

/** How many levels of objects and arrays a value nests (without recursion: it may be thousands). */
function nestingDepth(value: unknown): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    deepest = Math.max(deepest, depth + 1)
    for (const x of Object.values(v)) if (typeof x === 'object' && x !== null) stack.push([x, depth + 1])
  }
  return deepest
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined)

function firstNumber(...values: unknown[]): number | null {
  for (const v of values) {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
    if (typeof n === 'number' && Number.isFinite(n)) return n
  }
  return null
}

/** Properties become a flat text map; nested objects and arrays are kept as JSON text. */
function flatten(obj: Json): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue
    const v = obj[k]
    if (v === undefined || v === null) continue
    out[k.length > 200 ? k.slice(0, 200) : k] = typeof v === 'object' ? JSON.stringify(v) : String(v)
  }
  return out
}

function isEmpty(obj: Json): boolean {
  for (const k in obj) if (Object.hasOwn(obj, k)) return false
  return true
}

const prefixKeys = (obj: Record<string, string>, prefix: string) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [prefix + k, v]))
