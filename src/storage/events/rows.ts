/** Row shapes of the event tables, as written with JSONEachRow. Times are `YYYY-MM-DD hh:mm:ss.sss` UTC. */
export type EventRow = {
  workspace_id: string
  event_id: string
  customer_id: string
  anonymous_id: string
  user_id: string
  ts: string
  seq: number
  type: string
  event: string
  channel: string
  source: string
  properties: Record<string, string>
  /** Segment context as JSON text, or the object itself: the engine stores an object given for a String column as its JSON text. */
  context: string | Record<string, unknown>
  score: number | null
  score_kind: string
  touchpoint: string
  comment: string
  revenue: number | null
  received_at: string
  /** 1 when the workspace's tracking plan is strict and no journey maps this event. */
  off_plan: 0 | 1
}

export type IdentityRow = { workspace_id: string; anonymous_id: string; user_id: string; ts: string; received_at: string }

export type CustomerTraitsRow = { workspace_id: string; customer_id: string; ts: string; traits: Record<string, string>; source: string; event_id: string }

export type QuarantineRow = {
  workspace_id: string
  id: string
  received_at: string
  source: string
  reason: string
  line: number | null
  payload: string
  customer_id: string
}

export type TableRows = {
  events: EventRow
  identities: IdentityRow
  customers: CustomerTraitsRow
  quarantine: QuarantineRow
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`)
let lastDate: Date | undefined
let lastTime = NaN
let lastText = ''

/** The times a DateTime64 column holds (1900-01-01 up to 2300): outside them the engine refuses or distorts a value. */
export const STORABLE_TIME = { from: Date.UTC(1900, 0, 1), until: Date.UTC(2300, 0, 1) } as const
export const isStorableTime = (ms: number) => Number.isFinite(ms) && ms >= STORABLE_TIME.from && ms < STORABLE_TIME.until

/**
 * ClickHouse DateTime64(3) text for a JS date, always UTC. Runs twice per
 * ingested event (event and receive time), so it formats by hand (3× faster
 * than toISOString plus replaces) and remembers the last date it was given,
 * which is the request's receive time for every event of a batch.
 */
export function chTime(date: Date): string {
  if (date === lastDate && date.getTime() === lastTime) return lastText
  const year = date.getUTCFullYear()
  const text =
    `${year < 1000 ? String(year).padStart(4, '0') : year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.${pad3(date.getUTCMilliseconds())}`
  lastDate = date
  lastTime = date.getTime()
  lastText = text
  return text
}
