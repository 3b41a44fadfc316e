import type { ChildProcess } from 'node:child_process'
import net from 'node:net'
import { startCli } from './cli.ts'

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

export type ServerProcess = {
  child: ChildProcess
  url: string
  output(): string
  /** Resolves once the output matches (or rejects after `timeoutMs`, with the output so far). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
  /** Ends it with a signal and waits for the exit; resolves with the exit code (null when killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** `waymark serve` as a child process on a loopback port (a free one unless given), as a user starts it. */
export async function startServer(env: Record<string, string>, opts: { port?: number } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort())
  const { child, output } = startCli(['serve', '--port', String(port), '--host', '127.0.0.1'], env)
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output,
    async waitFor(pattern, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const m = pattern.exec(output())
        if (m) return m
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${output()}`)
        if (Date.now() > until) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${output()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** Signs in over HTTP; returns the headers for later requests. */
export async function signInOver(url: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { csrfToken?: string }
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  return { cookie, ...(body.csrfToken ? { 'x-csrf-token': body.csrfToken } : {}) }
}
