import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { AppError } from '../../domain/errors.ts'
import { eventMigrations, type EventMigration } from './migrations.ts'
import { chTime, type TableRows } from './rows.ts'
import { createDatabaseStatement, createTableStatements, rowChangeTarget, type Topology } from './table-spec.ts'
import { customersTable, eventsTable, identitiesTable, migrationsTable, quarantineTable } from './tables.ts'

export type QueryParams = Record<string, unknown>

/**
 * Which queue a statement waits in where the engine runs one at a time (in process): `ingest` (inserts, and the
 * lookups that decide what to insert) goes before everything else, so that analyses queued behind one another
 * delay an acknowledgement by at most the statement running, not by the whole queue.
 */
export type Lane = 'ingest' | 'read'

/**
 * The only door to the event engine. Nothing else imports chdb or the
 * ClickHouse client; analytics and ingestion speak SQL with bound parameters
 * (`{name:Type}`) through this interface.
 */
export interface EventStore {
  readonly engine: 'chdb' | 'clickhouse'
  readonly topology: Topology
  query<T>(sql: string, params?: QueryParams, opts?: { lane?: Lane }): Promise<T[]>
  /** A query of one UInt32 column, as a typed array: millions of values without a JSON row each. */
  queryUInt32Column(sql: string, opts?: { lane?: Lane }): Promise<Uint32Array>
  command(sql: string, params?: QueryParams): Promise<void>
  insert<K extends keyof TableRows>(table: K, rows: TableRows[K][]): Promise<void>
  /**
   * Converts rows for the engine ahead of `insertPrepared`, so that a writer
   * gathering rows from many requests converts each as it arrives instead of
   * all of them in the engine's turn.
   */
  prepare<K extends keyof TableRows>(table: K, rows: TableRows[K][]): PreparedRows<K>
  /** Inserts prepared row sets of one table as one insert. */
  insertPrepared<K extends keyof TableRows>(table: K, parts: PreparedRows<K>[]): Promise<void>
  /**
   * Writes a query's rows to a gzip-compressed JSONEachRow file (backups): in process the engine writes the file
   * itself; from a server the rows stream through. Returns how many rows were written.
   */
  exportRows(sql: string, params: QueryParams, file: string): Promise<number>
  /**
   * Inserts the rows of a file written by exportRows into `table`, columns matched by name, with `set` columns
   * replaced by the given values (e.g. another workspace id). Returns how many rows were read.
   */
  importRows(table: keyof TableRows, file: string, set?: Record<string, string>): Promise<number>
  /** Lightweight delete, waited for; on a cluster it runs on every shard's local table. */
  deleteWhere(table: keyof TableRows, where: string, params?: QueryParams): Promise<void>
  /**
   * Physical delete: a mutation that rewrites every part holding matching rows without them,
   * waited for (on a cluster, on every replica).
   */
  eraseWhere(table: keyof TableRows, where: string, params?: QueryParams): Promise<void>
  /** Hands memory the engine freed back to the OS (in process: jemalloc purge; a server manages its own). */
  releaseMemory(): Promise<void>
  /** Applies pending migrations; returns the versions applied now. */
  migrate(): Promise<number[]>
  ping(): Promise<void>
  close(): Promise<void>
}

/** Rows of table K in the engine's insert form: JSONCompactEachRow text in process, value arrays for a server. */
export type PreparedRows<K extends keyof TableRows> = { readonly table: K; readonly count: number; readonly body: string; readonly values: unknown[][] }

export type EventStoreOptions = {
  dataDir: string
  url: string | undefined
  user: string
  password: string
  database: string
  cluster: string | undefined
  /** A process that runs the same analyses again and again (the server): see longLivedSettings. */
  longLived?: boolean
}

/**
 * JSON for inserts with lone UTF-16 surrogates (which JSON.stringify escapes as
 * `\udXXX` and ClickHouse refuses, failing the whole insert) replaced by U+FFFD.
 * Valid pairs are written raw by JSON.stringify, so every such escape is a lone one.
 */
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g
export function wellFormedJson(value: unknown): string {
  const json = JSON.stringify(value)
  return json.includes('\\ud') || json.includes('\\uD') ? json.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd') : json
}
const jsonHandling = { stringify: wellFormedJson }

const insertColumns: { [K in keyof TableRows]: string[] } = {
  events: eventsTable.columns.map(([name]) => name),
  identities: identitiesTable.columns.map(([name]) => name),
  customers: customersTable.columns.map(([name]) => name),
  quarantine: quarantineTable.columns.map(([name]) => name),
}

