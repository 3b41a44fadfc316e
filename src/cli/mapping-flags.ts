import type { ColumnMapping } from '../ingest/files/import-record.ts'

/** The column-mapping flags shared by `import events` and `analyze`. */
export const MAPPING_FLAGS: Array<[keyof ColumnMapping, string, string]> = [
  ['case', '--case <column>', 'customer / case id (default: case_id, customer_id, user_id, case:concept:name)'],
  ['activity', '--activity <column>', 'event name (default: activity, event, concept:name)'],
  ['timestamp', '--timestamp <column>', 'event time, ISO 8601, no offset = UTC (default: timestamp, time:timestamp)'],
  ['channel', '--channel <column>', 'channel (default: channel, case:channel)'],
  ['score', '--score <column>', 'feedback score (default: score)'],
  ['scoreKind', '--score-kind <column>', 'feedback kind nps|csat|ces|rating (default: score_kind)'],
  ['touchpoint', '--touchpoint <column>', 'touchpoint key of feedback (default: touchpoint)'],
  ['comment', '--comment <column>', 'feedback comment (default: comment)'],
  ['revenue', '--revenue <column>', 'revenue of the event (default: revenue)'],
  ['id', '--id <column>', 'event id, e.g. an exported messageId: stored once however often it is sent (default: event_id, message_id, messageId; none = derived from the row)'],
]

export function mappingFrom(opts: Partial<Record<keyof ColumnMapping, string>>): ColumnMapping {
  return Object.fromEntries(MAPPING_FLAGS.filter(([k]) => opts[k]).map(([k]) => [k, opts[k]])) as ColumnMapping
}
