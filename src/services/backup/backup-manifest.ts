import crypto from 'node:crypto'
import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { z } from 'zod'

export const BACKUP_FORMAT = 'waymark.backup/v1'
/** The archive's own files. */
export const MANIFEST_FILE = 'manifest.json'
export const METADATA_FILE = 'metadata.json'

const fileEntry = z.object({
  path: z.string().regex(/^(metadata\.json|events\/[a-z]+-\d{4}\.jsonl\.gz)$/, 'a file of the archive'),
  /** The event-store table its rows go to (none for the metadata). */
  table: z.enum(['events', 'identities', 'customers', 'quarantine']).optional(),
  rows: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

/** What an archive holds and how to check it: every file with its rows, size and SHA-256. */
export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  /** Rows that arrived after this moment are not in the archive (events, identities, quarantine by arrival time). */
  cutoff: z.string(),
  workspace: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  source: z.object({ metadata: z.string(), events: z.string() }),
  files: z.array(fileEntry),
})
export type BackupManifest = z.infer<typeof manifestSchema>
export type BackupFile = z.infer<typeof fileEntry>

export async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  await pipeline(fs.createReadStream(file), hash)
  return hash.digest('hex')
}
