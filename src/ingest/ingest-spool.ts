import fs from 'node:fs'
import path from 'node:path'
import type { EventStore } from '../storage/events/event-store.ts'
import { exclusiveTurn, rowCount, type IngestRows, type IngestWriter } from './ingest-writer.ts'
import { quarantineRow } from './quarantine.ts'

/** Acknowledged writes not yet stored, in rows, beyond which an acknowledgement waits for the store again (memory stays bounded). */
const MAX_UNSTORED_ROWS = 200_000
/** Attempts to store a spooled write, and the first pause between them (doubling), before its rows go to the quarantine. */
const ATTEMPTS = 6
const FIRST_RETRY_MS = 200
const SUFFIX = '.spool'

type Waiting = { rows: IngestRows; resolve: () => void; reject: (err: unknown) => void }

/**
 * A write-ahead spool in front of the group-commit writer, for the collector
 * and the events API: a write is acknowledged once it is on disk (written
 * whole to a file and fsynced), not once the engine has inserted it, so an
 * engine busy with an analysis (in process, chDB runs one statement at a time)
 * does not hold their answers. Concurrent writes share one file and one fsync.
 * Each file is handed to the writer and deleted once its rows are stored. At
 * start-up the files a killed process left are stored first: the writer drops
 * ids already stored, so a file stored but not yet deleted stores nothing twice
 * (and quarantined inputs already kept are left out by id).
 *
 * Reads that must see every acknowledged write wait for `stored()` first
 * (readingAfterWrites wraps the store for them): an event acknowledged is in
 * every analysis started after its answer.
 */
export class IngestSpool {
  private waiting: Waiting[] = []
  private writingFile: Promise<void> | undefined
  private readonly storing = new Set<Promise<void>>()
  private unstoredRows = 0
  private seq = 0

  private constructor(
    private readonly dir: string,
    private readonly writer: IngestWriter,
    private readonly events: EventStore,
  ) {}

