/**
 * Tables are described once as data and rendered to DDL for either topology:
 * a single node (embedded chDB or one server) or a cluster, where each table
 * becomes a Replicated local table plus a Distributed table sharded by key.
 */
export type TableSpec = {
  name: string
  columns: ReadonlyArray<readonly [name: string, type: string]>
  indexes?: string[]
  engine: 'MergeTree' | 'ReplacingMergeTree'
  /** Version column for ReplacingMergeTree (the row with the highest wins). */
  version?: string
  partitionBy?: string
  orderBy: string[]
  /** Cluster only: the sharding expression of the Distributed table. */
  shardBy: string
  /** MergeTree settings of the (local) table. */
  settings?: Record<string, number>
}

export type Topology = { database: string; cluster?: string | undefined }

/** A name as SQL: a plain one as it is, one with `-` (cluster names have them) backquoted; anything else is refused. */
export const ident = (name: string) => {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) return `\`${name}\``
  throw new Error(`Not a plain identifier: ${name}`)
}

/** The table a statement that changes rows runs on: on a cluster, its local table on every node. */
export const rowChangeTarget = (table: string, topology: Topology) => (topology.cluster ? `${ident(`${table}_local`)} ON CLUSTER ${ident(topology.cluster)}` : ident(table))
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

export function localTableName(spec: TableSpec, topology: Topology): string {
  return topology.cluster ? `${spec.name}_local` : spec.name
}

export function createTableStatements(spec: TableSpec, topology: Topology): string[] {
  const onCluster = topology.cluster ? ` ON CLUSTER ${ident(topology.cluster)}` : ''
  const local = localTableName(spec, topology)
  const body = [...spec.columns.map(([n, t]) => `  ${ident(n)} ${t}`), ...(spec.indexes ?? []).map((i) => `  INDEX ${i}`)].join(',\n')
  const engineArgs = spec.version ? [ident(spec.version)] : []
  const engine = topology.cluster
    ? `Replicated${spec.engine}(${[quote(`/clickhouse/tables/{shard}/${topology.database}/${local}`), quote('{replica}'), ...engineArgs].join(', ')})`
    : `${spec.engine}(${engineArgs.join(', ')})`
  const clauses = [
    `ENGINE = ${engine}`,
    spec.partitionBy ? `PARTITION BY ${spec.partitionBy}` : undefined,
    `ORDER BY (${spec.orderBy.join(', ')})`,
    spec.settings ? `SETTINGS ${settingsList(spec.settings)}` : undefined,
  ].filter(Boolean)
  const statements = [`CREATE TABLE IF NOT EXISTS ${ident(local)}${onCluster}\n(\n${body}\n)\n${clauses.join('\n')}`]
  if (topology.cluster) {
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${ident(spec.name)}${onCluster} AS ${ident(local)}\n` +
        `ENGINE = Distributed(${ident(topology.cluster)}, ${ident(topology.database)}, ${ident(local)}, ${spec.shardBy})`,
    )
  }
  return statements
}

/**
 * Adds a column of the spec to a table created before the column was in it
 * (tables created since already have it: IF NOT EXISTS). On a cluster both the
 * local and the Distributed table get it.
 */
export function addColumnStatements(spec: TableSpec, column: string, topology: Topology): string[] {
  const [, type] = spec.columns.find(([name]) => name === column) ?? []
  if (!type) throw new Error(`${spec.name} has no column ${column}`)
  const onCluster = topology.cluster ? ` ON CLUSTER ${ident(topology.cluster)}` : ''
  const tables = topology.cluster ? [localTableName(spec, topology), spec.name] : [spec.name]
  return tables.map((table) => `ALTER TABLE ${ident(table)}${onCluster} ADD COLUMN IF NOT EXISTS ${ident(column)} ${type}`)
}

/** Adds a data-skipping index of the spec to a table created before it was in it (new parts get it; older parts as they merge). */
export function addIndexStatements(spec: TableSpec, name: string, topology: Topology): string[] {
  const index = spec.indexes?.find((i) => i.startsWith(`${name} `))
  if (!index) throw new Error(`${spec.name} has no index ${name}`)
  const onCluster = topology.cluster ? ` ON CLUSTER ${ident(topology.cluster)}` : ''
  return [`ALTER TABLE ${ident(localTableName(spec, topology))}${onCluster} ADD INDEX IF NOT EXISTS ${index}`]
}

/** Applies the spec's settings to a table created before they were in it. */
export function modifySettingsStatements(spec: TableSpec, topology: Topology): string[] {
  if (!spec.settings) return []
  const onCluster = topology.cluster ? ` ON CLUSTER ${ident(topology.cluster)}` : ''
  return [`ALTER TABLE ${ident(localTableName(spec, topology))}${onCluster} MODIFY SETTING ${settingsList(spec.settings)}`]
}

const settingsList = (settings: Record<string, number>) =>
  Object.entries(settings)
    .map(([name, value]) => `${ident(name)} = ${Number(value)}`)
    .join(', ')

export function createDatabaseStatement(topology: Topology): string {
  const onCluster = topology.cluster ? ` ON CLUSTER ${ident(topology.cluster)}` : ''
  return `CREATE DATABASE IF NOT EXISTS ${ident(topology.database)}${onCluster}`
}
