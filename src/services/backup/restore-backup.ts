import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as tar from 'tar'
import { AppError } from '../../domain/errors.ts'
import { newId } from '../../domain/ids.ts'
import { isSlug } from '../../domain/slug.ts'
import type { Runtime } from '../../runtime.ts'
import type { TableRows } from '../../storage/events/rows.ts'
import { ownedPrimaryKeys, writeWorkspaceRows, type TableRowsDump } from '../../storage/metadata/workspace-rows.ts'
import { MANIFEST_FILE, METADATA_FILE, manifestSchema, sha256Of, type BackupManifest } from './backup-manifest.ts'

export type RestoreResult = { workspace: { id: string; slug: string }; copied: boolean; metadata: Record<string, number>; events: Record<string, number>; skipped: string[] }

const EVENT_TABLES: Array<keyof TableRows> = ['events', 'identities', 'customers', 'quarantine']

/**
 * Loads an archive written by createBackup: into an instance that has no workspace of its id (a move: every id
 * is kept, API keys included), or, with `slug`, as a new workspace beside the original (a copy: every row gets
 * a new id, and API keys and invitations stay with the original, since a secret belongs to one workspace). Members are matched by
 * email to existing accounts, or created with their password hash. Every file is checked against the manifest
 * before anything is written; event rows go in first and are removed again if anything fails after them, and
 * the metadata is one transaction — so a failed restore leaves nothing behind.
 */
export async function restoreBackup(rt: Pick<Runtime, 'metadata' | 'events' | 'repos'>, archive: string, opts: { slug?: string } = {}): Promise<RestoreResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-restore-'))
  try {
    const manifest = await openArchive(archive, dir)
    const slug = opts.slug ?? manifest.workspace.slug
    if (!isSlug(slug)) throw new AppError('validation_failed', `"${slug}" is not a workspace slug (lowercase letters, digits and dashes)`)
    if (await rt.repos.workspaces.find(slug)) throw new AppError('conflict', `A workspace "${slug}" exists already: restore as another one with --workspace NEW-SLUG`)
    const copied = (await rt.repos.workspaces.find(manifest.workspace.id)) !== undefined
    const targetId = copied ? newId('workspace') : manifest.workspace.id
    const [held] = await rt.events.query<{ n: string }>('SELECT count() AS n FROM events WHERE workspace_id = {ws:String}', { ws: targetId })
    if (Number(held?.n) > 0) throw new AppError('conflict', `The event store already holds events of workspace ${targetId}; restore as a copy with --workspace NEW-SLUG`)

    const events: Record<string, number> = {}
    try {
      for (const f of manifest.files) {
        if (!f.table) continue
        const rows = await rt.events.importRows(f.table, path.join(dir, f.path), copied ? { workspace_id: targetId } : {})
        if (rows !== f.rows) throw new AppError('bad_request', `The archive's ${f.path} holds ${rows} rows, its manifest says ${f.rows}`)
        events[f.table] = (events[f.table] ?? 0) + rows
      }
      const dumps = JSON.parse(fs.readFileSync(path.join(dir, METADATA_FILE), 'utf8')) as TableRowsDump[]
      const remap = new Map<string, string>(copied ? freshIds(dumps) : [])
      remap.set(manifest.workspace.id, targetId)
      // Secrets belong to one workspace: a copy gets neither the keys nor the open invitations.
      const skipped = copied ? ['api_keys', 'invitations'] : []
      const metadata = await writeWorkspaceRows(rt.metadata.db, dumps, {
        remap,
        skip: skipped,
        override: (table, row) => (table === 'workspaces' ? { ...row, slug } : row),
        newUserId: () => newId('user'),
      })
      return { workspace: { id: targetId, slug }, copied, metadata, events, skipped }
    } catch (err) {
      for (const table of EVENT_TABLES) await rt.events.deleteWhere(table, 'workspace_id = {ws:String}', { ws: targetId }).catch(() => undefined)
      throw err
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Unpacks the archive and checks every file its manifest lists: present, of its size and SHA-256. */
async function openArchive(archive: string, dir: string): Promise<BackupManifest> {
  if (!fs.existsSync(archive)) throw new AppError('not_found', `No backup at ${archive}`)
  try {
    await tar.extract({ file: archive, cwd: dir, strict: true, filter: (p) => p === MANIFEST_FILE || p === METADATA_FILE || /^events\/[a-z]+-\d{4}\.jsonl\.gz$/.test(p) || p === 'events/' })
  } catch (err) {
    throw new AppError('bad_request', `${archive} cannot be read as a Waymark backup: it is damaged or not one (${(err as Error).message})`)
  }
  let manifest: BackupManifest
  try {
    manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')))
  } catch (err) {
    throw new AppError('bad_request', `${archive} has no valid manifest (${(err as Error).message.split('\n')[0]})`)
  }
  for (const f of manifest.files) {
    const file = path.join(dir, f.path)
    if (!fs.existsSync(file)) throw new AppError('bad_request', `The backup is damaged: ${f.path} is missing`)
    if (fs.statSync(file).size !== f.bytes || (await sha256Of(file)) !== f.sha256) throw new AppError('bad_request', `The backup is damaged: ${f.path} does not match its checksum`)
  }
  return manifest
}

/** A new id for every row id of the archive's workspace tables (same prefix), so a copy shares none with the original. */
function freshIds(dumps: TableRowsDump[]): Array<[string, string]> {
  const keys = ownedPrimaryKeys()
  return dumps.flatMap((d) => {
    const key = keys[d.table]
    if (!key || d.table === 'users') return []
    return d.rows.map((r) => [String(r[key]), `${String(r[key]).split('_')[0]}_${newId('workspace').slice(3)}`] as [string, string])
  })
}
