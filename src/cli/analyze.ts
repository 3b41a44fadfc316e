import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Command, Option } from 'commander'
import type { Analysis } from '../analytics/analyze-journey.ts'
import type { JourneyDocument } from '../domain/journey/journey.ts'
import { IMPORT_FORMATS, type ColumnMapping, type ImportFormat } from '../ingest/files/import-record.ts'
import { AppError } from '../domain/errors.ts'
import { MAPPING_FLAGS, mappingFrom } from './mapping-flags.ts'

type AnalyzeFlags = { events: string; journey?: string; format: 'json' | 'text'; out?: string; eventFormat?: ImportFormat } & Partial<Record<keyof ColumnMapping, string>>

export function analyzeCommand(): Command {
  const cmd = new Command('analyze')
    .description('Analyse an event file headlessly (a temporary embedded engine, nothing stored): against a journey map, or by raw event names (process mining)')
    .requiredOption('--events <file>', 'events: CSV, JSONL or XES (optionally .gz)')
    .option('--journey <file>', 'journey map: .json (waymark.journey/v1) or .mmd (Mermaid); without it, event names are the steps')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'))
    .option('--out <file>', 'write the result to a file instead of standard output')
    .addOption(new Option('--event-format <format>', 'format of the events file (default: from its extension)').choices(IMPORT_FORMATS))
  for (const [, flag, help] of MAPPING_FLAGS) cmd.option(flag, help)

  cmd.action(async (opts: AnalyzeFlags) => {
    // Loaded here, not at start: `waymark --help` and the other commands need not pay for the engine and the analyses.
    const [{ analyzeJourney }, { removeDataDirectory }, { importEvents }, { IngestWriter }, { openEventStore }, { createTemporaryTables }] = await Promise.all([
      import('../analytics/analyze-journey.ts'),
      import('../storage/data-dir.ts'),
      import('../ingest/import-events.ts'),
      import('../ingest/ingest-writer.ts'),
      import('../storage/events/event-store.ts'),
      import('../storage/events/temporary-tables.ts'),
    ])
    const journey = opts.journey ? await readJourney(opts.journey) : undefined
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-analyze-'))
    const store = await openEventStore({ dataDir: dir, url: undefined, user: 'default', password: '', database: 'waymark', cluster: undefined })
    // Stored as every import is: through a writer, so a file that repeats an event id counts it once.
    const ingest = new IngestWriter(store)
    try {
      await createTemporaryTables(store)
      const summary = await importEvents({ events: store, ingest }, 'analyze', opts.events, { format: opts.eventFormat, mapping: mappingFrom(opts) })
      if (summary.imported === 0) throw new AppError('bad_request', `No events could be read from ${opts.events}${summary.firstErrors[0] ? ` (line ${summary.firstErrors[0].line}: ${summary.firstErrors[0].reason})` : ''}`)
      const { report: _report, ...analysis } = await analyzeJourney(store, 'analyze', journey)
      const out = opts.format === 'json' ? `${JSON.stringify(analysis, null, 2)}\n` : textReport(analysis, journey, summary.quarantined)
      if (opts.out) fs.writeFileSync(opts.out, out)
      else process.stdout.write(out)
    } finally {
      await ingest.drain() // nothing of a failed import is still being inserted when the engine closes
      await store.close()
      removeDataDirectory(dir)
    }
  })
  return cmd
}

async function readJourney(file: string): Promise<JourneyDocument> {
  const { formatFromFileName, parseJourneyFile } = await import('../services/journeys.ts')
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw new AppError('not_found', `Cannot read ${file} (${(err as NodeJS.ErrnoException).code})`)
  }
  return parseJourneyFile(text, formatFromFileName(file))
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const n = (x: number) => x.toLocaleString('en')

