import fc from 'fast-check'
import { AppError } from '../../../src/domain/errors.ts'
import type { JourneyDocument } from '../../../src/domain/journey/journey.ts'
import { parseJourneyFile } from '../../../src/services/journeys.ts'
import { mustRefuse, type Answer, type FuzzCase } from '../fuzz-case.ts'

/**
 * Bad journey files, JSON documents and Mermaid `journey` diagrams: a valid document with one field wrong, keys
 * repeated or references to nothing, text that is not JSON, diagrams with a planted fault on a known line. Each is
 * read twice: by the parser in process (`parseJourneyFile`, what `waymark journey import` runs: it must refuse
 * with a validation error naming the fault, never throw anything else, within a bound) and through the import
 * route (a 4xx problem+json naming it). A generated file the parser accepts is not a bad input and is dropped
 * (a mutation can leave a document valid).
 */
export type JourneyFile = { kind: string; format: 'json' | 'mermaid'; text: string | Buffer; mentions?: RegExp }

type Json = Record<string, unknown>
const clone = <T>(v: T): T => structuredClone(v)

function jsonMutations(doc: JourneyDocument): fc.Arbitrary<JourneyFile> {
  const base = doc as unknown as Json
  const stage = (d: Json, i = 0) => (d.stages as Json[])[i]!
  const step = (d: Json) => (stage(d).steps as Json[])[0]!
  const edit = (kind: string, mentions: RegExp | undefined, f: (d: Json) => void): JourneyFile => {
    const d = clone(base)
    f(d)
    return { kind, format: 'json', text: JSON.stringify(d), mentions }
  }
  const wrong = fc.constantFrom<unknown>(null, 42, true, [], {}, '', '   ', 'x'.repeat(6000), [1, 2], { $gt: '' })
  return fc.oneof(
    fc.tuple(fc.constantFrom('format', 'name', 'stages'), wrong).map(([field, v]) => edit(`${field} of the wrong kind`, new RegExp(field === 'stages' ? 'stages|insights' : field), (d) => void (d[field] = v))),
    fc.constantFrom('format', 'name', 'stages').map((field) => edit(`${field} missing`, new RegExp(field), (d) => void delete d[field])),
    fc.tuple(fc.constantFrom('key', 'name', 'steps'), wrong).map(([field, v]) => edit(`stage ${field} wrong`, /stages\[0\]|insights/, (d) => void (stage(d)[field] = v))),
    fc.tuple(fc.constantFrom('key', 'name', 'channel', 'emotion', 'momentOfTruth', 'match', 'pains'), wrong).map(([field, v]) => edit(`step ${field} wrong`, /steps\[0\]/, (d) => void (step(d)[field] = v))),
    fc.constantFrom(-3, 3, 99, 1.5, -1e9).map((v) => edit('emotion off its scale', /emotion/, (d) => void (step(d).emotion = v))),
    fc.constantFrom('has space', '-lead', 'ä', '', 'x'.repeat(101), '../etc').map((v) => edit('stage key not a key', /key/, (d) => void (stage(d).key = v))),
    fc.constant(edit('stage key repeated', /duplicate|repeat|unique|already/i, (d) => void (stage(d, 1).key = stage(d).key))),
    fc.constant(edit('step key repeated across stages', /duplicate|repeat|unique|already/i, (d) => void (((stage(d, 1).steps as Json[])[0]!.key = step(d).key)))),
    fc.constantFrom<unknown>(null, 'event', [], [{}], [{ event: '' }], [{ event: 5 }], [{ event: [] }]).map((v) => edit('step match rule wrong', /match/, (d) => void (step(d).match = v))),
    fc.integer({ min: 501, max: 700 }).map((n) => edit('a stage of too many steps', /steps/, (d) => void (stage(d).steps = Array.from({ length: n }, (_, i) => ({ key: `s${i}`, name: `S${i}` }))))),
  )
}

