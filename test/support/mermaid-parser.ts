/**
 * Mermaid's real parser, from Node: `mermaid.parse` runs the same preprocessing
 * (front matter, directives, comments, entity codes), diagram detection and jison
 * grammar as in a browser, and rejects on a syntax error.
 *
 * Parsing needs no DOM with one exception: the diagram's db passes titles through
 * DOMPurify, and DOMPurify without a `window` is an object with neither `sanitize`
 * nor `addHook`. So those two get pass-through stand-ins; sanitizing only changes
 * text for display, never what parses. (`dompurify` is mermaid's own dependency:
 * the same module instance that mermaid imports.)
 */
import DOMPurify from 'dompurify'
import mermaid from 'mermaid'

const purifier = DOMPurify as unknown as { isSupported: boolean; sanitize?: (dirty: string) => string; addHook?: () => void }
if (!purifier.isSupported) {
  purifier.sanitize ??= (dirty) => dirty
  purifier.addHook ??= () => undefined
}

/** Resolves when Mermaid parses `text` as a `journey` diagram; rejects with Mermaid's error otherwise. */
export async function parseWithMermaid(text: string): Promise<void> {
  const { diagramType } = await mermaid.parse(text)
  if (diagramType !== 'journey') throw new Error(`Mermaid read a "${diagramType}" diagram, not a journey`)
}

/** A journey as Mermaid's own db holds it after parsing, entity codes decoded as a browser would show them. */
export type MermaidJourney = {
  title: string
  sections: string[]
  tasks: Array<{ section: string; task: string; score: number; people: string[] }>
}

type JourneyDb = {
  getDiagramTitle(): string
  getSections(): string[]
  getTasks(): Array<{ section: string; task: string; score: number; people: string[] }>
}

let journeyDb: JourneyDb | undefined

/** Parses with Mermaid, then reads what Mermaid understood (its journey db is a module-level singleton). */
export async function readJourneyWithMermaid(text: string): Promise<MermaidJourney> {
  journeyDb ??= await theJourneyDb()
  await parseWithMermaid(text)
  const tasks = journeyDb.getTasks() // not idempotent: each call appends the parsed tasks again
  return {
    title: shown(journeyDb.getDiagramTitle()),
    sections: journeyDb.getSections().map(shown),
    tasks: tasks.map((t) => ({ section: shown(t.section), task: shown(t.task), score: t.score, people: t.people.map(shown) })),
  }
}

async function theJourneyDb(): Promise<JourneyDb> {
  await mermaid.parse('journey\n') // registers the built-in diagram types
  const diagram = await mermaid.mermaidAPI.getDiagramFromText('journey\n')
  return diagram.db as unknown as JourneyDb
}

/** Mermaid keeps `#35;`-style entity codes as placeholders until it writes the SVG. */
function shown(text: string): string {
  return text.replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/\uFB02\u00B0(\w+)\u00B6\u00DF/g, '&$1;')
}
