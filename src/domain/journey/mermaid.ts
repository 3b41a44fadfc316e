import { EMOTION_MAX, EMOTION_MIN, JOURNEY_FORMAT, type JourneyDocument, type Persona, type Stage, type Step } from './journey.ts'

/**
 * Journey maps as Mermaid `journey` diagrams (https://mermaid.js.org/syntax/userJourney.html):
 *
 *     journey
 *       title My working day
 *       section Go to work
 *         Make tea: 5: Me
 *         Do work: 1: Me, Cat
 *
 * A section is a stage, a task is a step. Mermaid scores a task 1–5; a step's
 * emotion -2…+2 is that score minus 3. The actors after the second colon are the
 * persona; actors are optional in Mermaid's grammar (`Make tea: 5` is valid).
 */

const SCORE_OFFSET = 3
const NEUTRAL_SCORE = 3

/**
 * The Mermaid text of a journey. Mermaid has no quoting, so text is rewritten
 * where its grammar would misread it:
 *
 * - line breaks, tabs and other control characters become one space; text is trimmed;
 * - `:` becomes ` -`, `#` becomes `No.`, `;` becomes `,` and `%%` becomes `%`
 *   (`:` ends a task name, `#` starts a comment, `;` is a syntax error, `%%` a comment or directive);
 * - a task name that Mermaid would read as a keyword or a comment (one starting with
 *   `journey`, `title `, `section `, `accTitle`, `accDescr` or `%`) gets its first
 *   character written as a Mermaid entity code (`Title page` → `#84;itle page`),
 *   which Mermaid renders as the character and mermaidToJourney decodes;
 * - a comma inside the persona name becomes the entity code `#44;`, as a bare comma
 *   separates actors;
 * - an empty name falls back to the key.
 *
 * The score is emotion + 3; a step without an emotion gets the neutral 3 (and so
 * comes back from mermaidToJourney with emotion 0). The actors are the persona's
 * name, or left out when the journey has no persona. Output is deterministic.
 */
