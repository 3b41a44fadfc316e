import { loadConfig } from '../config.ts'
import { packagePath } from '../package-root.ts'
import { openRuntime } from '../runtime.ts'
import { createApp } from '../server/app.ts'
import { bootstrapFirstRun } from '../services/bootstrap.ts'
import { createDemo } from '../services/demo.ts'
import { startScheduler } from '../services/scheduler.ts'

const WEB_ROOT = packagePath('web/dist')

export async function serve(opts: { port?: number; host?: string }) {
  const config = loadConfig()
  const started = Date.now()
  const rt = await openRuntime(config)
  const first = await bootstrapFirstRun(rt.repos)
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
  process.stdout.write(`${lines.join('\n')}\n`)
  if (first) {
    // The server already answers; the demo data arrives in the background.
    process.stdout.write('Generating the demo data in the background…\n')
    createDemo(rt, { workspace: first.workspace }).then(
      (r) => process.stdout.write(`Demo data ready: ${r.customers.toLocaleString('en')} customers, ${r.events.toLocaleString('en')} events in ${r.seconds.toFixed(1)} s.\n`),
      (err: Error) => app.log.error({ err }, 'demo data generation failed'),
    )
  }

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
}
