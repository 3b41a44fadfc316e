import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { isFeedbackKind, scoreProblem } from '../../../src/domain/feedback.ts'
import { basicUser } from '../../../src/server/authenticate.ts'
import { SEGMENT_TYPES, type SegmentType } from '../../../src/ingest/segment/normalize-message.ts'
import { mustRefuse, type Answer, type FuzzCase, type Verdict } from '../fuzz-case.ts'

export type CollectorContext = { keys: { write: string; import: string; read: string }; stored: Array<Record<string, unknown>> }
type Message = Record<string, unknown>

const SINGLE: Record<SegmentType, string[]> = {
  track: ['/v1/track', '/v1/t'],
  identify: ['/v1/identify', '/v1/i'],
  page: ['/v1/page', '/v1/p'],
  screen: ['/v1/screen', '/v1/s'],
  group: ['/v1/group', '/v1/g'],
  alias: ['/v1/alias', '/v1/a'],
}
const BATCH = ['/v1/batch', '/v1/b', '/v1/import']
const DAY = 86_400_000

// ---- values of the wrong kind, per field of a Segment message ------------------------------------------------

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0.5, '', ' ', '\u0000', '\ud800', [], {}, [[[]]], { $gt: '' }, { toString: 'x' }, '__proto__'),
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
)
const notObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }))
const notId = fc.oneof(fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }), fc.string({ minLength: 201, maxLength: 400 }))
const notDate = fc.oneof(
  fc.constantFrom('yesterday', 'not a date', '2024-13-45T99:00:00Z', '2024-02-30T00:00:00Z', 'NaN', '', '0x10', '∞', 'Infinity', '1e999'),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constantFrom(-1e20, 1e20, 8.64e15 + 1),
)
/** Dates the engine or the collector refuses: far future, ancient, outside the engine's range. */
const badTime = fc.oneof(
  fc.integer({ min: 2, max: 365 * 200 }).map((d) => new Date(Date.now() + d * DAY).toISOString()),
  fc.integer({ min: 1, max: 99 }).map((y) => `${1900 + y}-06-01T00:00:00Z`),
  fc.constantFrom('1899-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 0, -1000, 1),
)
const junkType = fc.oneof(fc.constantFrom('', 'TRACK', 'delete', 'batch', 'feedback', 'Track ', 42, true), fc.string().filter((s) => !(SEGMENT_TYPES as readonly string[]).includes(s)))

const baseMessage = fc.record({
  type: fc.constantFrom(...SEGMENT_TYPES),
  userId: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
  anonymousId: fc.option(fc.uuid(), { nil: undefined }),
  event: fc.constantFrom('Clicked', 'Order Completed', 'Survey Answered', 'page_viewed'),
  messageId: fc.uuid().map((u) => `fuzz-${u}`),
  properties: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 3 }),
  timestamp: fc.date({ min: new Date('2024-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
})

/** One way of making a message wrong, named for the report. */
const mutation: fc.Arbitrary<[string, (m: Message) => Message]> = fc.oneof(
  fc.tuple(fc.constant('type'), junkType).map(([k, v]): [string, (m: Message) => Message] => [k, (m) => ({ ...m, type: v })]),
  fc.tuple(fc.constantFrom('userId', 'anonymousId'), notId).map(([k, v]): [string, (m: Message) => Message] => [`${k} type`, (m) => ({ ...m, [k]: v })]),
  fc.constant<[string, (m: Message) => Message]>(['no ids', ({ userId: _u, anonymousId: _a, ...m }) => m]),
  fc.tuple(fc.constant('event'), fc.oneof(notId, fc.constantFrom('', '   ', 5, null))).map(([k, v]): [string, (m: Message) => Message] => [k, (m) => ({ ...m, type: 'track', [k]: v })]),
  fc.tuple(fc.constantFrom('properties', 'context', 'traits'), notObject).map(([k, v]): [string, (m: Message) => Message] => [`${k} type`, (m) => ({ ...m, [k]: v })]),
  fc.tuple(fc.constantFrom('timestamp', 'sentAt'), notDate).map(([k, v]): [string, (m: Message) => Message] => [`${k} not a date`, (m) => ({ ...m, [k]: v })]),
  notDate.map((v): [string, (m: Message) => Message] => ['originalTimestamp not a date', ({ timestamp: _t, ...m }) => ({ ...m, originalTimestamp: v })]),
  badTime.map((v): [string, (m: Message) => Message] => ['timestamp out of range', (m) => ({ ...m, timestamp: v })]),
  fc.tuple(fc.constant('messageId'), fc.oneof(fc.boolean(), fc.constant({}), fc.array(fc.string(), { maxLength: 2 }))).map(([k, v]): [string, (m: Message) => Message] => ['messageId type', (m) => ({ ...m, [k]: v })]),
  fc
    .tuple(fc.constantFrom('nps', 'csat', 'ces', 'rating', 'bogus', 5, null), fc.oneof(fc.constantFrom(-5, 11, 3.5, 'ten', null, 1e9, true, [], {}), fc.double()))
    // Off its kind's scale (the domain's rule): a score that happens to be on it would be a valid answer.
    .filter(([kind, score]) => !isFeedbackKind(kind) || scoreProblem(kind, score) !== undefined)
    .map(
    ([kind, score]): [string, (m: Message) => Message] => ['feedback', (m) => ({ ...m, type: 'track', event: 'Survey Answered', properties: { kind, score } })],
  ),
  fc.tuple(fc.constantFrom(undefined, null, '', {}, [], 'x'.repeat(300))).map(([v]): [string, (m: Message) => Message] => ['alias previousId', (m) => ({ ...m, type: 'alias', userId: 'u1', previousId: v })]),
  fc.tuple(fc.constantFrom(undefined, null, '', 0)).map(([v]): [string, (m: Message) => Message] => ['group groupId', (m) => ({ ...m, type: 'group', userId: 'u1', groupId: v })]),
  fc.integer({ min: 33, max: 120 }).map((kb): [string, (m: Message) => Message] => ['event over 32 KB', (m) => ({ ...m, properties: { blob: 'y'.repeat(kb * 1024) } })]),
  // Deeper than fits in 32 KB: refused for its size (a shallower nesting is a valid, if odd, property).
  fc.integer({ min: 7_000, max: 60_000 }).map((depth): [string, (m: Message) => Message] => ['deeply nested properties', (m) => ({ ...m, properties: nested(depth) })]),
  anyJson.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map((v): [string, (m: Message) => Message] => ['not an object', () => v as Message]),
)

/** A placeholder for a nesting too deep to build as an object (JSON.stringify would overflow the stack): `toJson` writes it out. */
const nested = (depth: number) => `\u0000nested:${depth}\u0000`
const NESTED = /"\\u0000nested:(\d+)\\u0000"/g

/** JSON text of a generated value, deep nestings written out. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(NESTED, (_m, depth: string) => `${'{"a":'.repeat(Number(depth))}{"leaf":1}${'}'.repeat(Number(depth))}`)
}

/**
 * A bad message: a valid one with one or two faults, each bad by the Segment spec or Waymark's documented limits
 * (no fault undoes another: every combination is still bad). Not screened by the collector's own rules, so a
 * fault it lets through is found.
 */
export const badMessage = () =>
  fc.tuple(baseMessage, mutation, fc.option(mutation, { freq: 3 })).map(([m, one, two]) => {
    // Faults that set the type (and ids) go first, so that they cannot undo the other fault.
    const [[kind, f], second] = two && SETS_TYPE.has(two[0]) && !SETS_TYPE.has(one[0]) ? [two, one] : [one, two]
    const first = f(m)
    // A message that is no longer an object has no fields left to make wrong.
    const applies = second && typeof first === 'object' && first !== null && !Array.isArray(first)
    return { kind: applies ? `${kind} + ${second[0]}` : kind, message: applies ? second[1](first) : first }
  })
const SETS_TYPE = new Set(['feedback', 'alias previousId', 'group groupId', 'event'])

// ---- bodies ---------------------------------------------------------------------------------------------------

type Body = { kind: string; build: () => Buffer | string; encoding?: string; contentType?: string; readable: boolean; quarantined: number; statuses: number[]; batch?: boolean }

let bomb: Buffer | undefined
/** 64 MB of zeros as 64 KB of gzip. */
const gzipBomb = () => (bomb ??= gzipSync(Buffer.alloc(64 * 2 ** 20), { level: 9 }))

const invalidUtf8 = fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from('Z\xfcrich', 'latin1'))

/** A message the collector stores; the bytes added to it are what is wrong. */
const validMessage = (id: string) => ({ type: 'track', userId: 'utf8-customer', event: 'Clicked', messageId: `utf8-${id}`, properties: { city: 'x' } })

function withBytes(json: string, bytes: Buffer, at: number): Buffer {
  // Inside a string value, so that only the encoding is wrong.
  const quote = json.indexOf('"', Math.floor(at * json.length))
  const i = quote === -1 ? json.indexOf('"') + 1 : quote + 1
  return Buffer.concat([Buffer.from(json.slice(0, i)), bytes, Buffer.from(json.slice(i))])
}

const messagesBody = (route: 'batch' | SegmentType) =>
  (route === 'batch' ? fc.array(badMessage(), { minLength: 1, maxLength: 6 }) : badMessage().map((m) => [m])).map((items): Body => {
    const json = route === 'batch' ? toJson({ batch: items.map((i) => i.message) }) : toJson(items[0]!.message)
    const bytes = Buffer.byteLength(json)
    if (bytes > 4 * 2 ** 20) return { kind: 'body over 4 MB', build: () => json, readable: false, quarantined: 0, statuses: [413] }
    if (bytes > 500 * 1024) return { kind: 'body over 500 KB', build: () => json, readable: false, quarantined: 1, statuses: [413] }
    return { kind: items.map((i) => i.kind).join(', '), build: () => json, readable: true, quarantined: items.length, statuses: [400], batch: route === 'batch' }
  })

const brokenBody = (route: 'batch' | SegmentType) =>
  fc.oneof(
    fc.tuple(badMessage(), fc.double({ min: 0, max: 1, noNaN: true })).map(([m, cut]): Body => {
      const json = toJson(route === 'batch' ? { batch: [m.message] } : m.message)
      return { kind: 'truncated JSON', build: () => json.slice(0, Math.max(1, Math.floor(json.length * cut) - 1)), readable: false, quarantined: 1, statuses: [400] }
    }),
    fc.uint8Array({ minLength: 1, maxLength: 400 }).map((b): Body => ({ kind: 'random bytes', build: () => Buffer.from(b), readable: false, quarantined: 1, statuses: [400] })),
    fc.integer({ min: 1_000, max: 400_000 }).map((n): Body => ({ kind: 'unclosed nesting', build: () => '['.repeat(n), readable: false, quarantined: 1, statuses: [400] })),
    fc.integer({ min: 1_000, max: 80_000 }).map((n): Body => ({ kind: 'deep nesting', build: () => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, readable: true, quarantined: 1, statuses: [400] })),
    fc.constant<Body>({ kind: 'empty body', build: () => '', readable: false, quarantined: 1, statuses: [400] }),
    fc.tuple(fc.uuid(), invalidUtf8).map(([id, bytes]): Body => ({
      kind: 'invalid UTF-8 in a valid message',
      build: () => {
        const [head, tail] = toJson(route === 'batch' ? { batch: [validMessage(id)] } : validMessage(id)).split('"city":"')
        return Buffer.concat([Buffer.from(`${head}"city":"`), bytes, Buffer.from(tail!)])
      },
      readable: false,
      quarantined: 1,
      statuses: [400],
    })),
    fc.tuple(badMessage(), invalidUtf8, fc.double({ min: 0, max: 1, noNaN: true })).map(([m, bytes, at]): Body => ({
      kind: 'invalid UTF-8',
      build: () => withBytes(toJson(route === 'batch' ? { batch: [m.message] } : m.message), bytes, at),
      readable: false,
      quarantined: 1,
      statuses: [400],
    })),
    fc.tuple(badMessage(), fc.constantFrom<[string, number]>(['deflate', 1], ['br', 1], ['identity, gzip', 1])).map(([m, [encoding]]): Body => ({
      kind: `content-encoding ${encoding} of plain bytes`,
      encoding,
      build: () => toJson(route === 'batch' ? { batch: [m.message] } : m.message),
      // `identity, gzip` claims gzip: the bytes are not, and are refused; the others are read as they are.
      readable: encoding !== 'identity, gzip',
      quarantined: 1,
      statuses: [400],
    })),
    fc.tuple(badMessage(), fc.double({ min: 0.05, max: 0.95, noNaN: true })).map(([m, cut]): Body => {
      const gz = gzipSync(toJson(route === 'batch' ? { batch: [m.message, m.message] } : m.message))
      return { kind: 'truncated gzip', encoding: 'gzip', build: () => gz.subarray(0, Math.max(2, Math.floor(gz.length * cut))), readable: false, quarantined: 1, statuses: [400] }
    }),
    fc.uint8Array({ minLength: 0, maxLength: 200 }).map((b): Body => ({ kind: 'gzip header, bad data', encoding: 'gzip', build: () => Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from(b)]), readable: false, quarantined: 1, statuses: [400] })),
    fc.constant<Body>({ kind: 'gzip bomb (64 MB of zeros)', encoding: 'gzip', build: gzipBomb, readable: false, quarantined: 1, statuses: [413] }),
    fc.integer({ min: 0, max: 400 }).map((n): Body => ({ kind: 'gzip of a body over 500 KB', encoding: 'gzip', build: () => gzipSync(toJson({ batch: [{ type: 'track', event: 'x'.repeat(600 * 1024 + n) }] })), readable: false, quarantined: 1, statuses: [413] })),
    fc.integer({ min: 4 * 2 ** 20 + 1, max: 5 * 2 ** 20 }).map((n): Body => ({ kind: 'raw body over 4 MB', build: () => Buffer.alloc(n, 0x20), readable: false, quarantined: 0, statuses: [413] })),
  )