export function journeyToMermaid(doc: JourneyDocument): string {
  const actors = doc.persona ? mermaidText(doc.persona.name).replaceAll(',', '#44;') : ''
  const lines = ['journey']
  const title = mermaidText(doc.name)
  if (title) lines.push(`  title ${title}`)
  for (const stage of doc.stages) {
    lines.push(`  section ${mermaidText(stage.name) || mermaidText(stage.key) || 'Stage'}`)
    for (const step of stage.steps) {
      const score = scoreOf(step.emotion)
      lines.push(`    ${taskName(step)}: ${score}${actors ? `: ${actors}` : ''}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** Text rewritten so that Mermaid's journey grammar reads it back as one piece of text. */
function mermaidText(text: string): string {
  return text
    .replace(/\s*[\p{Cc}\u2028\u2029][\s\p{Cc}]*/gu, ' ')
    .replace(/\s*:/g, ' -')
    .replaceAll('#', 'No.')
    .replaceAll(';', ',')
    .replace(/%{2,}/g, '%')
    .trim()
}

/** Task names Mermaid's lexer would take for a keyword or a comment. */
const MISREAD_TASK_NAME = /^(?:journey\b|title\s|section\s|acc(?:title|descr)\b|%)/i

function taskName(step: Step): string {
  const name = mermaidText(step.name) || mermaidText(step.key) || 'Step'
  if (!MISREAD_TASK_NAME.test(name)) return name
  const first = name.codePointAt(0) ?? 0
  return `#${first};${name.slice(String.fromCodePoint(first).length)}`
}

function scoreOf(emotion: number | undefined): number {
  if (typeof emotion !== 'number' || !Number.isFinite(emotion)) return NEUTRAL_SCORE
  return Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, Math.round(emotion))) + SCORE_OFFSET
}

export type MermaidImportError = { line: number; message: string }

/**
 * Reads a Mermaid `journey` diagram, following Mermaid's own grammar (11.x):
 *
 * - before `journey`: blank lines, `%%` comments and `%%{…}%%` directives, and a YAML
 *   front-matter block `---…---` (its `title:` names the journey when the diagram has no `title`);
 * - `title …` names the journey ("Untitled journey" without one); `accTitle: …`,
 *   `accDescr: …` and `accDescr { … }` are ignored, as are `%%` and `#` comments;
 * - `section …` starts a stage; tasks before the first section go into a stage named
 *   after the title (or "Journey");
 * - `name: score` or `name: score: actor, actor` is a step with channel `other` and
 *   emotion score - 3; the score must be a whole number 1–5. The first actor becomes
 *   `persona.name`, any other distinct actors `persona.otherActors`;
 * - Mermaid entity codes (`#35;`, `#quot;`) are decoded.
 *
 * Keys are snake_case ASCII of the names (`Make tea` → `make_tea`), made unique with
 * `_2`, `_3`…; step keys are unique across the journey. Every problem is reported
 * with its 1-based line number.
 */
export function mermaidToJourney(text: string): { doc: JourneyDocument } | { errors: MermaidImportError[] } {
  const reader = new JourneyReader()
  reader.read(text)
  return reader.result()
}

/** A section as read; `name` is undefined for the tasks before the first section. */
type Section = { name: string | undefined; tasks: Array<{ name: string; score: number }> }

class JourneyReader {
  private readonly errors: MermaidImportError[] = []
  private title: string | undefined
  private frontMatterTitle: string | undefined
  private readonly sections: Section[] = []
  private readonly actors: string[] = []
  private inDescriptionBlock = false

  read(text: string): void {
    const lines = encodeEntities(removeDirectives(text.replace(/[\uE000\uE001]/g, ''))).split(/\r\n|\r|\n/)
    let index = this.skipPreamble(lines, 0)
    if (this.errors.length) return
    if (index >= lines.length) {
      this.error(Math.max(1, lines.length), 'no diagram: expected `journey`')
      return
    }
    const start = /^\s*journey\b/.exec(lines[index] ?? '')
    if (!start) {
      this.error(index + 1, 'a journey diagram starts with `journey`')
      return
    }
    this.statement((lines[index] ?? '').slice(start[0].length), index + 1)
    for (index += 1; index < lines.length; index++) this.line(lines[index] ?? '', index + 1)
    if (this.inDescriptionBlock) this.error(lines.length, '`accDescr {` is not closed with `}`')
  }

  result(): { doc: JourneyDocument } | { errors: MermaidImportError[] } {
    if (this.errors.length) return { errors: this.errors }
    const name = this.title || this.frontMatterTitle || 'Untitled journey'
    const stageKeys = new UniqueKeys()
    const stepKeys = new UniqueKeys()
    const stages: Stage[] = this.sections.map((section) => {
      const stageName = section.name ?? (this.title || this.frontMatterTitle || 'Journey')
      return {
        key: stageKeys.from(stageName, 'stage'),
        name: stageName,
        steps: section.tasks.map((task) => ({ key: stepKeys.from(task.name, 'step'), name: task.name, channel: 'other', emotion: task.score - SCORE_OFFSET })),
      }
    })
    const [first, ...others] = this.actors
    const persona: Persona | undefined = first === undefined ? undefined : others.length ? { name: first, otherActors: others } : { name: first }
    return { doc: { format: JOURNEY_FORMAT, name, ...(persona ? { persona } : {}), stages } }
  }

  /** Blank lines, comments, directives and front matter before `journey`; returns the index of the first other line. */
  private skipPreamble(lines: string[], from: number): number {
    let index = from
    let frontMatterAllowed = true
    while (index < lines.length) {
      const line = lines[index] ?? ''
      const fence = /^([^\S\n]*)---\s*$/.exec(line)
      if (fence && frontMatterAllowed) {
        const end = lines.findIndex((candidate, i) => i > index && candidate.trimEnd() === `${fence[1]}---`)
        if (end < 0) {
          this.error(index + 1, 'front matter is not closed with `---`')
          return lines.length
        }
        this.frontMatterTitle = frontMatterTitle(lines.slice(index + 1, end), fence[1] ?? '')
        frontMatterAllowed = false
        index = end + 1
      } else if (line.trim() === '' || /^\s*%%/.test(line)) {
        index++
      } else {
        return index
      }
    }
    return index
  }

  private line(line: string, lineNumber: number): void {
    if (this.inDescriptionBlock) {
      const end = line.indexOf('}')
      if (end < 0) return
      this.inDescriptionBlock = false
      return this.statement(line.slice(end + 1), lineNumber)
    }
    this.statement(line, lineNumber)
  }

  /** One statement, as Mermaid's lexer reads it: keywords first, then `task name` `: data`. */
  private statement(fragment: string, line: number): void {
    const text = fragment.trimStart()
    // `%…` and `#…` are comments, and so is a token whose second and third characters are `%%`.
    if (text.trim() === '' || text.startsWith('%') || text.startsWith('#') || /^[^}]%%/.test(text)) return
    if (/^journey\b/i.test(text)) return this.error(line, '`journey` may only appear once, at the top')
    if (/^acc(?:Title|Descr)\s*:/i.test(text)) return
    const descriptionBlock = /^accDescr\s*\{/i.exec(text)
    if (descriptionBlock) {
      const rest = text.slice(descriptionBlock[0].length)
      const end = rest.indexOf('}')
      if (end < 0) this.inDescriptionBlock = true
      else this.statement(rest.slice(end + 1), line)
      return
    }
    const title = /^title\s([^#;]+)/i.exec(text)
    if (title) {
      this.title = decodeEntities(title[1] ?? '').trim()
      return this.expectLineEnd(text.slice(title[0].length), line)
    }
    if (/^title\s*$/i.test(text)) return this.error(line, '`title` needs a text')
    const section = /^section\s([^#:;]+)/i.exec(text)
    if (section) {
      const name = decodeEntities(section[1] ?? '').trim()
      this.sections.push({ name: name || 'Untitled stage', tasks: [] })
      const rest = text.slice(section[0].length)
      if (rest.startsWith(':')) return this.error(line, 'a section name cannot contain `:`')
      return this.expectLineEnd(rest, line)
    }
    if (/^section\s*$/i.test(text)) return this.error(line, '`section` needs a name')
    const task = /^([^#:;]+)(:[^#;]+)?/.exec(text)
    if (!task) {
      return this.error(line, text.startsWith(':') ? 'a task needs a name before `:`' : `unexpected "${text.charAt(0)}"`)
    }
    const data = task[2]
    if (data === undefined) return this.error(line, 'expected a task as `name: score` or `name: score: actors` (e.g. `Make tea: 5: Me`)')
    this.task(decodeEntities(task[1] ?? '').trim() || 'Untitled step', data.slice(1), line)
    this.expectLineEnd(text.slice(task[0].length), line)
  }

  /** Mirrors Mermaid: the score is before the first `:`, the actors between it and the next `:`. */
  private task(name: string, data: string, line: number): void {
    const [scoreText = '', actorText = ''] = data.split(':')
    const score = scoreText.trim() === '' ? Number.NaN : Number(scoreText)
    if (!Number.isInteger(score) || score < EMOTION_MIN + SCORE_OFFSET || score > EMOTION_MAX + SCORE_OFFSET) {
      return this.error(line, `the score of "${name}" must be a whole number from 1 to 5, not "${scoreText.trim()}"`)
    }
    for (const actor of actorText.split(',')) {
      const actorName = decodeEntities(actor).trim()
      if (actorName && !this.actors.includes(actorName)) this.actors.push(actorName)
    }
    this.currentSection().tasks.push({ name, score })
  }

  private currentSection(): Section {
    const last = this.sections.at(-1)
    if (last) return last
    const section: Section = { name: undefined, tasks: [] }
    this.sections.push(section)
    return section
  }

  /** After a statement only a `#` comment may follow; `;` is a syntax error in Mermaid. */
  private expectLineEnd(rest: string, line: number): void {
    if (rest.trim() === '' || rest.startsWith('#')) return
    this.error(line, rest.startsWith(';') ? '`;` is not allowed in a journey diagram' : `unexpected "${rest.trim()}"`)
  }

  private error(line: number, message: string): void {
    this.errors.push({ line, message })
  }
}

/** Mermaid's own pattern for `%%{init: …}%%` directives, which may span lines. */
const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi

/** Mermaid drops directives wherever they are; their line breaks are kept here, for line numbers. */
function removeDirectives(text: string): string {
  return text.replace(DIRECTIVE, (directive) => directive.replace(/[^\r\n]+/g, ''))
}

/** The top-level `title:` of a YAML front-matter block, unquoted. */
function frontMatterTitle(lines: string[], indent: string): string | undefined {
  for (const encoded of lines) {
    // Mermaid reads front matter before it replaces entity codes: restore them.
    const line = encoded.replace(/\uE000(\w+)\uE001/g, '#$1;')
    const match = /^title:\s*(.*?)\s*$/.exec(line.startsWith(indent) ? line.slice(indent.length) : line)
    if (!match) continue
    const value = match[1] ?? ''
    if (/^".*"$/.test(value)) {
      try {
        return String(JSON.parse(value))
      } catch {
        return value.slice(1, -1)
      }
    }
    if (/^'.*'$/.test(value)) return value.slice(1, -1).replaceAll("''", "'")
    return value.replace(/\s+#.*$/, '') || undefined
  }
  return undefined
}

/**
 * Mermaid replaces entity codes (`#35;`, `#quot;`) before it lexes the text, so an
 * entity never starts a comment or ends a name. Same here: they become private-use
 * placeholders, decoded into characters once a name has been cut out.
 */
function encodeEntities(text: string): string {
  return text.replace(/#(\w+);/g, '\uE000$1\uE001')
}

const NAMED_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0', num: '#', semi: ';', colon: ':', comma: ',' }

function decodeEntities(text: string): string {
  return text.replace(/\uE000(\w+)\uE001/g, (_, entity: string) => {
    if (/^\d+$/.test(entity)) {
      const codePoint = Number(entity)
      const printable = codePoint >= 0x20 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff)
      return printable ? String.fromCodePoint(codePoint) : `#${entity};`
    }
    return NAMED_ENTITIES[entity] ?? `#${entity};`
  })
}

/** snake_case ASCII keys, unique within one instance: `Make tea` → `make_tea`, then `make_tea_2`. */
class UniqueKeys {
  private readonly used = new Set<string>()

  from(name: string, fallback: string): string {
    const base =
      name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+/, '')
        .slice(0, 90)
        .replace(/_+$/, '') || fallback
    let key = base
    for (let n = 2; this.used.has(key); n++) key = `${base}_${n}`
    this.used.add(key)
    return key
  }
}