  /** Opens the spool in `dir` and stores what an earlier process acknowledged and left there. */
  static async open(dir: string, writer: IngestWriter, events: EventStore): Promise<IngestSpool> {
    fs.mkdirSync(dir, { recursive: true })
    const spool = new IngestSpool(dir, writer, events)
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name)
      if (name.endsWith('.tmp')) fs.rmSync(file, { force: true }) // cut short by a kill: never acknowledged
      if (!name.endsWith(SUFFIX)) continue
      let writes: IngestRows[]
      try {
        writes = JSON.parse(fs.readFileSync(file, 'utf8')) as IngestRows[]
      } catch {
        fs.renameSync(file, `${file}.unreadable`) // damaged on disk: kept for inspection, not a reason not to start
        continue
      }
      await spool.store(file, await Promise.all(writes.map((w) => withoutStoredQuarantine(events, w))))
    }
    return spool
  }

  /** Resolves once `rows` are on disk (rejects if they could not be written: nothing is acknowledged then). */
  accept(rows: IngestRows): Promise<void> {
    const count = rowCount(rows)
    if (count === 0) return Promise.resolve()
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ rows, resolve, reject }))
    this.writingFile ??= this.writeFiles()
    // Past the bound, the answer waits for the engine as it would without a spool.
    return this.unstoredRows + count > MAX_UNSTORED_ROWS ? done.then(() => this.stored()) : done
  }

  /**
   * Resolves once every write acknowledged so far is stored (or, failing that, quarantined). Each is being stored
   * from the moment it is acknowledged, so those are the files being stored now; later ones are not waited for.
   */
  async stored(): Promise<void> {
    await Promise.all([...this.storing])
  }

  /** Writes and stores everything accepted so far (at shutdown). */
  async close(): Promise<void> {
    await this.writingFile
    await this.stored()
  }

  /** Writes the waiting writes as one file, then those that arrived meanwhile, until none waits. */
  private async writeFiles(): Promise<void> {
    await new Promise((r) => setImmediate(r)) // the writes of this turn of the event loop share the file
    while (this.waiting.length) {
      const batch = this.waiting
      this.waiting = []
      const writes = batch.map((w) => w.rows)
      let file: string
      try {
        file = await this.writeFile(writes)
      } catch (err) {
        for (const w of batch) w.reject(err)
        continue
      }
      for (const w of batch) w.resolve()
      void this.store(file, writes)
    }
    this.writingFile = undefined
  }

  /** One file, whole or not at all: written under a temporary name, fsynced, renamed, and the directory fsynced. */
  private async writeFile(writes: IngestRows[]): Promise<string> {
    // The process id too: two processes on one DATA_DIR (which is not supported) still never write one name.
    const name = `${String(Date.now()).padStart(15, '0')}-${process.pid}-${String(this.seq++).padStart(9, '0')}`
    const tmp = path.join(this.dir, `${name}.tmp`)
    const file = path.join(this.dir, `${name}${SUFFIX}`)
    const handle = await fs.promises.open(tmp, 'w')
    try {
      await handle.writeFile(JSON.stringify(writes))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.promises.rename(tmp, file)
    const dir = await fs.promises.open(this.dir, 'r')
    try {
      await dir.sync()
    } finally {
      await dir.close()
    }
    return file
  }

  /** Hands a file's writes to the writer, retrying while the store fails; deletes the file once they are stored. */
  private store(file: string, writes: IngestRows[]): Promise<void> {
    const rows = writes.reduce((n, w) => n + rowCount(w), 0)
    this.unstoredRows += rows
    const storing = (async () => {
      await Promise.all(writes.map((w) => this.storeOne(w))) // one group of the writer, as they arrived together
      await fs.promises.rm(file, { force: true })
    })()
      .catch(() => undefined) // kept on disk: stored at the next start
      .finally(() => {
        this.unstoredRows -= rows
        this.storing.delete(storing)
      })
    this.storing.add(storing)
    return storing
  }

  /** Stores one acknowledged write; should the store keep refusing it, its rows are kept in the quarantine instead. */
  private async storeOne(rows: IngestRows): Promise<void> {
    let last: unknown
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await this.writer.write(rows)
        return
      } catch (err) {
        last = err
        await new Promise((r) => setTimeout(r, FIRST_RETRY_MS * 2 ** attempt))
      }
    }
    const reason = `acknowledged, but the store refused it ${ATTEMPTS} times: ${last instanceof Error ? last.message : String(last)}`
    const receivedAt = new Date()
    const kept = (['events', 'identities', 'customers'] as const).flatMap((table) =>
      (rows[table] ?? []).map((row) => quarantineRow({ workspaceId: row.workspace_id, source: `spool:${table}`, reason, payload: row, receivedAt })),
    )
    await this.writer.write({ quarantine: [...kept, ...(rows.quarantine ?? [])] })
  }
}

/** A spooled write without the quarantined inputs already kept (their ids are stored): what a file stored before a kill holds. */
async function withoutStoredQuarantine(events: EventStore, rows: IngestRows): Promise<IngestRows> {
  const kept = rows.quarantine ?? []
  if (!kept.length) return rows
  const stored = await events.query<{ id: string }>(`SELECT id FROM quarantine WHERE id IN {ids:Array(String)}`, { ids: kept.map((q) => q.id) }, { lane: 'ingest' })
  const ids = new Set(stored.map((r) => r.id))
  return { ...rows, quarantine: kept.filter((q) => !ids.has(q.id)) }
}

/**
 * The store as readers see it: every read (and row change) first waits for the
 * writes acknowledged before it to be stored, so what was acknowledged is read.
 * Writes and imports go on as they are; reads inside the writer's exclusive turn do not wait.
 */
export function readingAfterWrites(events: EventStore, spool: IngestSpool): EventStore {
  const after =
    <A extends unknown[], R>(op: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (!exclusiveTurn.getStore()) await spool.stored()
      return op(...args)
    }
  return {
    ...events,
    query: after(events.query) as EventStore['query'],
    queryUInt32Column: after(events.queryUInt32Column),
    command: after(events.command),
    exportRows: after(events.exportRows),
    deleteWhere: after(events.deleteWhere),
    eraseWhere: after(events.eraseWhere),
  }
}
