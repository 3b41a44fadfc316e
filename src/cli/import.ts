import { Command, Option } from 'commander'
import type { ColumnMapping, ImportFormat } from '../ingest/files/import-record.ts'
import { importEvents } from '../ingest/import-events.ts'
import { printJson } from './output.ts'
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
}

const MAPPING_FLAGS: Array<[keyof ColumnMapping, string, string]> = [
  ['case', '--case <column>', 'customer / case id (default: case_id, customer_id, user_id, case:concept:name)'],
  ['activity', '--activity <column>', 'event name (default: activity, event, concept:name)'],
  ['timestamp', '--timestamp <column>', 'event time, ISO 8601, no offset = UTC (default: timestamp, time:timestamp)'],
  ['channel', '--channel <column>', 'channel (default: channel, case:channel)'],
  ['score', '--score <column>', 'feedback score (default: score)'],
  ['scoreKind', '--score-kind <column>', 'feedback kind nps|csat|ces|rating (default: score_kind)'],
  ['touchpoint', '--touchpoint <column>', 'touchpoint key of feedback (default: touchpoint)'],
  ['comment', '--comment <column>', 'feedback comment (default: comment)'],
  ['revenue', '--revenue <column>', 'revenue of the event (default: revenue)'],
]

export function importCommand(): Command {
  const cmd = new Command('import').description('Import data files')
  const events = cmd
    .command('events')
    .description('Import events and feedback from CSV, JSONL or XES (optionally .gz), streaming; every other column becomes an event property')
    .argument('<file>', 'file to import')
    .requiredOption('--workspace <slug>', 'workspace slug or id')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'jsonl', 'xes']))
    .option('--json', 'print the summary as JSON')
  for (const [, flag, help] of MAPPING_FLAGS) events.option(flag, help)

  events.action(async (file: string, opts: ImportFlags) => {
    const mapping = Object.fromEntries(MAPPING_FLAGS.filter(([k]) => opts[k]).map(([k]) => [k, opts[k]])) as ColumnMapping
    await withRuntime(async (rt) => {
      const ws = await requireWorkspace(rt, opts.workspace)
      const bar = progressBar(`Importing ${file}`)
      const summary = await importEvents(rt.events, ws.id, file, { format: opts.format, mapping, onProgress: (read, total, n) => bar.update(read, total, n) }).finally(() => bar.done())
      if (opts.json) return printJson(summary)
      const lines = [
        `Imported ${summary.imported.toLocaleString('en')} events of ${summary.customers.toLocaleString('en')} customers into "${ws.slug}" in ${summary.seconds.toFixed(1)} s` +
          ` (${Math.round(summary.imported / Math.max(summary.seconds, 0.001)).toLocaleString('en')} events/s).`,
        `  already stored (skipped): ${summary.skipped.toLocaleString('en')}`,
        `  quarantined:              ${summary.quarantined.toLocaleString('en')}`,
        `  customers with traits:    ${summary.customersWithTraits.toLocaleString('en')} (columns constant per customer)`,
        ...(summary.firstErrors.length ? ['First problems:', ...summary.firstErrors.map((e) => `  line ${e.line}: ${e.reason}`)] : []),
      ]
      process.stdout.write(`${lines.join('\n')}\n`)
    })
  })
  return cmd
}
