import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as tar from 'tar'
import type { EventStore } from '../../storage/events/event-store.ts'
import { chTime } from '../../storage/events/rows.ts'
import type { MetadataStore } from '../../storage/metadata/metadata-store.ts'
import { customersTable, eventsTable, identitiesTable, quarantineTable } from '../../storage/events/tables.ts'
import type { Workspace } from '../../storage/metadata/workspace-repository.ts'
import { readWorkspaceRows } from '../../storage/metadata/workspace-rows.ts'
import { BACKUP_FORMAT, MANIFEST_FILE, METADATA_FILE, sha256Of, type BackupFile, type BackupManifest } from './backup-manifest.ts'

/** Rows per events file: each is written by the engine in one statement. */
const ROWS_PER_FILE = 1_000_000

/**
 * The event-store tables of a workspace and how each is read: deduplicated as analyses read it, and up to the
 * cutoff by arrival time where rows record it (trait observations do not: they are read as they are a moment
 * later, and at worst hold traits sent after the cutoff).
 */
const EVENT_TABLES = [
  { table: 'events', spec: eventsTable, final: true, arrival: true, split: 'event_id' },
  { table: 'identities', spec: identitiesTable, final: true, arrival: true, split: 'anonymous_id' },
  { table: 'customers', spec: customersTable, final: false, arrival: false, split: 'customer_id' },
  { table: 'quarantine', spec: quarantineTable, final: false, arrival: true, split: 'id' },
] as const

export type BackupProgress = { file: string; rows: number }

/**
 * One archive of a workspace (a plain tar): its metadata rows (workspace, members and their accounts,
 * keys, personas, journeys with every version, and any table that belongs to a workspace), and its events,
 * identities, trait observations and quarantined inputs written by the engine as gzip-compressed JSON lines,
 * with a manifest of every file's rows and SHA-256. Consistent while the server runs: the metadata is read
 * first, then every event-store row that arrived before that moment.
 */
export async function createBackup(rt: { metadata: Pick<MetadataStore, 'db' | 'engine'>; events: EventStore }, workspace: Workspace, out: string, onProgress?: (p: BackupProgress) => void): Promise<BackupManifest> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-backup-'))
  try {
    const cutoff = new Date()
    const files: BackupFile[] = []
    const metadata = await readWorkspaceRows(rt.metadata.db, workspace.id)
    fs.writeFileSync(path.join(dir, METADATA_FILE), JSON.stringify(metadata))
    files.push(await describe(dir, METADATA_FILE, metadata.reduce((n, t) => n + t.rows.length, 0)))
    onProgress?.({ file: METADATA_FILE, rows: files[0]!.rows })
    fs.mkdirSync(path.join(dir, 'events'))
    for (const t of EVENT_TABLES) {
      const params = { ws: workspace.id, cutoff: chTime(cutoff) }
      const where = `workspace_id = {ws:String}${t.arrival ? ' AND received_at <= {cutoff:DateTime64(3)}' : ''}`
      const [row] = await rt.events.query<{ n: string }>(`SELECT count() AS n FROM ${t.spec.name}${t.final ? ' FINAL' : ''} WHERE ${where}`, params)
      const parts = Math.max(1, Math.ceil(Number(row?.n ?? 0) / ROWS_PER_FILE))
      for (let i = 0; i < parts; i++) {
        const name = `events/${t.spec.name}-${String(i).padStart(4, '0')}.jsonl.gz`
        const columns = t.spec.columns.map(([c]) => c).join(', ')
        const rows = await rt.events.exportRows(
          `SELECT ${columns} FROM ${t.spec.name}${t.final ? ' FINAL' : ''} WHERE ${where} AND cityHash64(${t.split}) % {parts:UInt32} = {part:UInt32}`,
          { ...params, parts, part: i },
          path.join(dir, name),
        )
        files.push({ ...(await describe(dir, name, rows)), table: t.table })
        onProgress?.({ file: name, rows })
      }
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      cutoff: cutoff.toISOString(),
      workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
      source: { metadata: rt.metadata.engine, events: rt.events.engine },
      files,
    }
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2))
    await tar.create({ file: out, cwd: dir, portable: true }, [MANIFEST_FILE, ...files.map((f) => f.path)])
    return manifest
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function describe(dir: string, name: string, rows: number): Promise<BackupFile> {
  const file = path.join(dir, name)
  return { path: name, rows, bytes: fs.statSync(file).size, sha256: await sha256Of(file) }
}