/**
 * Rows arrive already deduplicated by the ingest writer, so the engine need not
 * collapse them again while inserting; small bodies parse faster on one thread;
 * an object given for a String column (an event's context) is stored as its
 * JSON text, so it is not encoded twice.
 */
const insertSettings = { optimize_on_insert: 0, input_format_parallel_parsing: 0, input_format_json_read_objects_as_strings: 1 } as const

const tableSpecs = { events: eventsTable, identities: identitiesTable, customers: customersTable, quarantine: quarantineTable } as const
/** A file path as an SQL string literal (the engine's table functions take constants only). */
export const fileLiteral = (file: string) => `'${path.resolve(file).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`

const valuesOf = <K extends keyof TableRows>(table: K, rows: TableRows[K][]): unknown[][] => {
  const columns = insertColumns[table] as Array<keyof TableRows[K]>
  return rows.map((row) => columns.map((c) => row[c]))
}

/**
 * Settings of every query to a ClickHouse server. On a cluster, a subquery or join over a Distributed table inside
 * a query over another (identity links and trait segments inside a query over the events) runs once on the node
 * that received the query, over every shard, and its result is sent to the shards (GLOBAL): the server's default
 * refuses such queries, and a shard-local subquery would see only that shard's identities and traits.
 */
export const sessionSettings = (topology: Topology): Record<string, string> => (topology.cluster ? { distributed_product_mode: 'global' } : {})

/**
 * A long-lived process compiles an expression (and an aggregation, a sort) to machine code the second time it runs,
 * not the fourth as by default (the default never paid off here: a 10M-event analysis ran no faster after eight
 * runs). The compiled code stays for the process and serves every workspace and journey: from the second analysis
 * on, ~15 % less CPU at 10M events. A one-shot command keeps the default: it would pay the compile (0.2 s of a
 * 1M-event `waymark analyze`) and never reuse it.
 */
export const longLivedSettings = { min_count_to_compile_expression: '1', min_count_to_compile_aggregate_expression: '1', min_count_to_compile_sort_description: '1' } as const

/** ClickHouse over HTTP when a URL is given, otherwise chDB in-process with data under DATA_DIR/events. */
export async function openEventStore(opts: EventStoreOptions): Promise<EventStore> {
  const topology: Topology = { database: opts.database, cluster: opts.cluster }
  if (opts.url) {
    const admin = createClient({ url: opts.url, username: opts.user, password: opts.password, json: jsonHandling })
    await guard(admin.command({ query: createDatabaseStatement(topology) }), `Cannot reach ClickHouse at CLICKHOUSE_URL`)
    await admin.close()
    const client = createClient({
      url: opts.url,
      username: opts.user,
      password: opts.password,
      database: opts.database,
      json: jsonHandling,
      clickhouse_settings: { ...sessionSettings(topology), ...(opts.longLived ? longLivedSettings : {}) },
    })
    return clickhouseEventStore(client, 'clickhouse', topology)
  }
  const dir = path.join(opts.dataDir, 'events')
  let client: ClickHouseClient
  let connection: ReturnType<typeof createChdbConnection>
  try {
    connection = createChdbConnection({ path: dir })
    client = createClient({ connection: connection as never, json: jsonHandling })
    await client.command({ query: createDatabaseStatement(topology) })
    // chDB keeps one session per process, so USE sticks (the HTTP client passes the database per request instead).
    await client.command({ query: `USE ${topology.database}` })
    if (opts.longLived) await client.command({ query: `SET ${Object.entries(longLivedSettings).map(([k, v]) => `${k} = ${v}`).join(', ')}` })
  } catch (err) {
    throw new AppError(
      'store_unavailable',
      `Cannot open the event store in ${dir} (${firstLine(err)}); the directory may be corrupt (the engine's own message, if any, is above): move it aside to start afresh`,
    )
  }
  // In process, rows go to the engine as JSONCompactEachRow text in one buffer (the client would first splice them
  // into an SQL string). The format takes comma-separated rows, so one stringify of all rows without the outer
  // brackets serves, and prepared parts join with commas.
  const inProcess: EnginePath = {
    // The engine's binary output read as it is (RowBinary of one UInt32 column: the values back to back).
    uint32Column: async (sql) => uint32View((await connection.chdb.queryAsync(sql, { format: 'RowBinary' })).bytes()),
    prepare: (table, rows) => ({ table, count: rows.length, body: wellFormedJson(valuesOf(table, rows)).slice(1, -1), values: [] }),
    async insert(table, parts) {
      const body = Buffer.from(parts.map((p) => p.body).join(','))
      await connection.chdb.rawInsert({ table, columns: insertColumns[table], values: body, format: 'JSONCompactEachRow', settings: insertSettings })
    },
    // The engine writes and reads the files itself (the .gz suffix compresses), so rows never pass through Node.
    async exportRows(sql, params, file) {
      fs.rmSync(file, { force: true })
      await client.command({ query: `${sql} INTO OUTFILE ${fileLiteral(file)} FORMAT JSONEachRow`, query_params: params })
      return countFileRows(client, file, 'x Int8')
    },
    async importRows(table, file, set) {
      const spec = tableSpecs[table]
      const structure = spec.columns.map(([name, type]) => `${name} ${type.replace(/ CODEC\(.*\)$/, '')}`).join(', ').replaceAll("'", "\\'")
      const params = Object.fromEntries(Object.entries(set).map(([, value], i) => [`set${i}`, value]))
      const names = Object.keys(set)
      const select = spec.columns.map(([name]) => (names.includes(name) ? `{set${names.indexOf(name)}:String} AS ${name}` : name)).join(', ')
      await client.command({ query: `INSERT INTO ${table} (${spec.columns.map(([n]) => n).join(', ')}) SELECT ${select} FROM file(${fileLiteral(file)}, 'JSONEachRow', '${structure}')`, query_params: params })
      return countFileRows(client, file, structure)
    },
  }
  return clickhouseEventStore(client, 'chdb', topology, inProcess)
}

