import { AsyncLocalStorage } from 'node:async_hooks'
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

/** What a write left out: its events and trait updates whose id was a repeat within the group or already stored. */
export type WriteResult = { duplicates: { events: number; customers: number } }

/** How many rows a write holds, over every table. */
export const rowCount = (rows: IngestRows) => (rows.events?.length ?? 0) + (rows.identities?.length ?? 0) + (rows.customers?.length ?? 0) + (rows.quarantine?.length ?? 0)

/** Set within an exclusive turn (see IngestWriter.exclusive): its reads must not wait for writes queued behind it (see IngestSpool). */
export const exclusiveTurn = new AsyncLocalStorage<true>()

const TABLES = ['events', 'identities', 'customers', 'quarantine'] as const
type Prepared = { [K in keyof TableRows]: PreparedRows<K> }
type Write = { rows: Required<IngestRows>; prepared: Prepared; resolve: (result: WriteResult) => void; reject: (err: unknown) => void }

/**
 * Groups handed to the engine at a time: while one is inserted the next can
 * wait in the engine's own queue, so the engine need not idle while this
 * thread answers requests. The second goes only once it is large, as small
 * inserts cost the engine more per row than waiting does.
 */
const GROUPS_IN_FLIGHT = 2
const SECOND_GROUP_ROWS = 4_000

/**
 * Ids asked about per lookup query. The engine's time for one lookup jumps
 * steeply somewhere past 25,000 ids (measured on 1M stored events: 25,000
 * ids 0.16 s, 30,000 ids 9 s, 50,000 ids 18 s), which a re-imported file's
 * 50,000-row batches, every id a "maybe", would hit; 10,000 at a time costs
 * 0.4 s per 50,000.
 */
const LOOKUP_IDS = 10_000

/**
 * Group commit: concurrent writes within a few milliseconds share one insert
 * per table, and each write resolves only when that insert has returned, so a
 * caller acknowledges data that is stored, never data that is only buffered.
 * Writes gather while earlier groups are inserted, so groups grow with load;
 * each write's rows are converted for the engine as it arrives, so a group's
 * turn is the insert alone.
 *
 * Every ingest path (collector, events API, file imports) stores through
 * this writer, so one rule applies to all: re-sent events and trait updates
 * (same workspace and message id) are dropped here, against the group and
 * against what is already stored, and each write learns how many of its rows
 * were left out. In process (chDB) this writer is the tables' only writer,
 * so a filter of the stored ids spares the store a lookup for every id it has
 * certainly not seen; against a server, where other instances write too,
 * every id is looked up. A message whose id is in a group still being
 * inserted (a retry racing its original) waits for that group's outcome
 * before it is checked.
 */
export class IngestWriter {
  private waiters: Write[] = []
  private pendingRows = 0
  private timer: NodeJS.Timeout | undefined
  private readonly running = new Set<Promise<void>>()
  private lastGroup: Promise<void> = Promise.resolve()
  /** The ids (workspace and message id, per table) of each group being inserted. */
  private readonly inFlight: GroupIds[] = []
  /** Loading the stored-id filter, started by the first write (commands that only read never pay for it). */
  private ready: Promise<void> | undefined
  private readonly maxDelayMs: number
  private readonly maxRows: number
  private seen: { events: SeenIds; customers: SeenIds } | undefined

  constructor(
    private readonly store: EventStore,
    opts: IngestWriterOptions = {},
  ) {
    this.maxDelayMs = opts.maxDelayMs ?? 4
    this.maxRows = opts.maxRows ?? 20_000
  }

  /** No group is inserted before the filters hold every stored id. Should loading fail, every id is looked up, as against a server. */
  private startLoading(): void {
    this.ready ??= this.store.engine === 'chdb' ? this.loadSeenIds().catch(() => undefined) : Promise.resolve()
  }

  private async loadSeenIds(): Promise<void> {
    const [events, customers] = [await SeenIds.load(this.store, 'events'), await SeenIds.load(this.store, 'customers')]
    this.seen = { events, customers }
  }

