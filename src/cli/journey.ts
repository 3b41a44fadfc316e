import fs from 'node:fs'
import { Command, Option } from 'commander'
import { notFound } from '../domain/errors.ts'
import { EXPORT_FORMATS, exportJourney, formatFromFileName, importJourney, journeyAt, parseJourneyFile, type ExportFormat } from '../services/journeys.ts'
import { requireWorkspace, withRuntime } from './with-runtime.ts'

export function journeyCommand(): Command {
  const journey = new Command('journey').description('Import and export journey maps (JSON or Mermaid)')

  journey
    .command('import')
    .description('Import a journey file (.json in waymark.journey/v1, or .mmd Mermaid `journey`); re-importing updates the journey with the same name')
    .argument('<file>', 'journey file')
    .requiredOption('--workspace <slug>', 'workspace slug or id')
    .action(async (file: string, opts: { workspace: string }) => {
      const doc = parseJourneyFile(readFile(file), formatFromFileName(file))
      await withRuntime(async (rt) => {
        const ws = await requireWorkspace(rt, opts.workspace)
        const { journey: j, outcome } = await importJourney({ repos: rt.repos, workspaceId: ws.id, userId: null }, doc)
        const steps = j.document.stages.reduce((n, s) => n + s.steps.length, 0)
        process.stdout.write(`${outcome[0]!.toUpperCase()}${outcome.slice(1)} journey "${j.name}" (${j.id}, version ${j.version}): ${j.document.stages.length} stages, ${steps} steps.\n`)
      })
    })

  journey
    .command('export')
    .description('Export a journey by name or id')
    .argument('<name>', 'journey name or id')
    .requiredOption('--workspace <slug>', 'workspace slug or id')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('json'))
    .option('--version <n>', 'export as of this version', (v) => Number.parseInt(v, 10))
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (name: string, opts: { workspace: string; format: ExportFormat; version?: number; out?: string }) => {
      await withRuntime(async (rt) => {
        const ws = await requireWorkspace(rt, opts.workspace)
        const found = (await rt.repos.journeys.findByName(ws.id, name)) ?? (await rt.repos.journeys.get(ws.id, name))
        if (!found) throw notFound(`Journey "${name}"`)
        const { document } = await journeyAt({ repos: rt.repos, workspaceId: ws.id }, found.id, opts.version)
        const { body } = exportJourney(document, opts.format)
        if (opts.out) fs.writeFileSync(opts.out, body)
        else process.stdout.write(body)
      })
    })

  return journey
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw notFound(`File ${file} (${(err as NodeJS.ErrnoException).code})`)
  }
}