async function countFileRows(client: ClickHouseClient, file: string, structure: string): Promise<number> {
  const rows = await (await client.query({ query: `SELECT count() AS n FROM file(${fileLiteral(file)}, 'JSONEachRow', '${structure}')`, format: 'JSONEachRow' })).json<{ n: string }>()
  return Number(rows[0]?.n ?? 0)
}

/** A view of little-endian UInt32 values (RowBinary of one UInt32 column), copied first if the bytes are not 4-aligned. */
function uint32View(bytes: Uint8Array): Uint32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice()
  return new Uint32Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 4))
}

/** What differs between the engine in process and a server: how rows go in, and how a large column comes out. */
type EnginePath = {
  prepare<K extends keyof TableRows>(table: K, rows: TableRows[K][]): PreparedRows<K>
  insert<K extends keyof TableRows>(table: K, parts: PreparedRows<K>[]): Promise<void>
  uint32Column(sql: string): Promise<Uint32Array>
  exportRows(sql: string, params: QueryParams, file: string): Promise<number>
  importRows(table: keyof TableRows, file: string, set: Record<string, string>): Promise<number>
}

/** Rows read back from a backup file are inserted in batches of this many. */
const IMPORT_BATCH = 50_000

/** To a server: value arrays, which the client serialises as JSONCompactEachRow; columns read back as text. */
const overHttp = (client: ClickHouseClient): EnginePath => ({
  async uint32Column(sql) {
    const text = await (await client.query({ query: sql, format: 'TabSeparated' })).text()
    return Uint32Array.from(text.split('\n').filter(Boolean), Number)
  },
  prepare: (table, rows) => ({ table, count: rows.length, body: '', values: valuesOf(table, rows) }),
  async insert(table, parts) {
    const columns = insertColumns[table] as [string, ...string[]]
    await client.insert({ table, columns, values: parts.flatMap((p) => p.values), format: 'JSONCompactEachRow', clickhouse_settings: insertSettings })
  },
  async exportRows(sql, params, file) {
    const result = await client.query({ query: sql, query_params: params, format: 'JSONEachRow' })
    let n = 0
    const gzip = zlib.createGzip({ level: 3 })
    const written = pipeline(gzip, fs.createWriteStream(file))
    for await (const rows of result.stream()) {
      for (const row of rows as Array<{ text: string }>) {
        n++
        if (!gzip.write(`${row.text}\n`)) await new Promise((r) => gzip.once('drain', r))
      }
    }
    gzip.end()
    await written
    return n
  },
  async importRows(table, file, set) {
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity })
    let batch: Array<Record<string, unknown>> = []
    let n = 0
    const flush = async () => {
      if (batch.length) await client.insert({ table, values: batch, format: 'JSONEachRow', clickhouse_settings: insertSettings })
      batch = []
    }
    for await (const line of lines) {
      if (!line) continue
      batch.push({ ...(JSON.parse(line) as Record<string, unknown>), ...set })
      n++
      if (batch.length >= IMPORT_BATCH) await flush()
    }
    await flush()
    return n
  },
})

