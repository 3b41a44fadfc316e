import { getTableColumns, inArray, is, type Column } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import type { MetadataDb } from './metadata-store.ts'
import { schema, users, workspaces } from './schema.ts'

/** One metadata table's rows as JSON-able values, by the table's SQL name; timestamps as ISO strings. */
export type TableRowsDump = { table: string; rows: Array<Record<string, unknown>> }

type Link = { key: string; parent: PgTable; parentKey: string }
type OwnedTable = { table: PgTable; name: string; keys: Record<string, Column>; links: Link[]; primary: string | undefined }

const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable))

const keyOf = (table: PgTable, column: Column) => Object.entries(getTableColumns(table)).find(([, c]) => c === column)![0]

function describeTable(table: PgTable): OwnedTable {
  const config = getTableConfig(table)
  const links = config.foreignKeys.map((fk) => {
    const ref = fk.reference()
    return { key: keyOf(table, ref.columns[0]!), parent: ref.foreignTable, parentKey: keyOf(ref.foreignTable, ref.foreignColumns[0]!) }
  })
  const primary = config.columns.find((c) => c.primary)
  return { table, name: config.name, keys: getTableColumns(table), links, primary: primary ? keyOf(table, primary) : undefined }
}

/**
 * The metadata tables whose rows belong to a workspace, derived from the schema's foreign keys: the workspace's
 * own row, every table that references it, and every table that references those (journey versions through
 * their journey), parents first. Users are referenced (members, authors) but belong to no workspace; sessions
 * reference only users, so they are never part of a workspace. A table added later with a foreign key to a
 * workspace is included without a change here.
 */
export function workspaceOwnedTables(): OwnedTable[] {
  const described = tables.map(describeTable)
  const owned: OwnedTable[] = [described.find((d) => d.table === workspaces)!]
  for (let grew = true; grew; ) {
    grew = false
    for (const d of described) {
      if (owned.includes(d) || d.table === users) continue
      if (d.links.some((l) => owned.some((o) => o.table === l.parent)) && d.links.every((l) => l.parent === users || owned.some((o) => o.table === l.parent) || l.parent === d.table)) {
        owned.push(d)
        grew = true
      }
    }
  }
  return owned
}

/** The metadata tables a workspace's rows never include (neither owned nor the users they reference). */
export function tablesOutsideWorkspaces(): string[] {
  const owned = new Set(workspaceOwnedTables().map((t) => t.table))
  return tables.filter((t) => !owned.has(t) && t !== users).map((t) => getTableConfig(t).name)
}

const toJson = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))

/**
 * A workspace's metadata rows, table by table (parents first), and the users they reference — their email,
 * name and password hash, so that members can sign in where the workspace is restored.
 */
export async function readWorkspaceRows(db: MetadataDb, workspaceId: string): Promise<TableRowsDump[]> {
  const read = new Map<PgTable, Array<Record<string, unknown>>>()
  const dumps: TableRowsDump[] = []
  const userIds = new Set<string>()
  for (const t of workspaceOwnedTables()) {
    // The workspace by its id; every other table through its first link to a table already read.
    const link = t.links.find((l) => read.has(l.parent))
    const [column, values] = link ? [t.keys[link.key]!, read.get(link.parent)!.map((r) => r[link.parentKey] as string)] : [t.keys.id!, [workspaceId]]
    const rows = values.length ? ((await db.select().from(t.table).where(inArray(column, values))) as Array<Record<string, unknown>>) : []
    read.set(t.table, rows)
    for (const l of t.links) if (l.parent === users) for (const r of rows) if (typeof r[l.key] === 'string') userIds.add(r[l.key] as string)
    dumps.push({ table: t.name, rows: rows.map(toJson) })
  }
  const people = userIds.size ? ((await db.select().from(users).where(inArray(users.id, [...userIds]))) as Array<Record<string, unknown>>) : []
  return [{ table: getTableConfig(users).name, rows: people.map(toJson) }, ...dumps]
}

/**
 * Writes dumped rows back (in one transaction): users matched by email to those who exist (else created with
 * their id, or a new one when it is taken), and every id in `remap` replaced wherever a row holds it (its own
 * key or a foreign key). `skip` leaves tables out (e.g. API keys of a copy: a key belongs to one workspace).
 */
export async function writeWorkspaceRows(
  db: MetadataDb,
  dumps: TableRowsDump[],
  opts: { remap: Map<string, string>; override: (table: string, row: Record<string, unknown>) => Record<string, unknown>; skip?: string[]; newUserId: () => string },
): Promise<Record<string, number>> {
  const written: Record<string, number> = {}
  const byName = new Map(tables.map((t) => [getTableConfig(t).name, t]))
  await db.transaction(async (tx) => {
    const usersDump = dumps.find((d) => d.table === getTableConfig(users).name)
    for (const person of usersDump?.rows ?? []) {
      const [existing] = await tx.select({ id: users.id }).from(users).where(inArray(users.email, [String(person.email)]))
      if (existing) opts.remap.set(String(person.id), existing.id)
      else {
        const [taken] = await tx.select({ id: users.id }).from(users).where(inArray(users.id, [String(person.id)]))
        const id = taken ? opts.newUserId() : String(person.id)
        opts.remap.set(String(person.id), id)
        await tx.insert(users).values(fromJson(users, { ...person, id }) as never)
        written.users = (written.users ?? 0) + 1
      }
    }
    for (const dump of dumps) {
      const table = byName.get(dump.table)
      if (!table || table === users || opts.skip?.includes(dump.table) || !dump.rows.length) continue
      const rows = dump.rows.map((r) => fromJson(table, opts.override(dump.table, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && opts.remap.has(v) ? opts.remap.get(v) : v])))))
      for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500) as never)
      written[dump.table] = rows.length
    }
  })
  return written
}

/** Timestamps back to dates, by the table's column types. */
function fromJson(table: PgTable, row: Record<string, unknown>): Record<string, unknown> {
  const columns = getTableColumns(table)
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, columns[k]?.columnType === 'PgTimestamp' && typeof v === 'string' ? new Date(v) : v]))
}

/** Per workspace-owned table (by SQL name), the property of its single-column primary key, if it has one. */
export function ownedPrimaryKeys(): Record<string, string | undefined> {
  return Object.fromEntries(workspaceOwnedTables().map((t) => [t.name, t.primary]))
}
