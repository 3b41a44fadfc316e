/** One generated input sent to the running server, and what a correct answer to it is. */
export type FuzzCase = {
  /** The part of the app it is aimed at (counted per target in the report). */
  target: string
  /** What kind of bad input it is, for the report's breakdown. */
  kind: string
  method: string
  /** Path and query string. */
  url: string
  headers: Record<string, string>
  /** Built when sent, so that thousands of cases (some of megabytes) need not be held at once. */
  body?: () => Buffer | string
  /** A body the server refuses unread may be cut off while it is sent (the client then sees the connection close, not the answer). */
  mayCloseEarly?: boolean
  /** Checks the answer; returns what is wrong with it, or undefined. Also says how many quarantine rows it adds. */
  judge(answer: Answer): Verdict
}

export type Answer = { status: number; contentType: string; text: string; ms: number }
export type Verdict = { problem?: string; quarantined: number }

export type Problem = { type: string; title: string; status: number; detail: string; requestId: string; errors?: Array<{ path: string; message: string }> }

/** Details that say nothing about the input: a refusal must say what was wrong with it. */
const VAGUE = [/^internal server error$/i, /^bad request$/i, /^error$/i, /^invalid$/i, /^undefined$/, /^\[object object\]$/i]

/**
 * The answer as the problem+json of a refusal (a 4xx with a request id and a specific detail), or a string
 * saying why it is not one.
 */
export function refusal(a: Answer, statuses: readonly number[] = []): Problem | string {
  if (a.status >= 500) return `server error ${a.status}: ${a.text.slice(0, 300)}`
  if (a.status < 400) return `accepted (${a.status}) a bad input: ${a.text.slice(0, 300)}`
  if (statuses.length && !statuses.includes(a.status)) return `status ${a.status} (expected ${statuses.join(' or ')}): ${a.text.slice(0, 300)}`
  if (!a.contentType.startsWith('application/problem+json')) return `${a.status} is ${a.contentType || 'untyped'}, not problem+json: ${a.text.slice(0, 200)}`
  let p: Problem
  try {
    p = JSON.parse(a.text) as Problem
  } catch {
    return `${a.status} problem+json does not parse: ${a.text.slice(0, 200)}`
  }
  if (p.status !== a.status) return `problem says status ${p.status}, answer is ${a.status}`
  if (typeof p.requestId !== 'string' || !p.requestId) return 'problem without a requestId'
  if (typeof p.detail !== 'string' || p.detail.trim().length < 8 || VAGUE.some((v) => v.test(p.detail.trim()))) return `vague detail ${JSON.stringify(p.detail)}`
  if (p.errors !== undefined && (!Array.isArray(p.errors) || p.errors.some((e) => typeof e.message !== 'string' || !e.message))) return `malformed errors list: ${JSON.stringify(p.errors).slice(0, 200)}`
  return p
}

/** A verdict for an input that must be refused with one of `statuses`, adding `quarantined` rows. */
export function mustRefuse(a: Answer, quarantined: number, statuses: readonly number[] = [], more?: (p: Problem) => string | undefined): Verdict {
  const p = refusal(a, statuses)
  if (typeof p === 'string') return { problem: p, quarantined: 0 }
  return { problem: more?.(p), quarantined }
}

/** A printable form of a case's input for the failure list (bodies cut). */
export function describeCase(c: FuzzCase): string {
  const raw = c.body?.()
  const body = raw === undefined ? '' : typeof raw === 'string' ? raw : isText(raw) ? raw.toString('utf8') : `<${raw.length} bytes: ${raw.subarray(0, 24).toString('hex')}…>`
  const headers = Object.entries(c.headers)
    .filter(([k]) => k !== 'cookie' && k !== 'x-csrf-token')
    .map(([k, v]) => `${k}: ${v.length > 60 ? `${v.slice(0, 60)}…` : v}`)
    .join('; ')
  return `${c.method} ${c.url.length > 300 ? `${c.url.slice(0, 300)}…` : c.url} [${headers}] ${body.length > 400 ? `${body.slice(0, 400)}… (${body.length} chars)` : body}`
}

const isText = (b: Buffer) => b.length < 100_000 && !b.subarray(0, 512).some((x) => x === 0 || (x < 9 && x !== 0))