function clickhouseEventStore(
  client: ClickHouseClient,
  engine: EventStore['engine'],
  topology: Topology,
  path: EnginePath = overHttp(client),
): EventStore {
  // Every operation under way, so that closing waits for them (an analysis whose caller went away still finishes and
  // drops its tables before the engine's files are let go).
  const running = new Set<Promise<unknown>>()
  const tracked = <T>(op: () => Promise<T>): Promise<T> => {
    const p = op()
    running.add(p)
    p.then(
      () => running.delete(p),
      () => running.delete(p),
    )
    return p
  }
  // In process the engine runs one statement at a time whatever is sent: queued here, ingestion first (see Lane).
  const lane = engine === 'chdb' ? engineLane() : undefined
  const run = <T>(which: Lane, op: () => Promise<T>): Promise<T> => tracked(lane ? () => lane(which, op) : op)
  const store: EventStore = {
    engine,
    topology,
    query: <T>(sql: string, params?: QueryParams, opts?: { lane?: Lane }) =>
      run(opts?.lane ?? 'read', async () => (await client.query({ query: sql, query_params: params, format: 'JSONEachRow' })).json<T>()),
    queryUInt32Column: (sql, opts) => run(opts?.lane ?? 'read', () => path.uint32Column(sql)),
    command: (sql, params) => run('read', async () => void (await client.command({ query: sql, query_params: params }))),
    async insert(table, rows) {
      if (rows.length) await run('ingest', () => path.insert(table, [path.prepare(table, rows)]))
    },
    prepare: (table, rows) => path.prepare(table, rows),
    async insertPrepared(table, parts) {
      const nonEmpty = parts.filter((p) => p.count > 0)
      if (nonEmpty.length) await run('ingest', () => path.insert(table, nonEmpty))
    },
    exportRows: (sql, params, file) => run('read', () => path.exportRows(sql, params, file)),
    importRows: (table, file, set = {}) => run('ingest', () => path.importRows(table, file, set)),
    async deleteWhere(table, where, params) {
      const target = rowChangeTarget(table, topology)
      await run('read', () => client.command({ query: `DELETE FROM ${target} WHERE ${where}`, query_params: params, clickhouse_settings: { lightweight_deletes_sync: '2' } }))
    },
    async eraseWhere(table, where, params) {
      const target = rowChangeTarget(table, topology)
      await tracked(() => client.command({ query: `ALTER TABLE ${target} DELETE WHERE ${where}`, query_params: params, clickhouse_settings: { mutations_sync: '2' } }))
    },
    async releaseMemory() {
      if (engine === 'chdb') await run('read', () => client.command({ query: 'SYSTEM JEMALLOC PURGE' })).catch(() => undefined)
    },
    migrate: () => applyMigrations(store, eventMigrations),
    async ping() {
      const result = await client.ping()
      if (!result.success) throw result.error
    },
    async close() {
      // Until nothing runs: an operation that ends may start another (an analysis dropping its tables).
      while (running.size) {
        await Promise.allSettled([...running])
        await new Promise((r) => setImmediate(r))
      }
      await client.close()
    },
  }
  return store
}

/**
 * One statement at a time, from two queues: every waiting `ingest` statement before any `read` one, each queue
 * in arrival order. (The embedded engine would serialise them anyway, in whatever order its threads take its lock.)
 */
function engineLane() {
  const waiting: Record<Lane, Array<() => void>> = { ingest: [], read: [] }
  let busy = false
  const next = () => {
    const start = waiting.ingest.shift() ?? waiting.read.shift()
    busy = start !== undefined
    start?.()
  }
  return <T>(which: Lane, op: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => void op().then(resolve, reject).finally(next)
      if (busy) waiting[which].push(start)
      else {
        busy = true
        start()
      }
    })
}

async function applyMigrations(store: EventStore, migrations: EventMigration[]): Promise<number[]> {
  for (const ddl of createTableStatements(migrationsTable, store.topology)) await store.command(ddl)
  const done = new Set((await store.query<{ version: number }>('SELECT version FROM waymark_migrations')).map((r) => Number(r.version)))
  const applied: number[] = []
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue
    for (const ddl of m.statements(store.topology)) await store.command(ddl)
    await store.command('INSERT INTO waymark_migrations (version, name, applied_at) VALUES ({v:UInt32}, {n:String}, {at:DateTime64(3)})', {
      v: m.version,
      n: m.name,
      at: chTime(new Date()),
    })
    applied.push(m.version)
  }
  return applied
}

async function guard<T>(p: Promise<T>, what: string): Promise<T> {
  try {
    return await p
  } catch (err) {
    throw new AppError('store_unavailable', `${what} (${firstLine(err)})`)
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim()
}