const notABatch = fc.oneof(anyJson.map((v) => toJson({ batch: v })), anyJson.map((v) => toJson(v)), fc.constant('{"batch":[]}')).filter((s) => {
  const v = JSON.parse(s) as { batch?: unknown }
  return !(typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray(v.batch) && v.batch.length > 0)
})

// ---- who sends it ---------------------------------------------------------------------------------------------

/**
 * How the sender names its workspace: by a key in the Basic header (`header`), a valid key in the body (`body`),
 * a Basic key that is not one that ingests (`refused`: 401 before the body is read), or nothing the collector
 * reads as a key (`none`: no header, a Bearer token or Basic that is not base64).
 */
type Auth = { kind: string; header?: string; bodyKey?: string; known: 'header' | 'body' | 'refused' | 'none' }
const basic = (user: string, password = '') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

const auth = (keys: CollectorContext['keys']) =>
  fc.oneof(
    { weight: 14, arbitrary: fc.constant<Auth>({ kind: 'write key', header: basic(keys.write), known: 'header' }) },
    { weight: 2, arbitrary: fc.constant<Auth>({ kind: 'import key', header: basic(keys.import), known: 'header' }) },
    { weight: 1, arbitrary: fc.constant<Auth>({ kind: 'key in the body', bodyKey: keys.write, known: 'body' }) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.constant<Auth>({ kind: 'no key', known: 'none' }),
        fc.constant<Auth>({ kind: 'read key', header: basic(keys.read), known: 'refused' }),
        fc.string({ minLength: 1, maxLength: 60 }).map((s): Auth => ({ kind: 'unknown key', header: basic(s.replace(/:/g, '')), known: basicUser(Buffer.from(s.replace(/:/g, '')).toString('base64')) ? 'refused' : 'none' })),
        // Whatever base64 the header still holds names a key, which is refused; when it holds none, there is no key.
        fc.string({ maxLength: 60 }).map((s): Auth => ({ kind: 'malformed Basic', header: `Basic ${s}!*`, known: /^basic\s+\S/i.test(`Basic ${s}!*`) && basicUser(/^basic\s+(\S+)/i.exec(`Basic ${s}!*`)![1]!) ? 'refused' : 'none' })),
        fc.constant<Auth>({ kind: 'Bearer write key', header: `Bearer ${keys.write}`, known: 'none' }),
        fc.string({ maxLength: 40 }).map((s): Auth => ({ kind: 'unknown body key', bodyKey: s, known: 'none' })),
      ),
    },
  )

