import type { EventStore, PreparedRows } from '../storage/events/event-store.ts'
import type { CustomerTraitsRow, EventRow, IdentityRow, QuarantineRow, TableRows } from '../storage/events/rows.ts'
import { SeenIds } from './seen-ids.ts'

export type IngestRows = {
  events?: EventRow[]
  identities?: IdentityRow[]
  customers?: CustomerTraitsRow[]
  quarantine?: QuarantineRow[]
}

export type IngestWriterOptions = {
  /** How long the first write of a group waits for others to join it. */
  maxDelayMs?: number
  /** A group is flushed at once when it reaches this many rows. */
  maxRows?: number
}

const TABLES = ['events', 'identities', 'customers', 'quarantine'] as const
type Prepared = { [K in keyof TableRows]: PreparedRows<K> }
type Write = { rows: Required<IngestRows>; prepared: Prepared; resolve: () => void; reject: (err: unknown) => void }

/**
 * Groups handed to the engine at a time: while one is inserted the next can
 * wait in the engine's own queue, so the engine need not idle while this
 * thread answers requests. The second goes only once it is large, as small
 * inserts cost the engine more per row than waiting does.
 */
const GROUPS_IN_FLIGHT = 2
const SECOND_GROUP_ROWS = 8_000

/**
 * Group commit: concurrent writes within a few milliseconds share one insert
 * per table, and each write resolves only when that insert has returned, so a
 * caller acknowledges data that is stored, never data that is only buffered.
 * Writes gather while earlier groups are inserted, so groups grow with load;
 * each write's rows are converted for the engine as it arrives, so a group's
 * turn is the insert alone.
 *
 * Re-sent events and trait updates (same workspace and message id) are
 * dropped here, against the group and against what is already stored. In
 * process (chDB) this writer is the tables' only writer, so a filter of the
 * stored ids spares the store a lookup for every id it has certainly not
 * seen; against a server, where other instances write too, every id is looked
 * up. A message whose id is in a group still being inserted (a retry racing
 * its original) waits for that group's outcome before it is checked.
 */
export class IngestWriter {
  private waiters: Write[] = []
  private pendingRows = 0
  private timer: NodeJS.Timeout | undefined
  private readonly running = new Set<Promise<void>>()
  private lastGroup: Promise<void> = Promise.resolve()
  /** Ids (per table and workspace) of the groups being inserted, with how many groups hold each. */
  private readonly inFlight = new Map<string, number>()
  private readonly ready: Promise<void>
  private readonly maxDelayMs: number
  private readonly maxRows: number
  private seen: { events: SeenIds; customers: SeenIds } | undefined

  constructor(
    private readonly store: EventStore,
    opts: IngestWriterOptions = {},
  ) {
    this.maxDelayMs = opts.maxDelayMs ?? 4
    this.maxRows = opts.maxRows ?? 20_000
    // No group is inserted before the filters hold every stored id. Should loading fail, every id is looked up, as against a server.
    this.ready = store.engine === 'chdb' ? this.loadSeenIds().catch(() => undefined) : Promise.resolve()
  }

  private async loadSeenIds(): Promise<void> {
    const [events, customers] = [await SeenIds.load(this.store, 'events'), await SeenIds.load(this.store, 'customers')]
    this.seen = { events, customers }
  }

