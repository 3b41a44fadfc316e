#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { Command, InvalidArgumentError, Option } from 'commander'
import { KEY_KINDS, ROLES, type KeyKind, type Role } from '../domain/access.ts'
import { analyzeCommand } from './analyze.ts'
import { backupCommands } from './backup.ts'
import { importCommand } from './import.ts'
import { journeyCommand } from './journey.ts'
import { fail, printJson } from './output.ts'
import { requireWorkspace, withRuntime } from './with-runtime.ts'

// Every command loads what it needs inside its action (`await import`), so that `--help` and each command pay
// only for their own modules at start: the stores' engines and the server are most of the start-up time.
const program = new Command()
  .name('waymark')
  .description('Waymark: journey maps that measure themselves.\nConfigured by environment variables (DATA_DIR, DATABASE_URL, CLICKHOUSE_URL, …); see the README.')
  .version('0.1.0')
  .showHelpAfterError()

const port = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number')
  return n
}

program
  .command('serve')
  .description('Run the HTTP server and web UI (migrates the stores; creates a demo owner on first run)')
  .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)', port)
  .option('--host <host>', 'interface to bind (default: $HOST or 0.0.0.0)')
  .action(async (opts: { port?: number; host?: string }) => (await import('./serve.ts')).serve(opts))

program
  .command('migrate')
  .description('Apply pending migrations to the metadata and event stores, then exit')
  .action(() =>
    withRuntime(async (rt) => {
      process.stdout.write(`Metadata (${rt.metadata.engine}) and events (${rt.events.engine}) are up to date.\n`)
    }),
  )

const user = program.command('user').description('Manage users')
user
  .command('create')
  .description('Create a user with a role in a workspace (the workspace is created if it does not exist)')
  .requiredOption('--email <email>', 'sign-in email')
  .option('--password <password>', 'password (at least 8 characters); prefer --password-stdin')
  .option('--password-stdin', 'read the password from standard input')
  .requiredOption('--workspace <slug>', 'workspace slug or id')
  .option('--name <name>', 'display name')
  .addOption(new Option('--role <role>', 'role in the workspace (default: owner of a new workspace, else editor)').choices(ROLES))
  .action(async (opts: { email: string; password?: string; passwordStdin?: boolean; workspace: string; name?: string; role?: Role }) => {
    const password = opts.passwordStdin ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : opts.password
    if (!password) throw new InvalidArgumentError('give --password or --password-stdin')
    await withRuntime(async (rt) => {
      const { createUserInWorkspace } = await import('../services/accounts.ts')
      const r = await createUserInWorkspace(rt.repos, { ...opts, password })
      process.stdout.write(
        `Created user ${r.user.email} (${r.user.id}) as ${r.role} of ${r.workspaceCreated ? 'new ' : ''}workspace "${r.workspace.slug}".\n`,
      )
    })
  })

const key = program.command('key').description('Manage API keys')
key
  .command('create')
  .description('Create a write key (ingestion into one workspace, safe in web pages), a read key (viewer access for scripts and BI tools) or an import key (events and files, server-side)')
  .requiredOption('--workspace <slug>', 'workspace slug or id')
  .addOption(new Option('--kind <kind>', 'key kind').choices(KEY_KINDS).makeOptionMandatory())
  .option('--name <name>', 'label shown in key lists', 'cli')
  .action(async (opts: { workspace: string; kind: KeyKind; name: string }) => {
    await withRuntime(async (rt) => {
      const ws = await requireWorkspace(rt, opts.workspace)
      const { key, secret } = await rt.repos.apiKeys.create({ workspaceId: ws.id, kind: opts.kind, name: opts.name })
      process.stderr.write(`Created ${key.kind} key ${key.id} for workspace "${ws.slug}". Store it now; it is not shown again:\n`)
      process.stdout.write(`${secret}\n`)
    })
  })