const notJson = fc.oneof(
  fc.constantFrom('{', '{"format":', "{'name':'x'}", '[]', 'null', '42', '"text"', '{"a":1}}', `${'['.repeat(60_000)}`, '\u0000{}'),
  fc.integer({ min: 2_000, max: 40_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.string({ maxLength: 80 }).filter((s) => s.trimStart().startsWith('{') || s.trim() === ''),
).map((text): JourneyFile => ({ kind: 'not a journey document', format: 'json', text }))

const MERMAID_OK = ['journey', '  title My working day', '  section Go to work', '    Make tea: 5: Me', '    Go upstairs: 3: Me', '  section Go home', '    Go downstairs: 5: Me']

/** A valid diagram with one planted fault: the line it is on must be named. */
const mermaidFaults = fc.oneof(
  fc.tuple(fc.integer({ min: 3, max: 6 }), fc.constantFrom('0', '6', 'x', '3.5', '-1', '', '99999999999999999999')).map(([at, score]): JourneyFile => {
    const lines = [...MERMAID_OK]
    lines[at] = `    Task ${at}: ${score}: Me`
    return { kind: `task score ${JSON.stringify(score)}`, format: 'mermaid', text: lines.join('\n'), mentions: new RegExp(`line ${at + 1}\\b`) }
  }),
  fc.integer({ min: 2, max: 6 }).map((at): JourneyFile => {
    const lines = [...MERMAID_OK]
    lines.splice(at, 0, 'journey')
    return { kind: 'journey twice', format: 'mermaid', text: lines.join('\n'), mentions: new RegExp(`line ${at + 1}\\b`) }
  }),
  fc.constantFrom<JourneyFile>(
    { kind: 'no journey keyword', format: 'mermaid', text: MERMAID_OK.slice(1).join('\n'), mentions: /line 1\b/ },
    { kind: 'a flowchart, not a journey', format: 'mermaid', text: 'flowchart TD\n  A --> B', mentions: /line 1\b/ },
    { kind: 'front matter not closed', format: 'mermaid', text: `---\ntitle: x\n${MERMAID_OK.join('\n')}`, mentions: /line 1\b/ },
    { kind: 'accDescr block not closed', format: 'mermaid', text: `${MERMAID_OK.join('\n')}\n  accDescr {\n  never closed`, mentions: /line 9\b/ },
    { kind: 'only a comment', format: 'mermaid', text: '%% nothing here\n', mentions: /journey/ },
    { kind: 'empty', format: 'mermaid', text: '   ', mentions: /journey/ },
  ),
  fc.tuple(fc.integer({ min: 3, max: 6 }), fc.constantFrom('Task without a score', 'Task: : Me', ': 5: Me', 'Task:5:', 'x'.repeat(300) + ': 4')).map(([at, line]): JourneyFile => {
    const lines = [...MERMAID_OK]
    lines[at] = `    ${line}`
    return { kind: 'task line malformed', format: 'mermaid', text: lines.join('\n') }
  }),
  fc.string({ maxLength: 200 }).map((s): JourneyFile => ({ kind: 'random text', format: 'mermaid', text: s })),
  fc.integer({ min: 20_000, max: 120_000 }).map((n): JourneyFile => ({ kind: 'huge diagram line', format: 'mermaid', text: `journey\n  section ${'s'.repeat(n)}\n    T: 9: Me` })),
)

/** Bad journey files of both formats. */
export function journeyFileArbitrary(doc: JourneyDocument): fc.Arbitrary<JourneyFile> {
  return fc.oneof({ weight: 5, arbitrary: jsonMutations(doc) }, { weight: 2, arbitrary: notJson }, { weight: 5, arbitrary: mermaidFaults }).filter((f) => parserProblem(f) !== 'accepted')
}

const PARSE_BOUND_MS = 2_000

/**
 * What is wrong with how the parser takes a bad file, if anything ('accepted' when it is not bad after all): it
 * must throw a validation AppError (400) whose message names the planted fault, within a bound.
 */
export function parserProblem(f: JourneyFile): string | undefined {
  const started = performance.now()
  try {
    parseJourneyFile(typeof f.text === 'string' ? f.text : f.text.toString('utf8'), f.format)
    return 'accepted'
  } catch (err) {
    const ms = performance.now() - started
    if (!(err instanceof AppError)) return `threw ${(err as Error).name}: ${(err as Error).message.slice(0, 200)} (not a refusal)`
    if (err.status !== 400) return `refused with ${err.status}, not 400: ${err.message.slice(0, 200)}`
    if (ms > PARSE_BOUND_MS) return `took ${Math.round(ms)} ms`
    if (f.mentions && !f.mentions.test(err.message)) return `the refusal does not name the fault (${f.mentions}): ${err.message.slice(0, 300)}`
    return undefined
  }
}

/** The file through the import route: refused with a 400 problem+json naming the fault. */
export function journeyImportCase(f: JourneyFile, slug: string, session: Record<string, string>): FuzzCase {
  // JSON documents as the JSON body; Mermaid (and some JSON) as text, with or without the format stated.
  const asJsonString = f.format === 'mermaid' && f.text.length % 2 === 0
  return {
    target: 'journey import',
    kind: f.kind,
    method: 'POST',
    url: `/api/workspaces/${slug}/journeys/import${f.format === 'mermaid' ? '?format=mermaid' : f.text.length % 3 === 0 ? '?format=json' : ''}`,
    headers: { ...session, 'content-type': asJsonString ? 'application/json' : f.format === 'json' ? 'application/json' : 'text/plain' },
    body: () => (asJsonString ? JSON.stringify(f.text) : f.text),
    judge: (a: Answer) => mustRefuse(a, 0, [400, 413], (p) => (f.mentions && a.status === 400 && !f.mentions.test(`${p.detail} ${JSON.stringify(p.errors ?? [])}`) ? `does not name the fault (${f.mentions}): ${p.detail.slice(0, 300)}` : undefined)),
  }
}
