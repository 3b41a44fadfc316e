import { openEventStore, type EventStore } from '../../src/storage/events/event-store.ts'
import { chTime, type EventRow } from '../../src/storage/events/rows.ts'
import { tempDir } from './temp-dir.ts'

/** A real embedded event store (chDB) in a temporary directory; `migrate: false` leaves it empty. */
export async function openTestEventStore(opts: { migrate?: boolean } = {}): Promise<{ store: EventStore; close(): Promise<void> }> {
  const tmp = tempDir()
  const store = await openEventStore({ dataDir: tmp.dir, url: undefined, user: 'default', password: '', database: 'waymark', cluster: undefined })
  if (opts.migrate !== false) await store.migrate()
  return {
    store,
    async close() {
      await store.close()
      tmp.cleanup()
    },
  }
}

/** An event row as ingestion writes it, with test defaults. */
export const eventRow = (over: Partial<EventRow>): EventRow => ({
  workspace_id: 'ws_a',
  event_id: 'e1',
  customer_id: 'c1',
  anonymous_id: '',
  user_id: 'c1',
  ts: chTime(new Date('2024-03-01T10:00:00Z')),
  seq: 1,
  type: 'track',
  event: 'page_viewed',
  channel: 'web',
  source: 'test',
  properties: {},
  context: '',
  score: null,
  score_kind: '',
  touchpoint: '',
  comment: '',
  revenue: null,
  received_at: chTime(new Date()),
  off_plan: 0,
  ...over,
})