  /**
   * Resolves once every row is stored (or rejects if the insert failed: nothing is acknowledged then),
   * with the count of this write's rows left out as resends: repeats of an id within the group or of one already stored.
   */
  write(rows: IngestRows): Promise<WriteResult> {
    const all = { events: rows.events ?? [], identities: rows.identities ?? [], customers: rows.customers ?? [], quarantine: rows.quarantine ?? [] }
    const n = rowCount(all)
    if (n === 0) return Promise.resolve({ duplicates: { events: 0, customers: 0 } })
    this.startLoading()
    this.pendingRows += n
    const prepared = {
      events: this.store.prepare('events', all.events),
      identities: this.store.prepare('identities', all.identities),
      customers: this.store.prepare('customers', all.customers),
      quarantine: this.store.prepare('quarantine', all.quarantine),
    }
    const done = new Promise<WriteResult>((resolve, reject) => this.waiters.push({ rows: all, prepared, resolve, reject }))
    this.schedule(this.pendingRows >= this.maxRows || (this.running.size && this.pendingRows >= SECOND_GROUP_ROWS) ? 0 : this.maxDelayMs)
    return done
  }

  /**
   * Runs an insert the engine makes itself (a file it reads), with no group in flight during it, so its own check
   * against the stored ids sees every write that landed before it and no later one races it. `op` resolves with
   * the hashes of the ids it stored (see SeenIds.load), which the filters learn before any later group is screened.
   */
  async exclusive<T>(op: () => Promise<{ result: T; storedHashes: () => Promise<Uint32Array> }>): Promise<T> {
    this.startLoading()
    // Writes still waiting for their group go now. The groups in flight then land first; those started from here on
    // wait for the gate (awaiting them would wait forever) and are screened against what the turn stored.
    if (this.waiters.length) {
      clearTimeout(this.timer)
      this.timer = undefined
      this.startGroup()
    }
    const before = [this.lastGroup, ...this.running]
    let done!: () => void
    const gate = new Promise<void>((resolve) => (done = resolve))
    // Later groups chain after this one (flush awaits `previous` only on overlap, so they wait on `ready`).
    const ready = this.ready!
    this.ready = ready.then(() => gate)
    this.lastGroup = gate
    try {
      await ready
      await Promise.allSettled(before)
      return await exclusiveTurn.run(true, async () => {
        const { result, storedHashes } = await op()
        if (this.seen) this.seen.events.addHashes(await storedHashes())
        return result
      })
    } finally {
      done()
    }
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
    let released = false
    const release = () => {
      if (released) return
      released = true
      this.running.delete(group)
      this.startGroup()
    }
    const group: Promise<void> = this.ready!
      .then(() => this.flush(writes, previous, release))
      // Whatever went wrong, no write is left waiting (settling a write twice changes nothing).
      .catch((err) => writes.forEach((w) => w.reject(err)))
      .finally(release)
    this.running.add(group)
    this.lastGroup = group
  }

  private async flush(writes: Write[], previous: Promise<void>, release: () => void): Promise<void> {
    let screened = this.screenGroup(writes)
    // Only one other group can be in flight, and it is the one started before this one.
    if (this.inFlight.some((other) => overlaps(screened.ids, other))) {
      await previous.catch(() => undefined)
      screened = this.screenGroup(writes)
    }
    this.inFlight.push(screened.ids)
    const landed = () => {
      this.inFlight.splice(this.inFlight.indexOf(screened.ids), 1)
      release() // the engine takes the next group before this one's requests are answered
    }
    try {
      await this.insert(writes, screened)
      landed()
      for (const w of writes) w.resolve(leftOut(w, screened))
    } catch (err) {
      if (writes.length === 1) {
        landed()
        return writes[0]!.reject(err)
      }
      // One bad write must not fail the others that shared its group: retry each alone.
      for (const w of writes) {
        const alone = this.screenGroup([w])
        await this.insert([w], alone).then(() => w.resolve(leftOut(w, alone)), w.reject)
      }
      landed()
    }
  }

  private screenGroup(writes: Write[]): ScreenedGroup {
    const events = this.screen('events', writes.flatMap((w) => w.rows.events))
    const customers = this.screen('customers', writes.flatMap((w) => w.rows.customers))
    return { events, customers, ids: { events: events.ids, customers: customers.ids } }
  }