program
  .command('stats')
  .description('Print stored events, customers and quarantined inputs of a workspace')
  .requiredOption('--workspace <slug>', 'workspace slug or id')
  .option('--json', 'print JSON')
  .action(async (opts: { workspace: string; json?: boolean }) => {
    await withRuntime(async (rt) => {
      const ws = await requireWorkspace(rt, opts.workspace)
      const { getWorkspaceStats } = await import('../analytics/get-workspace-stats.ts')
      const stats = await getWorkspaceStats(rt.events, ws.id)
      if (opts.json) return printJson({ workspace: ws.slug, ...stats })
      process.stdout.write(
        [
          `workspace    ${ws.slug} (${ws.name})`,
          `events       ${stats.events.toLocaleString('en')}`,
          `customers    ${stats.customers.toLocaleString('en')}`,
          `quarantined  ${stats.quarantined.toLocaleString('en')}`,
          `off plan     ${stats.offPlan.toLocaleString('en')}`,
          `period       ${stats.firstEventAt ? `${stats.firstEventAt} … ${stats.lastEventAt}` : '(no events yet)'}`,
        ].join('\n') + '\n',
      )
    })
  })

program
  .command('demo')
  .description('Create the demo workspace: a broadband journey map and its customers\' events and feedback (seeded, reproducible)')
  .option('--workspace <slug>', 'workspace to fill', 'demo')
  .option('--customers <n>', 'number of customers', (v) => Number.parseInt(v, 10), 20_000)
  .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 42)
  .action(async (opts: { workspace: string; customers: number; seed: number }) => {
    const { createDemo } = await import('../services/demo.ts')
    await withRuntime(async (rt) => {
      const r = await createDemo(rt, {
        ...opts,
        onProgress: (p) => process.stderr.isTTY && process.stderr.write(`\rGenerating: ${p.customers.toLocaleString('en')} customers, ${p.events.toLocaleString('en')} events`),
      })
      if (process.stderr.isTTY) process.stderr.write('\r\u001b[2K')
      process.stdout.write(
        `Demo workspace "${r.workspace}": journey "${r.journey}", ${r.customers.toLocaleString('en')} customers, ${r.events.toLocaleString('en')} events in ${r.seconds.toFixed(1)} s.\n`,
      )
    })
  })

program
  .command('check')
  .description('Run the scheduled work once, for cron: evaluate alert rules on complete windows (and send their notifications), open follow-up cases, escalate overdue ones')
  .requiredOption('--workspace <slug>', 'workspace slug or id')
  .option('--json', 'print JSON')
  .action(async (opts: { workspace: string; json?: boolean }) => {
    await withRuntime(async (rt) => {
      const ws = await requireWorkspace(rt, opts.workspace)
      const { runChecks } = await import('../services/checks.ts')
      const summary = await runChecks(rt, ws.id)
      if (opts.json) return printJson({ ...summary, workspace: ws.slug })
      const lines = summary.alerts.map((a) => `alert  ${a.name}  ${a.windowEnd}  ${a.state}${a.value === null ? '' : `  value ${a.value}`}${a.notification ? `  notified ${a.notification}` : ''}`)
      process.stdout.write(`${[`workspace ${ws.slug}: ${summary.alerts.length} alert evaluations, ${summary.casesOpened} cases opened, ${summary.casesEscalated} escalated`, ...lines].join('\n')}\n`)
    })
  })

const customer = program.command('customer').description('Customers')
customer
  .command('erase')
  .description("Erase one customer (right to erasure): their events, identity links, traits and quarantined inputs under every id they have, physically; logged as actor cli")
  .requiredOption('--workspace <slug>', 'workspace slug or id')
  .requiredOption('--id <id>', 'any id of the customer (user id or a linked anonymous id)')
  .option('--json', 'print the report as JSON')
  .action(async (opts: { workspace: string; id: string; json?: boolean }) => {
    await withRuntime(async (rt) => {
      const ws = await requireWorkspace(rt, opts.workspace)
      const { eraseCustomerLogged } = await import('../services/erasure.ts')
      const r = await eraseCustomerLogged(rt, ws.id, opts.id, { actor: 'cli', userId: null })
      if (opts.json) return printJson({ workspace: ws.slug, ...r })
      process.stdout.write(
        `Erased customer ${r.customerId} (ids ${r.ids.join(', ')}) from "${ws.slug}": ${r.events} events, ${r.identities} identity links, ${r.profiles} trait rows, ${r.quarantined} quarantined inputs.\n`,
      )
    })
  })

program.addCommand(journeyCommand())
program.addCommand(importCommand())
program.addCommand(analyzeCommand())
for (const c of backupCommands()) program.addCommand(c)

program.parseAsync(process.argv).catch(fail)