/** A readable report for a terminal. */
export function textReport(a: Analysis, journey: JourneyDocument | undefined, quarantined: number): string {
  const lines: string[] = []
  const h = (title: string) => lines.push('', title, '─'.repeat(title.length))
  lines.push(`${journey ? `Journey "${journey.name}"` : 'Process-mining mode (steps = event names)'}`)
  lines.push(`${n(a.summary.events)} events, ${n(a.summary.customers)} customers, ${a.summary.from ?? '—'} … ${a.summary.to ?? '—'}${quarantined ? ` (${n(quarantined)} lines quarantined)` : ''}`)

  h('Red points (ranked by value at risk)')
  if (!a.redPoints.length) lines.push('  none')
  for (const r of a.redPoints) {
    const who = r.segment ? `, ${r.segment.trait} ${r.segment.trait === 'value tier' ? r.segment.value : `= ${r.segment.value}`} only` : ''
    lines.push(`  ${r.step} (${r.stage}${who}): ${n(r.customersAffected)} customers, value at risk ${n(Math.round(r.valueAtRisk))}`)
    for (const reason of r.reasons) {
      const fmt = (v: number) => (reason.metric.endsWith('Rate') ? pct(v) : v.toFixed(2))
      lines.push(`      ${reason.metric} ${fmt(reason.value)} vs ${fmt(reason.baseline)} (p ${reason.p < 1e-12 ? "< 1e-12" : `= ${reason.p.toExponential(1)}`})`)
    }
  }

  h('Touchpoints')
  lines.push(`  ${'step'.padEnd(28)} ${'customers'.padStart(10)} ${'reach'.padStart(7)} ${'repeat'.padStart(7)} ${'contact'.padStart(8)} ${'exit'.padStart(7)} ${'h→next'.padStart(8)}  feedback`)
  for (const t of a.touchpoints) {
    const fb = t.feedback ? `${t.feedback.kind} ${t.feedback.kind === 'nps' && t.feedback.nps !== null ? `NPS ${t.feedback.nps.toFixed(0)}` : `mean ${t.feedback.mean.toFixed(2)}`} (n=${n(t.feedback.n)})` : ''
    lines.push(
      `  ${t.step.slice(0, 28).padEnd(28)} ${n(t.customers).padStart(10)} ${pct(t.reach).padStart(7)} ${pct(t.repeatRate).padStart(7)} ${pct(t.contactRepeatRate).padStart(8)} ${pct(t.exitRate).padStart(7)} ${(t.medianHoursToNext === null ? '—' : t.medianHoursToNext.toFixed(1)).padStart(8)}  ${fb}`,
    )
  }

  h('Blind spots')
  lines.push(`  dark touchpoints: ${a.blindSpots.darkTouchpoints.map((d) => d.step).join(', ') || 'none'}`)
  lines.push(`  unmapped events:  ${a.blindSpots.unmappedEvents.slice(0, 8).map((u) => `${u.event} on ${u.channel} (${n(u.count)})`).join(', ') || 'none'}`)

  h('Drivers of bad outcomes')
  if (!a.drivers.length) lines.push('  none found')
  for (const d of a.drivers.slice(0, 10)) lines.push(`  ${d.outcome} ← ${d.factor}: ×${d.lift.toFixed(1)} [${d.ci[0].toFixed(1)}–${d.ci[1].toFixed(1)}], ${n(d.support)} customers, p ${d.p < 1e-12 ? '< 1e-12' : `= ${d.p.toExponential(1)}`}`)

  h('Flow')
  lines.push(`  conformance (stage order kept): ${pct(a.conformance.fitness)}`)
  for (const d of a.conformance.deviations.slice(0, 5)) lines.push(`    ${d.kind}: ${d.detail} (${n(d.customers)})`)
  lines.push(`  top variants of ${n(a.variants.length)}:`)
  for (const v of a.variants.slice(0, 5)) lines.push(`    ${n(v.customers).padStart(8)}  ${v.path.join(' → ')}`)
  lines.push(`  most frequent transitions:`)
  for (const [from, to, c] of a.flow.dfg.slice(0, 8)) lines.push(`    ${n(c).padStart(8)}  ${from} → ${to}`)
  return `${lines.join('\n')}\n`
}
