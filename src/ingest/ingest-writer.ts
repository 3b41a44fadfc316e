import type { EventStore } from '../storage/events/event-store.ts'
import type { CustomerTraitsRow, EventRow, IdentityRow, QuarantineRow } from '../storage/events/rows.ts'

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

type Write = { rows: IngestRows; resolve: () => void; reject: (err: unknown) => void }

/**
 * Group commit: concurrent writes within a few milliseconds share one insert
 * per table, and each write resolves only when that insert has returned, so a
 * caller acknowledges data that is stored, never data that is only buffered.
 * Groups are flushed one at a time; while one is being inserted the next one
 * gathers, so batches grow with load. Re-sent events and trait updates (same
 * workspace and message id) are dropped here, against the group and against
 * what is already stored.
 */
export class IngestWriter {
  private waiters: Write[] = []
  private pendingRows = 0
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private readonly maxDelayMs: number
  private readonly maxRows: number

  constructor(
    private readonly store: EventStore,
    opts: IngestWriterOptions = {},
  ) {
    this.maxDelayMs = opts.maxDelayMs ?? 4
    this.maxRows = opts.maxRows ?? 20_000
  }

  /** Resolves once every row is stored (or rejects if the insert failed: nothing is acknowledged then). */
  write(rows: IngestRows): Promise<void> {
    const n = (rows.events?.length ?? 0) + (rows.identities?.length ?? 0) + (rows.customers?.length ?? 0) + (rows.quarantine?.length ?? 0)
    if (n === 0) return Promise.resolve()
    this.pendingRows += n
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ rows, resolve, reject }))
    if (this.pendingRows >= this.maxRows) this.schedule(0)
    else this.schedule(this.maxDelayMs)
    return done
  }

  /** Waits until everything written so far is stored. */
  async drain(): Promise<void> {
    while (this.waiters.length || this.timer) {
      this.schedule(0)
      await this.flushing
      await new Promise((r) => setImmediate(r))
    }
    await this.flushing
  }

  private schedule(delay: number) {
    if (this.timer && delay > 0) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.flushing = this.flushing.then(() => this.flush())
    }, delay)
  }

  private async flush(): Promise<void> {
    const writes = this.waiters
    if (!writes.length) return
    this.waiters = []
    this.pendingRows = 0
    try {
      await this.insert(merge(writes.map((w) => w.rows)))
      for (const w of writes) w.resolve()
    } catch (err) {
      if (writes.length === 1) return writes[0]!.reject(err)
      // One bad write must not fail the others that shared its group: retry each alone.
      for (const w of writes) await this.insert(merge([w.rows])).then(w.resolve, w.reject)
    }
  }

  private async insert(rows: Required<IngestRows>): Promise<void> {
    const [events, customers] = await Promise.all([this.withoutResends('events', rows.events), this.withoutResends('customers', rows.customers)])
    await Promise.all([
      this.store.insert('events', events),
      this.store.insert('identities', rows.identities),
      this.store.insert('customers', customers),
      this.store.insert('quarantine', rows.quarantine),
    ])
  }

  private async withoutResends<T extends EventRow | CustomerTraitsRow>(table: 'events' | 'customers', events: T[]): Promise<T[]> {
    if (!events.length) return events
    const seen = new Set<string>()
    const unique = events.filter((e) => {
      const k = `${e.workspace_id}\u0000${e.event_id}`
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
    const byWorkspace = new Map<string, { customers: Set<string>; ids: string[] }>()
    for (const e of unique) {
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
    return stored.size ? unique.filter((e) => !stored.has(`${e.workspace_id}\u0000${e.event_id}`)) : unique
  }
}

function merge(parts: IngestRows[]): Required<IngestRows> {
  return {
    events: parts.flatMap((p) => p.events ?? []),
    identities: parts.flatMap((p) => p.identities ?? []),
    customers: parts.flatMap((p) => p.customers ?? []),
    quarantine: parts.flatMap((p) => p.quarantine ?? []),
  }
}
