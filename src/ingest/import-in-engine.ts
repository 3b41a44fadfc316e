import { randomBytes } from 'node:crypto'
import { open } from 'node:fs/promises'
import { engineCsv } from './files/engine-csv.ts'
import { type EngineFile, readsFilesItself } from './files/engine-file.ts'
import { engineJsonl } from './files/engine-jsonl.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { detectFormat, isGzipped } from './files/read-import-file.ts'
import { DELIMITERS, isDelimited, type ImportItem } from './files/import-record.ts'
import { feedbackProblem, type ImportedRows, type ImportOptions, type ImportTarget } from './import-events.ts'
import { reserveSequences } from './sequence.ts'

/** What the engine stored itself; the rows it handed back went through `rows` and are counted there. */
export type EngineImport = {
  imported: number
  skipped: number
  /** Customers of the engine's rows that `rows` did not see. */
  otherCustomers: number
}

/**
 * Imports a CSV or TSV file by letting the engine read it (in process only: the
 * engine opens the path), when its structure allows (see engineCsv): the
 * records the engine converts exactly as the streaming reader would are
 * inserted by one INSERT … SELECT, leaving out ids already stored (and, for a
 * file's own ids, repeats within it: the first line wins), inside the ingest
 * writer's exclusive turn; the other records go through the streaming reader's
 * row rules into `rows`, in file order. Undefined, having stored nothing, when
 * the file must be read by the streaming reader instead.
 */
export async function importInEngine(target: ImportTarget, workspaceId: string, file: string, rows: ImportedRows, opts: ImportOptions): Promise<EngineImport | undefined> {
  const format = opts.format ?? detectFormat(file)
  if (!(isDelimited(format) || format === 'jsonl') || opts.inPlan || !readsFilesItself(target.events)) return undefined
  const shape = await fileShape(file)
  if (!shape) return undefined
  const csv = isDelimited(format) ? await engineCsv(file, shape.gzipped, opts.mapping, DELIMITERS[format]) : await engineJsonl(file, shape.gzipped, opts.mapping)
  if (!csv) return undefined
  const line = (n: string) => `${n} + ${csv.firstLine}`
  const { events } = target
  const { source, fields: f } = csv
  const params = { ...csv.params, ws: workspaceId }
  // The engine reads the file twice (the check, then the insert) and says nothing while it reads: progress is the bytes of both passes.
  opts.onProgress?.(0, 2 * shape.size, 0)
  // Read once to see whether the engine reads the file as the streaming reader would (it refuses a CSV record whose field
  // count is not the header's, a quote never closed, a blank line), and how many records need the reader's rules.
  let check: { records: string; span: string; broken: string; slow: string; customers: string }
  try {
    ;[check] = (await events.query<typeof check>(
      `SELECT count() AS records, max(n) + 1 AS span, countIf(${csv.broken}) AS broken, countIf(NOT (${f.fast})) AS slow, uniqExactIf(${f.caseId}, ${f.fast}) AS customers FROM ${source}`,
      params,
    )) as [typeof check]
  } catch {
    return undefined
  }
  if (Number(check.broken) > 0 || Number(check.slow) > csv.maxSlowShare * Number(check.records)) return undefined
  const records = Number(check.records)
  // Record numbers count the lines a JSONL file leaves blank too.
  const firstSeq = reserveSequences(Number(check.span))
  if (csv.plan.properties.length > 0) rows.withProperties.seen = true
  opts.onProgress?.(shape.size, 2 * shape.size, 0)

  const ownIds = f.ownId !== undefined
  const eventId = ownIds ? `if(${f.ownId} = '', ${derivedId(f, line('n'))}, ${f.ownId})` : derivedId(f, line('n'))
  const fastRows = `SELECT n, ${eventId} AS event_id, ${f.caseId} AS case_id FROM ${source} WHERE ${f.fast}`
  // The records left to the reader's rules, read first: one of them may hold an id a later record repeats (the first line wins).
  const handed = Number(check.slow) > 0 ? await handBack(events, csv, params) : []
  const handedIds = ownIds ? firstLinesOfIds(handed, csv.firstLine) : new Map<string, number>()
  const inserted = await target.ingest.exclusive(async () => {
    const tmp = `import_ids_${randomBytes(6).toString('hex')}`
    // The first line of each id, then what the writer's lookup would leave out: an id stored before for the same
    // customer (nothing to look up in a workspace that stores nothing yet, as a fresh `waymark analyze`).
    const [{ any } = { any: 0 }] = await events.query<{ any: number }>('SELECT count() > 0 AS any FROM (SELECT 1 FROM events WHERE workspace_id = {ws:String} LIMIT 1)', params)
    const storedBefore = `(case_id, id) NOT IN (SELECT customer_id, event_id FROM events WHERE workspace_id = {ws:String} AND event_id IN (SELECT event_id FROM (${fastRows})))`
    await events.command(
      `INSERT INTO events (workspace_id, event_id, customer_id, anonymous_id, user_id, ts, seq, type, event, channel, source, properties, context, score, score_kind, touchpoint, comment, revenue, received_at, off_plan)
       SELECT * FROM (
         SELECT {ws:String}, ${eventId} AS id, ${f.caseId} AS case_id, '', ${f.caseId}, fromUnixTimestamp64Milli(${f.tsMs}, 'UTC'), {first_seq:UInt64} + n,
                if(${f.score} IS NULL, 'track', 'feedback'), ${f.activity}, ${f.channel}, 'import', ${f.properties},
                concat({context:String}, toString(${line('n')}), '}'), ${f.score}, ${f.scoreKind}, ${f.touchpoint}, ${f.comment}, ${f.revenue},
                {at:DateTime64(3)}, 0
         FROM ${source}
         WHERE ${f.fast}${handedIds.size ? ` AND NOT transform(id, {handed_ids:Array(String)}, {handed_lines:Array(UInt64)}, toUInt64(0)) BETWEEN 1 AND ${line('n')} - 1` : ''}
         ${ownIds ? 'ORDER BY n LIMIT 1 BY id' : ''}
       )
       WHERE ${Number(any) ? storedBefore : 'true'}
       -- No two rows share a key (ids are unique here): nothing for a ReplacingMergeTree to collapse while inserting.
       SETTINGS optimize_on_insert = 0`,
      { ...params, first_seq: firstSeq, context: `{"import":${JSON.stringify(opts.name ?? file)},"line":`, at: rows.importStamp, handed_ids: [...handedIds.keys()], handed_lines: [...handedIds.values()] },
    )
    const stored = `FROM events WHERE workspace_id = {ws:String} AND source = 'import' AND received_at = {at:DateTime64(3)}`
    const [{ n } = { n: '0' }] = await events.query<{ n: string }>(`SELECT count() AS n ${stored}`, { ws: workspaceId, at: rows.importStamp })
    const storedHashes = async () => {
      await events.command(`CREATE TABLE ${tmp} ENGINE = Memory AS SELECT murmurHash3_32(concat(workspace_id, '\\0', event_id)) AS h ${stored}`, { ws: workspaceId, at: rows.importStamp })
      try {
        return await events.queryUInt32Column(`SELECT h FROM ${tmp}`, { lane: 'ingest' })
      } finally {
        await events.command(`DROP TABLE IF EXISTS ${tmp}`)
      }
    }
    return { result: Number(n), storedHashes }
  })

  // A handed-back record whose id an earlier engine record holds is left out, as the writer leaves out a repeat within a file.
  const earlierInEngine = new Map<string, number>()
  if (handedIds.size) {
    const found = await events.query<{ id: string; line: string }>(`SELECT event_id AS id, ${line('min(n)')} AS line FROM (${fastRows}) WHERE event_id IN {handed_ids:Array(String)} GROUP BY id`, {
      ...params,
      handed_ids: [...handedIds.keys()],
    })
    for (const r of found) earlierInEngine.set(r.id, Number(r.line))
  }
  let repeats = 0
  for (const { item, n } of handed) {
    const id = item.ok && !feedbackProblem(item.record) ? item.record.id : undefined
    if (id !== undefined && (earlierInEngine.get(id) ?? Infinity) < n + csv.firstLine) {
      repeats++
      rows.customers.add(item.ok ? item.record.caseId : '')
      continue
    }
    await rows.take(item, firstSeq + n)
  }
  const fastCount = records - Number(check.slow)
  opts.onProgress?.(2 * shape.size, 2 * shape.size, fastCount + rows.counts.imported)
  return { imported: fastCount + repeats, skipped: fastCount - inserted + repeats, otherCustomers: Number(check.customers) - (await customersAmong(events, fastRows, params, [...rows.customers])) }
}

