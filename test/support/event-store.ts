import { openEventStore, type EventStore } from '../../src/storage/events/event-store.ts'
import { chTime, type EventRow } from '../../src/storage/events/rows.ts'
import { removeDataDirectory } from '../../src/storage/data-dir.ts'
import { tempDir } from './temp-dir.ts'

/**
 * A real embedded event store (chDB) in a temporary directory, or reopened in
 * `dir`; `migrate: false` leaves it as it is. `close` also removes the directory.
 */
export async function openTestEventStore(opts: { migrate?: boolean; dir?: string } = {}): Promise<{ store: EventStore; dir: string; close(): Promise<void> }> {
  const tmp = opts.dir ? { dir: opts.dir, cleanup: () => removeDataDirectory(opts.dir!) } : tempDir()
  const store = await openEventStore({ dataDir: tmp.dir, url: undefined, user: 'default', password: '', database: 'waymark', cluster: undefined })
  if (opts.migrate !== false) await store.migrate()
  return {
    store,
    dir: tmp.dir,
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
