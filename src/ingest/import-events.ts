import { createHash } from 'node:crypto'
import { isFeedbackKind, scoreProblem } from '../domain/feedback.ts'
import { isOffPlan, type PlannedEvent } from '../domain/journey/tracking-plan.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { chTime, type EventRow, type QuarantineRow } from '../storage/events/rows.ts'
import type { ColumnMapping, ImportFormat, ImportItem, ImportRecord } from './files/import-record.ts'
import { readImportFile } from './files/read-import-file.ts'
import type { IngestWriter } from './ingest-writer.ts'
import { quarantineRow } from './quarantine.ts'
import { nextSequence } from './sequence.ts'
import { importInEngine } from './import-in-engine.ts'

const BATCH_ROWS = 50_000
const FIRST_ERRORS = 10

export type ImportOptions = {
  format?: ImportFormat
  mapping?: ColumnMapping
  onProgress?: (bytesRead: number, totalBytes: number, events: number) => void
  /** Given when the workspace's tracking plan is strict: events outside it are stored flagged. */
  inPlan?: (e: PlannedEvent) => boolean
  /** Read with the streaming reader even where the engine could read the file itself (to compare the two). */
  streaming?: boolean
  /** Told which reader read the file: the engine's own CSV input, or the streaming reader. */
  onReader?: (reader: 'engine' | 'streaming') => void
  /** What the file is called in the summary, the quarantine and the events' context (default: its path); an upload's own name, not its temporary file. */
  name?: string
}

/**
 * Where an import stores: the event store (for what the import derives from
 * its rows afterwards) and the group-commit writer over that same store, the
 * one every other ingest path writes through.
 */
export type ImportTarget = { events: EventStore; ingest: IngestWriter }

export type ImportSummary = {
  file: string
  /** Events read from the file and accepted (not quarantined). */
  imported: number
  /** Of those, events left out as already stored (an earlier import, the collector) or repeated within the file by their own id. */
  skipped: number
  quarantined: number
  /** Of the imported events, those outside a strict tracking plan (stored, flagged). */
  offPlan: number
  /** Distinct customers (case ids) of the imported events, stored now or before. */
  customers: number
  /** Customers given traits from columns that are constant across their events. */
  customersWithTraits: number
  firstErrors: Array<{ line: number; reason: string }>
  seconds: number
}

/**
 * Streams an event file into the event store in large batches, through the
 * ingest writer: like the collector's events, each event id is checked
 * against the batch and what is stored before it is inserted, so importing
 * the same file twice (or a file of events the collector already has) stores
 * each event once, and analyses never see a repeat. An event's id is the
 * file's own (`event_id` / `message_id` / `messageId` column, or `--id`), else
 * derived from the row's content and line. File order is kept in `seq`, so
 * events of a customer that share a timestamp stay in file order. Rejected
 * lines go to quarantine with their line number; nothing is dropped silently.
 * The next batch is read while the previous one is inserted.
 */
export async function importEvents(target: ImportTarget, workspaceId: string, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now()
  const name = opts.name ?? file
  const rows = importedRows(target, workspaceId, name, new Date(started), opts.inPlan)
  const inEngine = opts.streaming ? undefined : await importInEngine(target, workspaceId, file, rows, opts)
  opts.onReader?.(inEngine ? 'engine' : 'streaming')
  if (!inEngine) {
    for await (const item of readImportFile(file, {
      format: opts.format,
      mapping: opts.mapping,
      onProgress: (read, total) => opts.onProgress?.(read, total, rows.counts.imported),
    })) {
      await rows.take(item)
    }
  }
  await rows.finish()
  // Traits come from properties: a file without any (case, activity and time only) has none to give.
  const customersWithTraits = rows.withProperties.seen ? await deriveConstantTraits(target.events, workspaceId, rows.importStamp) : 0
  const { counts } = rows
  return {
    file: name,
    imported: counts.imported + (inEngine?.imported ?? 0),
    skipped: counts.skipped + (inEngine?.skipped ?? 0),
    quarantined: counts.quarantined,
    offPlan: counts.offPlan,
    customers: rows.customers.size + (inEngine?.otherCustomers ?? 0),
    customersWithTraits,
    firstErrors: rows.firstErrors,
    seconds: (Date.now() - started) / 1000,
  }
}

/** Where an import's items go: accepted records become event rows, rejections quarantine rows, both written in large batches. */
export type ImportedRows = ReturnType<typeof importedRows>

/**
 * Turns an import's items into stored rows through the ingest writer, in
 * batches of 50,000: the next batch is read while the previous one is inserted.
 * Counts what it accepted, left out and rejected, and the customers it saw.
 */
