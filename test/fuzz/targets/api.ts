import fc from 'fast-check'
import { z } from 'zod'
import { mustRefuse, type Answer, type FuzzCase, type Problem } from '../fuzz-case.ts'

/**
 * Bad inputs for every API operation the OpenAPI document describes (/api/openapi.json, generated from the
 * routes' zod schemas): per operation, a body with one field of the wrong kind, out of its bounds or missing
 * (screened against the operation's own schema, so that every body sent is invalid), a body that is not
 * JSON at all, a query parameter that is not of its type or is missing, a path naming nothing, an unknown
 * workspace, and no credentials. Every one must be refused with a 4xx problem+json; a 400 for a field must name
 * that field.
 */
export type ApiContext = { slug: string; journeyId: string; session: Record<string, string> }
type Schema = {
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  enum?: unknown[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: boolean
  minItems?: number
  maxItems?: number
  pattern?: string
  nullable?: boolean
  default?: unknown
  anyOf?: Schema[]
  additionalProperties?: boolean | Schema
}
type Parameter = { in: 'path' | 'query'; name: string; required?: boolean; schema: Schema }
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }
export type OpenApi = { paths: Record<string, Record<string, Operation>> }

const compiled = new Map<Schema, z.ZodType>()
/** Whether a value meets a schema of the OpenAPI document (read back into zod, as the routes' own schemas wrote it). */
function validates(schema: Schema, value: unknown): boolean {
  let v = compiled.get(schema)
  if (!v) compiled.set(schema, (v = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0], { defaultTarget: 'openapi-3.0' })))
  return v.safeParse(value).success
}

/** A query's text values as the routes read them (numbers coerced, as z.coerce does). */
const coerced = (query: Record<string, string>, params: Parameter[]) =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => {
    const type = params.find((p) => p.name === k)?.schema.type
    return [k, type === 'integer' || type === 'number' ? Number(v) : v]
  }))

const PATTERN_TRIES = ['high', 'channel', 'a', 'abc', 'a-b', 'step', 'x']

/** A plausible valid value for a schema (its required fields only): the body a mutation starts from. */
function sampleOf(s: Schema, depth = 0): unknown {
  if (s.default !== undefined && s.default !== null) return s.default
  if (s.enum?.length) return s.enum[0]
  if (s.anyOf?.length) return sampleOf(s.anyOf[0]!, depth)
  switch (s.type) {
    case 'string': {
      const n = Math.max(1, s.minLength ?? 1)
      if (s.pattern) return PATTERN_TRIES.find((t) => new RegExp(s.pattern!).test(t)) ?? 'a'.repeat(n)
      return 'a'.repeat(Math.min(n, s.maxLength ?? n))
    }
    case 'integer':
    case 'number':
      return s.minimum !== undefined ? s.minimum + (s.exclusiveMinimum ? 1 : 0) : 1
    case 'boolean':
      return true
    case 'array':
      return depth > 6 || !s.items ? [] : Array.from({ length: s.minItems ?? 0 }, () => sampleOf(s.items!, depth + 1))
    case 'object':
      return Object.fromEntries((s.required ?? []).filter((k) => s.properties?.[k]).map((k) => [k, sampleOf(s.properties![k]!, depth + 1)]))
    default:
      return 'a'
  }
}

/** Values a field of this schema must refuse. */
function badValuesOf(s: Schema): unknown[] {
  const out: unknown[] = []
  const wrongKinds: Record<string, unknown[]> = {
    string: [42, true, { a: 1 }, ['a']],
    integer: ['12', 1.5, true, [1]],
    number: ['1', true, {}],
    boolean: ['true', 1, null],
    array: ['a', { 0: 'a' }, 7],
    object: ['a', [1], 7],
  }
  out.push(...(wrongKinds[s.type ?? ''] ?? []))
  if (!s.nullable && s.type) out.push(null)
  if (s.type === 'string' && (s.minLength ?? 0) >= 1) out.push('')
  if (s.type === 'string' && s.maxLength !== undefined && s.maxLength < 100_000) out.push('x'.repeat(s.maxLength + 1))
  if (s.enum) out.push('not-one-of-them', `${String(s.enum[0])} `)
  if (s.pattern) out.push(...['!!', ' ', 'a,b,', '\u0000'].filter((t) => !new RegExp(s.pattern!).test(t)))
  if ((s.type === 'integer' || s.type === 'number') && s.minimum !== undefined) out.push(s.minimum - 1)
  if ((s.type === 'integer' || s.type === 'number') && s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) out.push(s.maximum + 1)
  if (s.type === 'integer') out.push(2 ** 60)
  if (s.type === 'array' && s.maxItems !== undefined && s.maxItems < 10_000 && s.items) out.push(Array.from({ length: s.maxItems + 1 }, () => sampleOf(s.items!)))
  return out
}