/** The first line of each own id among the accepted handed-back records. */
function firstLinesOfIds(handed: Handed[], firstLine: number): Map<string, number> {
  const first = new Map<string, number>()
  for (const { item, n } of handed) if (item.ok && item.record.id !== undefined && !feedbackProblem(item.record) && !first.has(item.record.id)) first.set(item.record.id, n + firstLine)
  return first
}

type Handed = { item: ImportItem; n: number }

/** How many customers of the engine's records are among `seen` (the handed-back records' customers), asked about in slices. */
async function customersAmong(events: EventStore, fastRows: string, params: Record<string, unknown>, seen: string[]): Promise<number> {
  let shared = 0
  for (let i = 0; i < seen.length; i += SEEN_SLICE) {
    const [{ n } = { n: '0' }] = await events.query<{ n: string }>(`SELECT uniqExactIf(case_id, case_id IN {seen:Array(String)}) AS n FROM (${fastRows})`, { ...params, seen: seen.slice(i, i + SEEN_SLICE) })
    shared += Number(n)
  }
  return shared
}

const SEEN_SLICE = 50_000

/** The id the streaming reader derives for a record without its own: `imp_` and the SHA-1 of case, activity, time and line. */
const derivedId = (f: EngineFile['fields'], line: string) =>
  `concat('imp_', base64URLEncode(SHA1(concat(${f.caseId}, '\\0', ${f.activity}, '\\0', toString(fromUnixTimestamp64Milli(${f.tsMs}, 'UTC')), '\\0', toString(${line})))))`

/** The records the engine leaves to the streaming reader's rules, in file order, as its items. */
async function handBack(events: EventStore, file: EngineFile, params: Record<string, unknown>): Promise<Handed[]> {
  const slow = await events.query<Record<string, unknown> & { n: string }>(file.slowRecords(file.fields.fast), params)
  return slow.flatMap((r) => {
    const item = file.toItem(r)
    return item ? [{ item, n: Number(r.n) }] : []
  })
}

/** The file's size and whether it is gzip (by name or by its first bytes, as the streaming reader tells); undefined when it cannot be read or is empty. */
async function fileShape(file: string): Promise<{ size: number; gzipped: boolean } | undefined> {
  const handle = await open(file, 'r').catch(() => undefined)
  if (!handle) return undefined
  try {
    const { size } = await handle.stat()
    if (size === 0) return undefined
    return { size, gzipped: await isGzipped(file, handle) }
  } finally {
    await handle.close()
  }
}