  /**
   * Inserts a screened group without its resends. Unless some id needs looking
   * up in the store, nothing is awaited before the insert goes to the engine.
   */
  private async insert(writes: Write[], { events, customers }: ScreenedGroup): Promise<void> {
    if (events.lookups.size) await this.dropStored(events)
    if (customers.lookups.size) await this.dropStored(customers)
    const resent: Partial<Record<keyof TableRows, Set<object>>> = { events: events.drop, customers: customers.drop }
    // A write that lost rows as resends is converted again without them; the others insert as prepared.
    const parts = <K extends keyof TableRows>(table: K): PreparedRows<K>[] =>
      writes.map((w) => {
        const drop = resent[table]
        const rows = w.rows[table] as TableRows[K][]
        return drop?.size && rows.some((r) => drop.has(r)) ? this.store.prepare(table, rows.filter((r) => !drop.has(r))) : w.prepared[table]
      })
    // Into the filter before the insert: should it fail after storing some rows, a retry looks their ids up.
    if (this.seen) {
      for (const e of events.unique) if (!events.drop.has(e)) this.seen.events.add(e.workspace_id, e.event_id)
      for (const c of customers.unique) if (!customers.drop.has(c)) this.seen.customers.add(c.workspace_id, c.event_id)
    }
    await Promise.all(TABLES.map((table) => this.store.insertPrepared(table, parts(table))))
  }

  /** Marks repeats of an id earlier in the group for dropping, and says which ids the store must be asked about. */
  private screen<T extends EventRow | CustomerTraitsRow>(table: 'events' | 'customers', rows: T[]): Screened<T> {
    const drop = new Set<T>()
    const lookups = new Map<string, { customers: string[]; ids: string[] }>()
    const ids = new Set<string>()
    const storedMaybe = this.seen?.[table]
    const unique: T[] = []
    for (const row of rows) {
      const key = keyOf(row)
      if (ids.has(key)) {
        drop.add(row)
        continue
      }
      ids.add(key)
      unique.push(row)
      if (storedMaybe && !storedMaybe.mayContain(row.workspace_id, row.event_id)) continue
      const w = lookups.get(row.workspace_id) ?? { customers: [], ids: [] }
      w.customers.push(row.customer_id)
      w.ids.push(row.event_id)
      lookups.set(row.workspace_id, w)
    }
    return { table, drop, lookups, unique, ids }
  }

  /** Adds to the drop set the screened rows whose ids are already stored. */
  private async dropStored<T extends EventRow | CustomerTraitsRow>({ table, drop, lookups, unique }: Screened<T>): Promise<void> {
    const stored = new Set<string>()
    for (const [ws, { customers, ids }] of lookups) {
      for (let i = 0; i < ids.length; i += LOOKUP_IDS) {
        // The (workspace, customer) prefix of the sorting key keeps this lookup to the customers' own granules.
        const rows = await this.store.query<{ event_id: string }>(
          `SELECT DISTINCT event_id FROM ${table} WHERE workspace_id = {ws:String} AND customer_id IN {customers:Array(String)} AND event_id IN {ids:Array(String)}`,
          { ws, customers: [...new Set(customers.slice(i, i + LOOKUP_IDS))], ids: ids.slice(i, i + LOOKUP_IDS) },
          { lane: 'ingest' },
        )
        for (const r of rows) stored.add(keyOf({ workspace_id: ws, event_id: r.event_id }))
      }
    }
    for (const row of unique) if (stored.has(keyOf(row))) drop.add(row)
  }
}

type Screened<T> = {
  table: 'events' | 'customers'
  /** Rows to leave out: repeats within the group, and (after `dropStored`) ids already stored. */
  drop: Set<T>
  /** Per workspace, the ids the filter could not rule out as stored, and the customer of each. */
  lookups: Map<string, { customers: string[]; ids: string[] }>
  unique: T[]
  ids: Set<string>
}
type GroupIds = { events: Set<string>; customers: Set<string> }
type ScreenedGroup = { events: Screened<EventRow>; customers: Screened<CustomerTraitsRow>; ids: GroupIds }

/** How many of one write's rows the inserted group left out as resends. */
function leftOut(w: Write, { events, customers }: ScreenedGroup): WriteResult {
  const count = <T extends object>(rows: T[], drop: Set<T>) => {
    if (drop.size === 0) return 0
    let n = 0
    for (const r of rows) if (drop.has(r)) n++
    return n
  }
  return { duplicates: { events: count(w.rows.events, events.drop), customers: count(w.rows.customers, customers.drop) } }
}

function overlaps(a: GroupIds, b: GroupIds): boolean {
  for (const id of a.events) if (b.events.has(id)) return true
  for (const id of a.customers) if (b.customers.has(id)) return true
  return false
}

const keyOf = (row: { workspace_id: string; event_id: string }) => `${row.workspace_id}\u0000${row.event_id}`