function importedRows({ ingest }: ImportTarget, workspaceId: string, name: string, receivedAt: Date, inPlan: ImportOptions['inPlan']) {
  const importStamp = chTime(receivedAt)
  const counts = { imported: 0, skipped: 0, quarantined: 0, offPlan: 0 }
  const customers = new Set<string>()
  const firstErrors: ImportSummary['firstErrors'] = []
  /** Whether an accepted record had a property (the engine's reader says so of its records). */
  const withProperties = { seen: false }
  let batch: EventRow[] = []
  let rejected: QuarantineRow[] = []
  /** The batch handed to the writer and not yet stored: at most one, while the next is read. */
  let writing: Promise<void> | undefined

  const reject = (line: number, reason: string, payload: unknown, customerId?: string) => {
    counts.quarantined++
    if (firstErrors.length < FIRST_ERRORS) firstErrors.push({ line, reason })
    rejected.push(quarantineRow({ workspaceId, source: `import:${name}`, reason, payload, receivedAt, line, customerId }))
  }
  const flush = async () => {
    const written = ingest.write({ events: batch, quarantine: rejected }).then(({ duplicates }) => {
      counts.skipped += duplicates.events
    })
    written.catch(() => undefined) // awaited below; meanwhile its failure is not an unhandled rejection
    batch = []
    rejected = []
    const previous = writing
    writing = written
    await previous
  }
  return {
    importStamp,
    counts,
    customers,
    firstErrors,
    withProperties,
    /** One item; `seq` when the caller numbers rows itself (the engine's rows and these share one order). */
    async take(item: ImportItem, seq?: number): Promise<void> {
      if (!item.ok) reject(item.rejection.line, item.rejection.reason, item.rejection.raw, item.rejection.customerId)
      else {
        const problem = feedbackProblem(item.record)
        if (problem) reject(item.record.line, problem, item.record, item.record.caseId)
        else {
          const row = toRow(workspaceId, item.record, seq ?? nextSequence(), importStamp, name)
          if (isOffPlan(inPlan, row)) {
            row.off_plan = 1
            counts.offPlan++
          }
          batch.push(row)
          if (!withProperties.seen && Object.keys(row.properties).length > 0) withProperties.seen = true
          customers.add(row.customer_id)
          counts.imported++
        }
      }
      if (batch.length + rejected.length >= BATCH_ROWS) await flush()
    },
    async finish(): Promise<void> {
      await flush()
      await writing
    },
  }
}

export function feedbackProblem(r: ImportRecord): string | undefined {
  if (r.score === undefined) return undefined
  const kind = r.scoreKind ?? 'rating'
  if (!isFeedbackKind(kind)) return `score_kind "${kind}" must be one of nps, csat, ces, rating`
  return scoreProblem(kind, r.score)
}

export function toRow(workspaceId: string, r: ImportRecord, seq: number, receivedAt: string, file: string): EventRow {
  const ts = chTime(r.timestamp)
  return {
    workspace_id: workspaceId,
    event_id: r.id ?? `imp_${createHash('sha1').update(`${r.caseId}\u0000${r.activity}\u0000${ts}\u0000${r.line}`).digest('base64url')}`,
    customer_id: r.caseId,
    anonymous_id: '',
    user_id: r.caseId,
    ts,
    seq,
    type: r.score === undefined ? 'track' : 'feedback',
    event: r.activity,
    channel: r.channel ?? 'other',
    source: 'import',
    properties: r.properties,
    context: JSON.stringify({ import: file, line: r.line }),
    score: r.score ?? null,
    score_kind: r.score === undefined ? '' : (r.scoreKind ?? 'rating'),
    touchpoint: r.touchpoint ?? '',
    comment: r.comment ?? '',
    revenue: r.revenue ?? null,
    received_at: receivedAt,
    off_plan: 0,
  }
}

/**
 * Columns whose value is the same on every event of a customer describe the
 * customer (segment, region, age band…): they become traits, computed in the
 * engine from the events this import stored (its `received_at`). Events left
 * out as already stored are not among them: a re-import stores no events, so
 * it derives no traits again (those of the first import stand).
 */
async function deriveConstantTraits(events: EventStore, workspaceId: string, importStamp: string): Promise<number> {
  const params = { ws: workspaceId, at: importStamp }
  const traitsOfThisImport = `
    SELECT {ws:String} AS workspace_id, customer_id, max(last_ts) AS ts,
           mapFromArrays(groupArray(trait_key), groupArray(trait_value)) AS traits, 'import' AS source, '' AS event_id
    FROM (
      SELECT customer_id, prop_key AS trait_key, any(prop_value) AS trait_value, max(ts) AS last_ts
      FROM (
        SELECT customer_id, ts, properties, count() OVER (PARTITION BY customer_id) AS total
        FROM events
        WHERE workspace_id = {ws:String} AND source = 'import' AND received_at = {at:DateTime64(3)}
      )
      ARRAY JOIN mapKeys(properties) AS prop_key, mapValues(properties) AS prop_value
      GROUP BY customer_id, prop_key
      HAVING uniqExact(prop_value) = 1 AND count() = any(total)
    )
    GROUP BY customer_id`
  const [row] = await events.query<{ n: string }>(`SELECT count() AS n FROM (${traitsOfThisImport})`, params)
  const n = Number(row?.n ?? 0)
  if (n > 0) await events.command(`INSERT INTO customers (workspace_id, customer_id, ts, traits, source, event_id) ${traitsOfThisImport}`, params)
  return n
}
