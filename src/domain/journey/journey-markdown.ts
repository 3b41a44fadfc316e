import { allSteps, EMOTION_MAX, EMOTION_MIN, type Insight, type JourneyDocument, type Persona, type Stage, type Step } from './journey.ts'

/**
 * A journey as a readable Markdown document: the name and description, the persona,
 * the goal, a `##` section per stage with its goal, promise, motivations, questions
 * and fears, a `###` section per step (channel, designed emotion as `+1 🙂`,
 * description, thoughts, pains, backstage, owner, moment of truth), then the
 * evidence: every insight with its source, quote and linked steps.
 *
 * User text is escaped only where Markdown would otherwise change its meaning:
 * `\`, `*`, `_`, `[`, `]` and `<` anywhere, and block markers (`#`, `>`, `-`, `+`,
 * `=`, `1.`) at the start of a line. Backticks and `|` are left as they are.
 */
export function journeyToMarkdown(doc: JourneyDocument): string {
  const blocks: string[] = [`# ${heading(doc.name)}`]
  if (doc.description) blocks.push(paragraph(doc.description))
  if (doc.persona) blocks.push(...personaBlocks(doc.persona))
  if (doc.goal) blocks.push('## Goal', goalText(doc, doc.goal))
  for (const stage of doc.stages) blocks.push(...stageBlocks(stage))
  if (doc.insights?.length) blocks.push('## Evidence', ...doc.insights.flatMap((insight, i) => insightBlocks(doc, insight, i + 1)))
  return `${blocks.join('\n\n')}\n`
}

const EMOTION_FACES: Record<number, string> = { [-2]: '😣', [-1]: '🙁', 0: '😐', 1: '🙂', 2: '😄' }

/** `+1 🙂`, `0 😐`, `-2 😣`. */
export function emotionLabel(emotion: number): string {
  const face = EMOTION_FACES[Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, Math.round(emotion)))] ?? ''
  return `${emotion > 0 ? '+' : ''}${emotion} ${face}`
}

function personaBlocks(persona: Persona): string[] {
  const blocks = [`## Persona: ${heading(persona.name)}`]
  if (persona.description) blocks.push(paragraph(persona.description))
  const facts = [item('Job to be done', persona.job), list('Desired outcomes', persona.outcomes), list('Goals', persona.goals), list('Frustrations', persona.frustrations)]
  pushList(blocks, facts)
  return blocks
}

/** The goal step's name, or the goal event; already escaped. */
function goalText(doc: JourneyDocument, goal: string): string {
  const goalStep = allSteps(doc).find(({ step }) => step.key === goal)?.step
  return goalStep ? `Reaching the step “${escapeInline(goalStep.name)}” (${code(goal)})` : `The event ${code(goal)}`
}

function stageBlocks(stage: Stage): string[] {
  const blocks = [`## ${heading(stage.name)}`]
  pushList(blocks, [item('Goal', stage.goal), item('Promise', stage.promise), list('Motivations', stage.motivations), list('Questions', stage.questions), list('Fears', stage.fears)])
  for (const step of stage.steps) blocks.push(...stepBlocks(step))
  return blocks
}

function stepBlocks(step: Step): string[] {
  const blocks = [`### ${heading(step.name)}`]
  pushList(blocks, [
    item('Channel', step.channel),
    item('Designed emotion', typeof step.emotion === 'number' ? emotionLabel(step.emotion) : undefined, { escape: false }),
    step.momentOfTruth ? '- **Moment of truth**' : undefined,
    item('Description', step.description),
    item('Thoughts', step.thoughts),
    list('Pains', step.pains),
    item('Backstage', step.backstage),
    item('Owner', step.owner),
  ])
  return blocks
}

function insightBlocks(doc: JourneyDocument, insight: Insight, number: number): string[] {
  const blocks = [`### ${number}. ${sourceLabel(insight.source)}`, paragraph(insight.text)]
  if (insight.quote) blocks.push(blockquote(insight.quote))
  const stepNames = new Map(allSteps(doc).map(({ step }) => [step.key, step.name]))
  const stageNames = new Map(doc.stages.map((stage) => [stage.key, stage.name]))
  const named = (names: Map<string, string>) => (key: string) => {
    const name = names.get(key)
    return name === undefined ? code(key) : escapeInline(name)
  }
  const by = [insight.author, insight.date].filter((part): part is string => Boolean(part))
  pushList(blocks, [
    insight.steps?.length ? `- **Steps:** ${insight.steps.map(named(stepNames)).join(', ')}` : undefined,
    insight.stages?.length ? `- **Stages:** ${insight.stages.map(named(stageNames)).join(', ')}` : undefined,
    item('By', by.length ? by.join(', ') : undefined),
    insight.link ? `- **Link:** <${insight.link.replace(/[\s<>]/g, encodeURIComponent)}>` : undefined,
  ])
  return blocks
}

function sourceLabel(source: string): string {
  const words = source.replaceAll('_', ' ')
  return escapeInline(words.charAt(0).toUpperCase() + words.slice(1))
}

function pushList(blocks: string[], items: Array<string | undefined>): void {
  const present = items.filter((line): line is string => line !== undefined)
  if (present.length) blocks.push(present.join('\n'))
}

/** `- **Label:** text`, its continuation lines indented under the item. */
function item(label: string, text: string | undefined, { escape = true } = {}): string | undefined {
  if (!text) return undefined
  const body = escape ? escapeBlock(text) : text
  return `- **${label}:** ${body.split('\n').join('\n  ')}`
}

function list(label: string, entries: string[] | undefined): string | undefined {
  if (!entries?.length) return undefined
  return [`- **${label}:**`, ...entries.map((entry) => `  - ${escapeBlock(entry).split('\n').join('\n    ')}`)].join('\n')
}

/** One line; a trailing `#` is escaped, as it would close the heading. */
function heading(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim()).replace(/#$/, '\\#')
}

/** A code span, with a fence longer than any run of backticks inside. */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const padding = longestRun ? ' ' : ''
  return `${fence}${padding}${text}${padding}${fence}`
}

function paragraph(text: string): string {
  return escapeBlock(text.trim())
}

function blockquote(text: string): string {
  return escapeBlock(text.trim())
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n')
}

/** Multi-line text: inline escapes, block markers escaped at each line start, CRLF normalised. */
export function escapeBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeInline(line).replace(/^(\s*)([#>+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('\n')
}

export function escapeInline(text: string): string {
  return text.replace(/[\\*_[\]<]/g, '\\$&')
}
