import { describeCase, type Answer, type FuzzCase } from './fuzz-case.ts'

export type Failure = { target: string; kind: string; problem: string; input: string }
export type TargetTally = { inputs: number; statuses: Record<string, number>; kinds: Record<string, number>; quarantined: number; slowestMs: number; failures: number }

/** What the run learned: per target, and every failure with its input. */
export class Tally {
  readonly targets: Record<string, TargetTally> = {}
  readonly failures: Failure[] = []

  of(target: string): TargetTally {
    return (this.targets[target] ??= { inputs: 0, statuses: {}, kinds: {}, quarantined: 0, slowestMs: 0, failures: 0 })
  }

  count(c: Pick<FuzzCase, 'target' | 'kind'>, status: string, quarantined: number, ms = 0) {
    const t = this.of(c.target)
    t.inputs++
    t.statuses[status] = (t.statuses[status] ?? 0) + 1
    const kind = c.kind.length > 80 ? `${c.kind.slice(0, 80)}…` : c.kind
    t.kinds[kind] = (t.kinds[kind] ?? 0) + 1
    t.quarantined += quarantined
    t.slowestMs = Math.max(t.slowestMs, Math.round(ms))
  }

  fail(c: Pick<FuzzCase, 'target' | 'kind'>, problem: string, input: string) {
    this.of(c.target).failures++
    this.failures.push({ target: c.target, kind: c.kind, problem, input })
  }

  get inputs() {
    return Object.values(this.targets).reduce((n, t) => n + t.inputs, 0)
  }
}

/**
 * Sends every case to the server, `concurrency` at a time, each within `timeoutMs` (a slower answer is a hang),
 * and judges each answer. Returns the quarantine rows the answers said were kept.
 */
export async function sendCases(baseUrl: string, cases: FuzzCase[], tally: Tally, opts: { concurrency: number; timeoutMs: number; onProgress?: (done: number) => void }): Promise<number> {
  let next = 0
  let done = 0
  let quarantined = 0
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!
      const started = performance.now()
      let answer: Answer
      try {
        const body = c.body?.()
        const res = await fetch(baseUrl + c.url, {
          method: c.method,
          headers: c.headers,
          body: body === undefined ? undefined : typeof body === 'string' ? body : new Uint8Array(body),
          signal: AbortSignal.timeout(opts.timeoutMs),
        })
        answer = { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text(), ms: performance.now() - started }
      } catch (err) {
        const e = err as Error & { cause?: Error & { code?: string } }
        if (c.mayCloseEarly && ['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(e.cause?.code ?? '') && (await isUp(baseUrl))) {
          tally.count(c, 'closed unread', 0, performance.now() - started)
          opts.onProgress?.(++done)
          continue
        }
        const why = e.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs} ms (a hang)` : `no answer: ${e.message}${e.cause ? ` (${e.cause.message})` : ''}`
        tally.count(c, 'none', 0, performance.now() - started)
        tally.fail(c, why, describeCase(c))
        opts.onProgress?.(++done)
        continue
      }
      let verdict
      try {
        verdict = c.judge(answer)
      } catch (err) {
        verdict = { problem: `the answer could not be judged (${(err as Error).message}): ${answer.status} ${answer.text.slice(0, 200)}`, quarantined: 0 }
      }
      tally.count(c, String(answer.status), verdict.quarantined, answer.ms)
      quarantined += verdict.quarantined
      if (verdict.problem) tally.fail(c, verdict.problem, describeCase(c))
      opts.onProgress?.(++done)
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, worker))
  return quarantined
}

const isUp = (baseUrl: string) => fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status === 200, () => false)
