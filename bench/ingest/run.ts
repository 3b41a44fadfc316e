/**
 * Ingestion benchmark: loopback HTTP, `/v1/batch` with 100-event batches from
 * concurrent clients against `waymark serve` on embedded chDB, acknowledged
 * after store (group commit). Compared with a raw insert of the same events
 * into the engine, measured in the same run.
 *
 *   npm run bench:ingest -- [--events 600000] [--concurrency 256] [--batch 100]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Agent, request } from 'undici'
import { loadConfig } from '../../src/config.ts'
import { ingestMessages } from '../../src/ingest/segment/ingest-messages.ts'
import { openRuntime } from '../../src/runtime.ts'
import { removeDataDirectory } from '../../src/storage/data-dir.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { flag, fmt, npmStartNodeFlags, percentile, waitForHealth } from '../bench-utils.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const EVENTS = flag('events', 600_000)
// A collector serves many SDKs at once, and group commit gains with concurrency: the default is 256 clients.
const CONCURRENCY = flag('concurrency', 256)
const BATCH = flag('batch', 100)
const PORT = 3900 + Math.floor(Math.random() * 90)

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-ingest-'))
const channels = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social']
const names = ['page_viewed', 'plan_compared', 'order_started', 'call_started', 'email_opened', 'chat_started']

function message(i: number) {
  return {
    type: 'track',
    messageId: `bench-${i}`,
    userId: `customer-${i % 50_000}`,
    event: names[i % names.length],
    timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    properties: { path: `/p/${i % 40}`, plan: i % 3 ? 'fibre' : 'copper', revenue: i % 10 === 0 ? 30 : undefined },
    context: { channel: channels[i % channels.length], library: { name: 'bench' } },
  }
}

async function setUp(): Promise<string> {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
  const { workspace } = await createUserInWorkspace(rt.repos, { email: 'bench@example.com', password: 'password-1', workspace: 'bench' })
  const { secret } = await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'write', name: 'bench' })
  await rt.close()
  return secret
}

function machineIdleSeconds() {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/)
  return (Number(cpu[4]) + Number(cpu[5])) / 100
}

async function httpPhase(writeKey: string) {
  // The Node flags `npm start` gives the server (package.json), so that the bench measures what users run;
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = [...npmStartNodeFlags(ROOT), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)]
  const server = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin/waymark.js'), 'serve', '--port', String(PORT), '--host', '127.0.0.1'], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', CLICKHOUSE_URL: '' },
    // The server's own output (warnings) shows in the bench's; an unread pipe could fill and stall it.
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${PORT}`
  await waitForHealth(url)
  const serverCpuSeconds = () => {
    const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, in clock ticks of 1/100 s
  }
  const cpuBefore = serverCpuSeconds()
  const serverRss = () => Number(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) * 1024

  const bodies: string[] = []
  for (let i = 0; i < EVENTS; i += BATCH) {
    bodies.push(JSON.stringify({ batch: Array.from({ length: Math.min(BATCH, EVENTS - i) }, (_, j) => message(i + j)), sentAt: new Date().toISOString() }))
  }
  const dispatcher = new Agent({ connections: CONCURRENCY, pipelining: 1 })
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
  const latencies: number[] = []
  let next = 0
  let failures = 0
  const started = performance.now()
  const clientCpu0 = process.cpuUsage()
  const idle0 = machineIdleSeconds()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!
        const t0 = performance.now()
        const res = await request(`${url}/v1/batch`, { method: 'POST', body, headers: { authorization: auth, 'content-type': 'application/json' }, dispatcher })
        await res.body.text()
        if (res.statusCode !== 200) failures++
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const clientCpu = process.cpuUsage(clientCpu0)
  const idle = machineIdleSeconds() - idle0
  const rss = serverRss()
  const cpu = serverCpuSeconds()
  server.kill('SIGTERM')
  await new Promise((r) => server.once('close', r))
  await dispatcher.close()
  latencies.sort((a, b) => a - b)
  return {
    seconds,
    rate: EVENTS / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
    rss,
    cpu: cpu - cpuBefore,
    clientCpu: (clientCpu.user + clientCpu.system) / 1e6,
    idleShare: idle / (seconds * os.cpus().length),
  }
}

/** The engine's own limit: the same events, already as rows, inserted directly in large batches. */
async function rawPhase() {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
  const ws = (await rt.repos.workspaces.find('bench'))!
  const messages = Array.from({ length: EVENTS }, (_, i) => ({ ...message(i), messageId: `raw-${i}` }))
  const rows = ingestMessages(messages, { workspaceId: `${ws.id}-raw`, receivedAt: new Date(), source: 'bench' }).rows.events!
  const started = performance.now()
  for (let i = 0; i < rows.length; i += 50_000) await rt.events.insert('events', rows.slice(i, i + 50_000))
  const seconds = (performance.now() - started) / 1000
  const [stored] = await rt.events.query<{ http: string; raw: string }>(
    'SELECT countIf(workspace_id = {ws:String}) AS http, countIf(workspace_id = {raw:String}) AS raw FROM events',
    { ws: ws.id, raw: `${ws.id}-raw` },
  )
  await rt.close()
  return { seconds, rate: EVENTS / seconds, storedHttp: Number(stored!.http), storedRaw: Number(stored!.raw) }
}

const writeKey = await setUp()
console.log(
  `Ingestion benchmark: ${fmt(EVENTS)} events, ${BATCH}-event batches, ${CONCURRENCY} concurrent clients, embedded chDB, ${os.cpus().length} cores, server started as by npm start (node ${npmStartNodeFlags(ROOT).join(' ') || 'without flags'})`,
)
const http = await httpPhase(writeKey)
const raw = await rawPhase()
removeDataDirectory(dataDir)

const ratio = http.rate / raw.rate
console.log(`  HTTP /v1/batch      ${fmt(http.rate).padStart(9)} events/s   p50 ${fmt(http.p50, 1)} ms   p99 ${fmt(http.p99, 1)} ms   (${fmt(http.seconds, 2)} s, ${http.failures} failed requests, server peak RSS ${fmt(http.rss / 2 ** 20)} MB)`)
console.log(`  CPU                 server ${fmt(http.cpu, 1)} s, bench clients ${fmt(http.clientCpu, 1)} s, machine idle ${fmt(100 * http.idleShare)}%`)
console.log(`  raw engine insert   ${fmt(raw.rate).padStart(9)} events/s   (${fmt(raw.seconds, 2)} s)`)
console.log(`  ratio HTTP / raw    ${fmt(ratio, 2)}   (target ≥ 0.30)`)
console.log(`  target ≥ 100,000 events/s: ${http.rate >= 100_000 ? 'met' : 'NOT met'}; stored ${fmt(raw.storedHttp)} of ${fmt(EVENTS)} via HTTP`)
if (raw.storedHttp !== EVENTS || http.failures) {
  console.error(`  ERROR: ${fmt(raw.storedHttp)} of ${fmt(EVENTS)} events stored via HTTP, ${http.failures} failed requests`)
  process.exitCode = 1
}
