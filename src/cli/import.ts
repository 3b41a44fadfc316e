import { Command, Option } from 'commander'
import { IMPORT_FORMATS, type ImportFormat } from '../ingest/files/import-record.ts'
import { printJson } from './output.ts'
import { MAPPING_FLAGS, mappingFrom } from './mapping-flags.ts'
import { progressBar } from './progress.ts'
import { requireWorkspace, withRuntime } from './with-runtime.ts'

type ImportFlags = {
  workspace: string
  format?: ImportFormat
  json?: boolean
  case?: string
  activity?: string
  timestamp?: string
  channel?: string
  score?: string
  scoreKind?: string
  touchpoint?: string
  comment?: string
  revenue?: string
  id?: string
}

export function importCommand(): Command {
  const cmd = new Command('import').description('Import data files')
  const events = cmd
    .command('events')
    .description('Import events and feedback from CSV, TSV, JSONL or XES (optionally .gz); every other column becomes an event property')
    .argument('<file>', 'file to import')
    .requiredOption('--workspace <slug>', 'workspace slug or id')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(IMPORT_FORMATS))
    .option('--json', 'print the summary as JSON')
  for (const [, flag, help] of MAPPING_FLAGS) events.option(flag, help)

  events.action(async (file: string, opts: ImportFlags) => {
    const mapping = mappingFrom(opts)
    const { importEvents } = await import('../ingest/import-events.ts')
    await withRuntime(async (rt) => {
      const ws = await requireWorkspace(rt, opts.workspace)
      const bar = progressBar(`Importing ${file}`)
      const inPlan = await rt.repos.trackingPlans.strictCheck(ws.id)
      const summary = await importEvents({ events: rt.events, ingest: rt.ingest }, ws.id, file, { format: opts.format, mapping, inPlan, onProgress: (read, total, n) => bar.update(read, total, n) }).finally(() =>
        bar.done(),
      )
      if (opts.json) return printJson(summary)
      const lines = [
        `Imported ${summary.imported.toLocaleString('en')} events of ${summary.customers.toLocaleString('en')} customers into "${ws.slug}" in ${summary.seconds.toFixed(1)} s` +
          ` (${Math.round(summary.imported / Math.max(summary.seconds, 0.001)).toLocaleString('en')} events/s).`,
        `  already stored (skipped): ${summary.skipped.toLocaleString('en')}`,
        `  quarantined:              ${summary.quarantined.toLocaleString('en')}`,
        ...(inPlan ? [`  off the tracking plan:    ${summary.offPlan.toLocaleString('en')} (stored, flagged)`] : []),
        `  customers with traits:    ${summary.customersWithTraits.toLocaleString('en')} (columns constant per customer)`,
        ...(summary.firstErrors.length ? ['First problems:', ...summary.firstErrors.map((e) => `  line ${e.line}: ${e.reason}`)] : []),
      ]
      process.stdout.write(`${lines.join('\n')}\n`)
    })
  })
  return cmd
}
