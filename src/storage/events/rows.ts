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
  context: string
  score: number | null
  score_kind: string
  touchpoint: string
  comment: string
  revenue: number | null
  received_at: string
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
}

export type TableRows = {
  events: EventRow
  identities: IdentityRow
  customers: CustomerTraitsRow
  quarantine: QuarantineRow
}

/** ClickHouse DateTime64(3) text for a JS date, always UTC. */
export function chTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '')
}