  /** Resolves once every row is stored (or rejects if the insert failed: nothing is acknowledged then). */
  write(rows: IngestRows): Promise<void> {
    const all = { events: rows.events ?? [], identities: rows.identities ?? [], customers: rows.customers ?? [], quarantine: rows.quarantine ?? [] }
    const n = all.events.length + all.identities.length + all.customers.length + all.quarantine.length
    if (n === 0) return Promise.resolve()
    this.pendingRows += n
    const prepared = {
      events: this.store.prepare('events', all.events),
      identities: this.store.prepare('identities', all.identities),
      customers: this.store.prepare('customers', all.customers),
      quarantine: this.store.prepare('quarantine', all.quarantine),
    }
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ rows: all, prepared, resolve, reject }))
    this.schedule(this.pendingRows >= this.maxRows || (this.running.size && this.pendingRows >= SECOND_GROUP_ROWS) ? 0 : this.maxDelayMs)
    return done
  }

  /** Waits until everything written so far is stored. */
  async drain(): Promise<void> {
    while (this.waiters.length || this.running.size || this.timer) {
      if (this.waiters.length) this.schedule(0)
      await Promise.allSettled([...this.running])
      await new Promise((r) => setImmediate(r))
    }
  }

  private schedule(delay: number) {
    if (this.timer && delay > 0) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.startGroup()
    }, delay)
  }

  /** Hands the waiting writes to the engine as one group, if a place is free; a finishing group calls again. */
  private startGroup() {
    if (!this.waiters.length || this.running.size >= GROUPS_IN_FLIGHT) return
    if (this.running.size && this.pendingRows < SECOND_GROUP_ROWS) return
    const writes = this.waiters
    this.waiters = []
    this.pendingRows = 0
    const previous = this.lastGroup
    const group: Promise<void> = this.ready
      .then(() => this.flush(writes, previous))
      .finally(() => {
        this.running.delete(group)
        this.startGroup()
      })
    this.running.add(group)
    this.lastGroup = group
  }

  private async flush(writes: Write[], previous: Promise<void>): Promise<void> {
    const ids = writes.flatMap((w) => [...w.rows.events.map((e) => `e\u0000${e.workspace_id}\u0000${e.event_id}`), ...w.rows.customers.map((c) => `c\u0000${c.workspace_id}\u0000${c.event_id}`)])
    // Only one other group can be in flight, and it is the one started before this one.
    if (ids.some((id) => this.inFlight.has(id))) await previous.catch(() => undefined)
    for (const id of ids) this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1)
    try {
      await this.insert(writes)
      for (const w of writes) w.resolve()
    } catch (err) {
      if (writes.length === 1) return writes[0]!.reject(err)
      // One bad write must not fail the others that shared its group: retry each alone.
      for (const w of writes) await this.insert([w]).then(w.resolve, w.reject)
    } finally {
      for (const id of ids) {
        const n = this.inFlight.get(id)!
        if (n > 1) this.inFlight.set(id, n - 1)
        else this.inFlight.delete(id)
      }
    }
  }

  private async insert(writes: Write[]): Promise<void> {
    const [events, customers] = [writes.flatMap((w) => w.rows.events), writes.flatMap((w) => w.rows.customers)]
    const resentEvents = await this.resends('events', events)
    const resentCustomers = await this.resends('customers', customers)
    const resent: Partial<Record<keyof TableRows, Set<object>>> = { events: resentEvents, customers: resentCustomers }
    // A write that lost rows as resends is converted again without them; the others insert as prepared.
    const parts = <K extends keyof TableRows>(table: K): PreparedRows<K>[] =>
      writes.map((w) => {
        const drop = resent[table]
        const rows = w.rows[table] as TableRows[K][]
        return drop?.size && rows.some((r) => drop.has(r)) ? this.store.prepare(table, rows.filter((r) => !drop.has(r))) : w.prepared[table]
      })
    await Promise.all(TABLES.map((table) => this.store.insertPrepared(table, parts(table))))
    if (this.seen) {
      for (const e of events) if (!resentEvents.has(e)) this.seen.events.add(e.workspace_id, e.event_id)
      for (const c of customers) if (!resentCustomers.has(c)) this.seen.customers.add(c.workspace_id, c.event_id)
    }
  }

  /** The rows to drop: repeats of an id earlier in the group, and ids already stored. */
  private async resends<T extends EventRow | CustomerTraitsRow>(table: 'events' | 'customers', events: T[]): Promise<Set<T>> {
    const drop = new Set<T>()
    if (!events.length) return drop
    const inGroup = new Set<string>()
    const unique = events.filter((e) => {
      const k = `${e.workspace_id}\u0000${e.event_id}`
      if (inGroup.has(k)) return !drop.add(e)
      inGroup.add(k)
      return true
    })
    const storedMaybe = this.seen?.[table]
    const byWorkspace = new Map<string, { customers: Set<string>; ids: string[] }>()
    for (const e of storedMaybe ? unique.filter((u) => storedMaybe.mayContain(u.workspace_id, u.event_id)) : unique) {
      const w = byWorkspace.get(e.workspace_id) ?? { customers: new Set(), ids: [] }
      w.customers.add(e.customer_id)
      w.ids.push(e.event_id)
      byWorkspace.set(e.workspace_id, w)
    }
    const stored = new Set<string>()
    for (const [ws, { customers, ids }] of byWorkspace) {
      // The (workspace, customer) prefix of the sorting key keeps this lookup to the customers' own granules.
      const rows = await this.store.query<{ event_id: string }>(
        `SELECT DISTINCT event_id FROM ${table} WHERE workspace_id = {ws:String} AND customer_id IN {customers:Array(String)} AND event_id IN {ids:Array(String)}`,
        { ws, customers: [...customers], ids },
      )
      for (const r of rows) stored.add(`${ws}\u0000${r.event_id}`)
    }
    if (stored.size) for (const e of unique) if (stored.has(`${e.workspace_id}\u0000${e.event_id}`)) drop.add(e)
    return drop
  }
}