// ---- cases ----------------------------------------------------------------------------------------------------

type Route = { url: string; type: 'batch' | SegmentType }
const route = fc.oneof(fc.constantFrom(...BATCH).map((url): Route => ({ url, type: 'batch' })), fc.constantFrom(...SEGMENT_TYPES).chain((type) => fc.constantFrom(...SINGLE[type]).map((url): Route => ({ url, type }))))

/** The body with the key in it, when it is a JSON object to put it in (else the key is not sent). */
function withBodyKey(body: Body, key: string | undefined): { body: Body; sent: boolean } {
  if (key === undefined || !body.readable) return { body, sent: false }
  const text = body.build()
  const value = JSON.parse(typeof text === 'string' ? text : text.toString('utf8')) as unknown
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { body, sent: false }
  // Written into the text: the value may be nested too deep to stringify again.
  const json = text.toString().replace(/^\s*\{/, `{"writeKey":${JSON.stringify(key)}${Object.keys(value).length ? ',' : ''}`)
  return { body: { ...body, build: () => json }, sent: true }
}

export function collectorCase(target: string, r: Route, a: Auth, b0: Body, contentType: string | undefined): FuzzCase {
  const { body: b, sent } = withBodyKey(b0, a.bodyKey)
  const headers: Record<string, string> = {}
  if (a.header) headers.authorization = a.header
  if (contentType) headers['content-type'] = contentType
  if (b.encoding) headers['content-encoding'] = b.encoding
  // What the collector can tell: the workspace from the header before the body is read, from the body's key only once it is read.
  const known = a.known === 'header' || (a.known === 'body' && sent)
  const judge = (ans: Answer): Verdict => {
    if (b.quarantined === 0 && b.statuses.includes(413)) return mustRefuse(ans, 0, [413])
    if (a.known === 'refused') return mustRefuse(ans, 0, [401])
    if (!known) return keptAsSaid(ans, 0, b.readable ? [401] : [...b.statuses, 401])
    return keptAsSaid(ans, b.quarantined, b.statuses)
  }
  return { target, kind: `${b.kind} (${a.kind})`, method: 'POST', url: r.url, headers, body: b.build, judge, mayCloseEarly: b.statuses.includes(413) && b.quarantined === 0 }
}

/**
 * A refusal that says how many inputs it kept in quarantine ("No event stored; 3 kept in quarantine", "… (kept in
 * quarantine)"), which must be `expected`; what the answer says is what the run checks the quarantine against.
 */
function keptAsSaid(ans: Answer, expected: number, statuses: number[]): Verdict {
  let said = 0
  if (ans.status === 200) said = Number((JSON.parse(ans.text) as { quarantined?: number }).quarantined ?? 0)
  else if (ans.contentType.startsWith('application/problem+json')) {
    const { detail = '' } = JSON.parse(ans.text) as { detail?: string }
    said = Number(/(\d+) kept in quarantine/.exec(detail)?.[1] ?? (/kept in quarantine/.test(detail) ? 1 : 0))
  }
  const verdict = mustRefuse(ans, said, statuses)
  if (!verdict.problem && said !== expected) verdict.problem = `kept ${said} inputs in quarantine, expected ${expected}: ${ans.text.slice(0, 200)}`
  return { problem: verdict.problem, quarantined: said }
}

const contentType = fc.constantFrom('application/json', 'application/json', 'text/plain', 'text/plain;charset=UTF-8', undefined, 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1')

/** Bad inputs for every collector route: each is refused or quarantined, never stored. */
export function collectorArbitrary(ctx: CollectorContext): fc.Arbitrary<FuzzCase> {
  const body = (r: Route) =>
    fc.oneof(
      { weight: 5, arbitrary: messagesBody(r.type) },
      { weight: 4, arbitrary: brokenBody(r.type) },
      ...(r.type === 'batch' ? [{ weight: 1, arbitrary: notABatch.map((s): Body => ({ kind: 'not a batch', build: () => s, readable: true, quarantined: 1, statuses: [400] })) }] : []),
    )
  return route.chain((r) => fc.tuple(fc.constant(r), auth(ctx.keys), body(r), contentType)).map(([r, a, b, ct]) => collectorCase('collector', r, a, b, ct))
}

/**
 * Stored messages sent again under their own message id with other content: a resend, acknowledged (200) and
 * stored nothing: the first copy stands.
 */
export function resendArbitrary(ctx: CollectorContext): fc.Arbitrary<FuzzCase> {
  return fc.tuple(fc.constantFrom(...ctx.stored), fc.string({ maxLength: 20 }), fc.integer({ min: -30, max: 30 })).map(([m, text, shift]): FuzzCase => {
    const message = { ...m, properties: { ...(m.properties as object), altered: text }, timestamp: new Date(new Date(String(m.timestamp)).getTime() + shift * 60_000).toISOString() }
    return {
      target: 'collector',
      kind: 'resend of a stored message, altered (must store nothing)',
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basic(ctx.keys.write), 'content-type': 'application/json' },
      body: () => toJson({ batch: [message] }),
      judge: (ans) => {
        if (ans.status !== 200) return { problem: `a resend got ${ans.status}: ${ans.text.slice(0, 200)}`, quarantined: 0 }
        const body = JSON.parse(ans.text) as { success?: boolean }
        return { problem: body.success === true ? undefined : `a resend was not acknowledged: ${ans.text.slice(0, 200)}`, quarantined: 0 }
      },
    }
  })
}