/** Every field path of an object schema (to a depth), with its schema. */
function fieldsOf(s: Schema, prefix: string[] = [], depth = 0): Array<{ path: string[]; schema: Schema; required: boolean }> {
  if (s.type !== 'object' || !s.properties || depth > 3) return []
  return Object.entries(s.properties).flatMap(([name, p]) => [{ path: [...prefix, name], schema: p, required: (s.required ?? []).includes(name) }, ...fieldsOf(p, [...prefix, name], depth + 1)])
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown, schema: Schema): Record<string, unknown> {
  const copy = structuredClone(obj)
  let at: Record<string, unknown> = copy
  let s = schema
  for (const key of path.slice(0, -1)) {
    s = s.properties?.[key] ?? {}
    if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = sampleOf(s) ?? {}
    at = at[key] as Record<string, unknown>
  }
  if (value === undefined) delete at[path.at(-1)!]
  else at[path.at(-1)!] = value
  return copy
}

type Mutation = { kind: string; field?: string; apply: (url: { path: Record<string, string>; query: Record<string, string>; body?: unknown; rawBody?: string; contentType?: string; auth: boolean }) => void }

/** The operations that take any input (a path parameter, a query or a body), with their ways of being wrong. */
export function apiOperations(doc: OpenApi): Array<{ method: string; path: string; mutations: Mutation[] }> {
  const ops: Array<{ method: string; path: string; mutations: Mutation[] }> = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? []
      const body = op.requestBody?.content['application/json']?.schema
      if (!params.length && !body) continue
      const mutations: Mutation[] = []
      const pathParams = params.filter((p) => p.in === 'path')
      const query = params.filter((p) => p.in === 'query')
      for (const p of pathParams) {
        if (p.name === 'ws') mutations.push({ kind: 'unknown workspace', apply: (u) => void (u.path.ws = 'no-such-workspace') })
        else if (p.schema.type === 'integer') for (const v of ['abc', '1.5', '-1', '99999999999999999999']) mutations.push({ kind: `path ${p.name} not a valid integer`, field: `params.${p.name}`, apply: (u) => void (u.path[p.name] = v) })
        else for (const v of ['00000000-0000-4000-8000-000000000000', 'no-such-id', 'x'.repeat(1500), '%2e%2e%2f', "' OR 1=1 --", '\u00e9\u4e2d']) mutations.push({ kind: `path ${p.name} names nothing`, apply: (u) => void (u.path[p.name] = v) })
      }
      for (const q of query) {
        if (q.required) mutations.push({ kind: `query ${q.name} missing`, field: `querystring.${q.name}`, apply: (u) => void delete u.query[q.name] })
        const bad = Object.keys(q.schema).length === 0 ? ['not-a-date', '2024-13-45', 'yesterday'] : badValuesOf(q.schema).filter((v) => typeof v === 'string' || typeof v === 'number').map(String)
        for (const v of [...bad, ...(q.schema.type === 'integer' || q.schema.type === 'number' ? ['abc', '1e999', ''] : [])]) {
          mutations.push({ kind: `query ${q.name} ${describe(v)}`, field: `querystring.${q.name}`, apply: (u) => void (u.query[q.name] = v) })
        }
      }
      if (body) {
        for (const f of fieldsOf(body)) {
          if (f.required) mutations.push({ kind: `body ${f.path.join('.')} missing`, field: `body.${f.path.join('.')}`, apply: (u) => void (u.body = setPath(u.body as Record<string, unknown>, f.path, undefined, body)) })
          for (const v of badValuesOf(f.schema)) mutations.push({ kind: `body ${f.path.join('.')} ${describe(v)}`, field: `body.${f.path.join('.')}`, apply: (u) => void (u.body = setPath(u.body as Record<string, unknown>, f.path, v, body)) })
        }
        for (const v of [null, [], 'text', 7]) mutations.push({ kind: `body ${describe(v)}`, apply: (u) => void (u.body = v) })
        for (const raw of ['{"a":', '{a:1}', "{'a':1}", '[1,2', '\u0000', `${'['.repeat(50_000)}`, `{"x":"${'\\ud800'}"`]) mutations.push({ kind: 'body not JSON', apply: (u) => void (u.rawBody = raw) })
        // Arrays in arrays: never the object a body is (an object of unknown fields would be valid).
        mutations.push({ kind: 'body deeply nested', apply: (u) => void (u.rawBody = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`) })
        mutations.push({ kind: 'body of another content type', apply: (u) => void ((u.rawBody = 'a=1&b=2'), (u.contentType = 'application/x-www-form-urlencoded')) })
      }
      if (!path.startsWith('/api/auth/') && !path.startsWith('/api/invitations/')) mutations.push({ kind: 'no credentials', apply: (u) => void (u.auth = false) })
      ops.push({ method: method.toUpperCase(), path, mutations })
    }
  }
  return ops
}

const describe = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 30 ? `${s.slice(0, 20)}… (${s.length} chars)` : s
}

/** Bad inputs for every API operation, screened to be invalid by the operation's own schemas. */
export function apiArbitrary(doc: OpenApi, ctx: ApiContext): fc.Arbitrary<FuzzCase> {
  const ops = apiOperations(doc).filter((o) => o.mutations.length)
  return fc
    .constantFrom(...ops)
    .chain((op) => fc.tuple(fc.constant(op), fc.constantFrom(...op.mutations)))
    .map(([op, m]) => apiCase(doc, op.method, op.path, m, ctx))
    .filter((c): c is FuzzCase => c !== undefined)
}

function apiCase(doc: OpenApi, method: string, path: string, m: Mutation, ctx: ApiContext): FuzzCase | undefined {
  const op = doc.paths[path]![method.toLowerCase()]!
  const params = op.parameters ?? []
  const bodySchema = op.requestBody?.content['application/json']?.schema
  const input = {
    path: Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, p.name === 'ws' ? ctx.slug : p.name === 'id' && path.startsWith('/api/workspaces/{ws}/journeys/{id}') ? ctx.journeyId : p.schema.type === 'integer' ? '1' : 'no_such_key'])),
    query: Object.fromEntries(params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sampleOf(p.schema))])),
    body: bodySchema ? sampleOf(bodySchema) : undefined,
    rawBody: undefined as string | undefined,
    contentType: undefined as string | undefined,
    auth: true,
  }
  m.apply(input)
  // Only inputs that are bad by the operation's own description are sent (a field's mutation may leave it valid).
  if (m.field?.startsWith('body.') && bodySchema && validates(bodySchema, input.body)) return undefined
  if (m.field?.startsWith('querystring.')) {
    const q = params.filter((p) => p.in === 'query')
    const schema = { type: 'object', properties: Object.fromEntries(q.filter((p) => Object.keys(p.schema).length).map((p) => [p.name, p.schema])), required: q.filter((p) => p.required).map((p) => p.name) } as Schema
    const name = m.field.slice('querystring.'.length)
    if (Object.keys(q.find((p) => p.name === name)!.schema).length && validates(schema, coerced(input.query, q))) return undefined
  }
  const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(input.path[name] ?? '')) + (Object.keys(input.query).length ? `?${new URLSearchParams(input.query)}` : '')
  const hasBody = input.rawBody !== undefined || input.body !== undefined
  const headers: Record<string, string> = { ...(input.auth ? ctx.session : {}), ...(hasBody ? { 'content-type': input.contentType ?? 'application/json' } : {}) }
  const text = input.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body))
  const field = m.field
  return {
    target: 'api',
    kind: `${method} ${path}: ${m.kind}`,
    method,
    url,
    headers,
    body: text === undefined ? undefined : () => text,
    // Erasing a customer who is not there erases nothing, and says so (erasure is idempotent); the digest checks nothing changed.
    judge: (a: Answer) => (method === 'DELETE' && a.status === 200 && /customers\/\{id\}$/.test(path) && /"events":0/.test(a.text) ? { quarantined: 0 } : mustRefuse(a, 0, [], (p) => (a.status === 400 && field ? namesField(p, field) : undefined))),
  }
}

/** A 400 for a field must name it (or the object it is missing from). */
function namesField(p: Problem, field: string): string | undefined {
  const paths = (p.errors ?? []).map((e) => e.path)
  if (paths.some((e) => e === field || e.startsWith(`${field}.`) || field.startsWith(`${e}.`)) || p.detail.includes(field.split('.').at(-1)!)) return undefined
  return `the 400 does not name ${field}: ${p.detail.slice(0, 200)}`
}
