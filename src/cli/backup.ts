import fs from 'node:fs'
import { Command } from 'commander'
import { requireWorkspace, withRuntime } from './with-runtime.ts'

const n = (x: number) => x.toLocaleString('en')
const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en', { maximumFractionDigits: 1 })} MB`

/** `waymark backup` and `waymark restore`: one archive per workspace, written and loaded through the stores. */
export function backupCommands(): Command[] {
  const backup = new Command('backup')
    .description('Write one archive of a workspace: its metadata (members, keys, personas, journeys and their versions), events, identities, traits and quarantine, with a manifest of checksums')
    .requiredOption('--workspace <slug>', 'workspace slug or id')
    .requiredOption('--out <file>', 'the archive to write (a tar file)')
    .action(async (opts: { workspace: string; out: string }) => {
      const { createBackup } = await import('../services/backup/create-backup.ts')
      await withRuntime(async (rt) => {
        const started = Date.now()
        const ws = await requireWorkspace(rt, opts.workspace)
        const m = await createBackup(rt, ws, opts.out, (p) => process.stderr.isTTY && process.stderr.write(`\r\u001b[2KWritten ${p.file} (${n(p.rows)} rows)`))
        if (process.stderr.isTTY) process.stderr.write('\r\u001b[2K')
        const rows = (table: string) => m.files.filter((f) => f.table === table).reduce((s, f) => s + f.rows, 0)
        process.stdout.write(
          `Backed up workspace "${ws.slug}" to ${opts.out} (${megabytes(fs.statSync(opts.out).size)}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
            `${n(m.files.find((f) => !f.table)!.rows)} metadata rows, ${n(rows('events'))} events, ${n(rows('identities'))} identity links, ${n(rows('customers'))} trait observations, ${n(rows('quarantine'))} quarantined inputs; everything that had arrived by ${m.cutoff}.\n`,
        )
      })
    })

  const restore = new Command('restore')
    .description('Load a backup: into an instance without that workspace (a move: every id kept, keys included), or with --workspace as a new copy beside it (new ids, no keys)')
    .argument('<file>', 'an archive written by `waymark backup`')
    .option('--workspace <slug>', 'restore as a new workspace with this slug')
    .action(async (file: string, opts: { workspace?: string }) => {
      const { restoreBackup } = await import('../services/backup/restore-backup.ts')
      await withRuntime(async (rt) => {
        const started = Date.now()
        const r = await restoreBackup(rt, file, { slug: opts.workspace })
        const metadata = Object.values(r.metadata).reduce((s, x) => s + x, 0)
        process.stdout.write(
          `Restored workspace "${r.workspace.slug}" (${r.copied ? 'a copy with new ids; API keys stay with the original' : 'every id kept'}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
            `${n(metadata)} metadata rows, ${n(r.events.events ?? 0)} events, ${n(r.events.identities ?? 0)} identity links, ${n(r.events.customers ?? 0)} trait observations, ${n(r.events.quarantine ?? 0)} quarantined inputs.\n`,
        )
      })
    })
  return [backup, restore]
}
