import { loadConfig } from '../config.ts'
import { packagePath } from '../package-root.ts'
import { openRuntime } from '../runtime.ts'
import { createApp } from '../server/app.ts'
import { bootstrapFirstRun, DEMO_WORKSPACE } from '../services/bootstrap.ts'
import { DEMO_SEED, demoFillMarker, demoWanted, runDemoFill } from '../services/demo-fill.ts'
import { startScheduler } from '../services/scheduler.ts'

const WEB_ROOT = packagePath('web/dist')

export async function serve(opts: { port?: number; host?: string }) {
  const config = loadConfig()
  const started = Date.now()
  const rt = await openRuntime(config, { longLived: true })
  const marker = demoFillMarker(config.dataDir)
  const first = demoWanted(config)
    ? await bootstrapFirstRun(rt.repos, { beforeCreate: () => marker.begin({ workspace: DEMO_WORKSPACE, customers: config.demo.customers, seed: DEMO_SEED }) })
    : undefined
  const noUsers = !first && !(await rt.repos.users.hasAny())
  const app = await createApp({ ...rt, webRoot: WEB_ROOT })
  const port = opts.port ?? config.port
  const host = opts.host ?? config.host
  try {
    await app.listen({ port, host })
  } catch (err) {
    await rt.close()
    throw err
  }
  const url = `http://localhost:${port}`
  // Alert evaluation, follow-up triggers and case escalation run inside the server, stopped with it.
  const scheduler = startScheduler({ ...rt, baseUrl: url }, { log: app.log })
  // Before anything is printed, so that a stop as soon as the server says it runs is a clean one.
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info(`${signal}: shutting down`)
    await scheduler.stop().catch(() => {})
    await app.close().catch(() => {})
    await rt.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  const lines = [
    `Waymark is running on ${url} (metadata: ${rt.metadata.engine}, events: ${rt.events.engine}, data: ${config.dataDir}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  ]
  if (first) {
    lines.push(
      '',
      'First run: created the demo workspace and its owner. These credentials are shown only once:',
      `  email:     ${first.email}`,
      `  password:  ${first.password}`,
      `  workspace: ${first.workspace}`,
      '',
    )
  }
  if (noUsers) {
    lines.push('', 'No users yet. Create the first owner (and their workspace):', '  waymark user create --email you@example.com --password-stdin --workspace SLUG', '')
  }
  process.stdout.write(`${lines.join('\n')}\n`)
  const fill = marker.pending()
  if (fill) {
    // The server already answers; the demo data arrives in the background (and a start interrupted meanwhile finishes it).
    process.stdout.write(first ? 'Generating the demo data in the background…\n' : 'Finishing the demo data an earlier start left incomplete…\n')
    runDemoFill(rt, config.dataDir, fill).then(
      (r) => process.stdout.write(`Demo data ready: ${r.customers.toLocaleString('en')} customers, ${r.events.toLocaleString('en')} events in ${r.seconds.toFixed(1)} s.\n`),
      (err: Error) => app.log.error({ err }, 'demo data generation failed'),
    )
  }

}
