import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import { journeyToMermaid, mermaidToJourney } from '../../src/domain/journey/mermaid.ts'
import { validateJourney } from '../../src/domain/journey/validate-journey.ts'
import { parseWithMermaid, readJourneyWithMermaid } from '../support/mermaid-parser.ts'

function imported(text: string): JourneyDocument {
  const result = mermaidToJourney(text)
  if ('errors' in result) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`)
  return result.doc
}

function errorsOf(text: string): Array<{ line: number; message: string }> {
  const result = mermaidToJourney(text)
  if ('doc' in result) throw new Error('expected errors')
  return result.errors
}

/** Stage names, step names and emotions: what a Mermaid round trip keeps. */
function outline(doc: JourneyDocument): Array<{ stage: string; steps: Array<[string, number | undefined]> }> {
  return doc.stages.map((s) => ({ stage: s.name, steps: s.steps.map((step): [string, number | undefined] => [step.name, step.emotion]) }))
}

const rich: JourneyDocument = {
  format: 'waymark.journey/v1',
  name: 'Broadband: switch #1; 100%% online',
  persona: { name: 'Smith, Jane: remote worker' },
  stages: [
    {
      key: 'discover',
      name: 'Discover: compare #plans; pick',
      steps: [
        { key: 'visit', name: 'Visit site: home #1', emotion: 2 },
        { key: 'reviews', name: 'Read\nreviews;\r\n  ask friends', emotion: -2 },
        { key: 'share', name: '%% of users', emotion: 1 },
        { key: 'think', name: 'Think it over' },
      ],
    },
    {
      key: 'order',
      name: 'Order\tonline %%{init}%%',
      steps: [
        { key: 'planner', name: 'Journey planner', emotion: -1 },
        { key: 'title_page', name: 'Title page', emotion: 0 },
        { key: 'review', name: 'Section review', emotion: 1 },
        { key: 'acc', name: 'accTitle', emotion: 2 },
        { key: 'odd', name: 'a%%b', emotion: 0 },
      ],
    },
    { key: 'wait', name: 'Wait', steps: [] },
  ],
}

const richMermaid = `journey
  title Broadband - switch No.1, 100% online
  section Discover - compare No.plans, pick
    Visit site - home No.1: 5: Smith#44; Jane - remote worker
    Read reviews, ask friends: 1: Smith#44; Jane - remote worker
    #37; of users: 4: Smith#44; Jane - remote worker
    Think it over: 3: Smith#44; Jane - remote worker
  section Order online %{init}%
    #74;ourney planner: 2: Smith#44; Jane - remote worker
    #84;itle page: 3: Smith#44; Jane - remote worker
    #83;ection review: 4: Smith#44; Jane - remote worker
    #97;ccTitle: 5: Smith#44; Jane - remote worker
    a%b: 3: Smith#44; Jane - remote worker
  section Wait
`

const richOutline = [
  {
    stage: 'Discover - compare No.plans, pick',
    steps: [
      ['Visit site - home No.1', 2],
      ['Read reviews, ask friends', -2],
      ['% of users', 1],
      ['Think it over', 0],
    ],
  },
  {
    stage: 'Order online %{init}%',
    steps: [
      ['Journey planner', -1],
      ['Title page', 0],
      ['Section review', 1],
      ['accTitle', 2],
      ['a%b', 0],
    ],
  },
  { stage: 'Wait', steps: [] },
]

describe('parseWithMermaid (the real mermaid parser)', () => {
  it('accepts a journey and rejects what Mermaid rejects', async () => {
    await expect(parseWithMermaid('journey\n  title T\n  section A\n    Task: 5: Me\n')).resolves.toBeUndefined()
    await expect(parseWithMermaid('journey\n  section A\n    Task\n')).rejects.toThrow(/Parse error on line 3/)
    await expect(parseWithMermaid('journey\n  section A\n    Task: 3;\n')).rejects.toThrow(/Parse error on line 3/)
    await expect(parseWithMermaid('journey\n  section A\n    Journey planner: 3\n')).rejects.toThrow(/got 'journey'/)
    await expect(parseWithMermaid('flowchart TD\n  A --> B\n')).rejects.toThrow(/not a journey/)
  })

  it('is lenient where Waymark is strict: Mermaid takes any score, even one that is not a number', async () => {
    const text = 'journey\n  section A\n    Task: notanumber: Me\n'
    await expect(parseWithMermaid(text)).resolves.toBeUndefined()
    expect(errorsOf(text)).toEqual([{ line: 3, message: 'the score of "Task" must be a whole number from 1 to 5, not "notanumber"' }])
  })

  it('misreads task names that start with a keyword or "%" (which is why the export escapes them)', async () => {
    const seen = await readJourneyWithMermaid('journey\n  section A\n    Title page: 3\n    % of users: 4\n    Kept: 5\n')
    expect(seen.title).toBe('page: 3')
    expect(seen.tasks.map((t) => t.task)).toEqual(['Kept'])
  })
})

describe('journeyToMermaid', () => {
  it('writes sections and tasks with score = emotion + 3 and the persona as the actor, rewriting what Mermaid cannot carry', () => {
    expect(journeyToMermaid(rich)).toBe(richMermaid)
  })

  it('leaves out the actors without a persona, and the title without a name', () => {
    const doc: JourneyDocument = { format: 'waymark.journey/v1', name: ' ', stages: [{ key: 'a', name: 'A', steps: [{ key: 'make_tea', name: '', emotion: -2 }] }] }
    expect(journeyToMermaid(doc)).toBe('journey\n  section A\n    make_tea: 1\n')
  })

  it('exports a rich document that Mermaid parses as intended, and that imports back', async () => {
    const text = journeyToMermaid(rich)
    await expect(parseWithMermaid(text)).resolves.toBeUndefined()

    const seen = await readJourneyWithMermaid(text)
    expect(seen.title).toBe('Broadband - switch No.1, 100% online')
    expect(seen.sections).toEqual(richOutline.map((s) => s.stage))
    expect(seen.tasks.map((t) => [t.section, t.task, t.score - 3])).toEqual(richOutline.flatMap((s) => s.steps.map(([name, emotion]) => [s.stage, name, emotion])))
    expect(new Set(seen.tasks.flatMap((t) => t.people))).toEqual(new Set(['Smith, Jane - remote worker']))

    const back = imported(text)
    expect(outline(back)).toEqual(richOutline)
    expect(back.name).toBe('Broadband - switch No.1, 100% online')
    expect(back.persona).toEqual({ name: 'Smith, Jane - remote worker' })
    expect(validateJourney(back).ok).toBe(true)
  })

  it('round-trips stage names, step names and emotions exactly when names hold no forbidden characters', async () => {
    const doc: JourneyDocument = {
      format: 'waymark.journey/v1',
      name: 'Home broadband',
      persona: { name: 'Remote worker' },
      stages: [
        {
          key: 'discover',
          name: 'Discover',
          steps: [
            { key: 'a', name: 'Visit website', emotion: 1 },
            { key: 'b', name: 'Compare  plans (fibre vs 5G)', emotion: -2 },
            { key: 'c', name: 'Journey', emotion: 2 },
            { key: 'd', name: 'title deeds check', emotion: -1 },
            { key: 'e', name: 'SECTION of the form', emotion: 0 },
            { key: 'f', name: '% off banner', emotion: 0 },
            { key: 'g', name: 'Café visit – “ask a friend”', emotion: 1 },
          ],
        },
        { key: 'order', name: 'Journey & order', steps: [{ key: 'h', name: 'Pay 50% now, rest later', emotion: 0 }] },
      ],
    }
    const text = journeyToMermaid(doc)
    await parseWithMermaid(text)
    expect(outline(imported(text))).toEqual(outline(doc))
    expect((await readJourneyWithMermaid(text)).tasks.map((t) => t.task)).toEqual(doc.stages.flatMap((s) => s.steps.map((step) => step.name)))
  })

  it('agrees with Mermaid on what it wrote, for random names full of special characters', async () => {
    const random = seededRandom(20240611)
    const pieces = ['a', 'Z', ' ', ':', '#', ';', '%', '%%', ',', '\n', '{', '}', '"', '-', 'é', '>', '&', '1', '\t', 'title ', 'section ', 'journey', 'accDescr', 'accTitle', '#35;']
    const name = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
    for (let round = 0; round < 40; round++) {
      const doc: JourneyDocument = {
        format: 'waymark.journey/v1',
        name: name(),
        persona: { name: name() },
        stages: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, s) => ({
          key: `s${s}`,
          name: name(),
          steps: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, t) => ({ key: `s${s}t${t}`, name: name(), emotion: Math.floor(random() * 5) - 2 })),
        })),
      }
      const text = journeyToMermaid(doc)
      const seen = await readJourneyWithMermaid(text).catch((error: unknown) => {
        throw new Error(`Mermaid rejected:\n${text}\n${String(error)}`)
      })
      const back = imported(text)
      expect(back.stages.map((s) => s.name), text).toEqual(seen.sections)
      expect(
        back.stages.flatMap((s) => s.steps.map((step) => [s.name, step.name, step.emotion])),
        text,
      ).toEqual(seen.tasks.map((t) => [t.section, t.task, t.score - 3]))
      expect(back.stages.flatMap((s) => s.steps.map((step) => step.emotion))).toEqual(doc.stages.flatMap((s) => s.steps.map((step) => step.emotion)))
      expect([...new Set(seen.tasks.flatMap((t) => t.people))], text).toEqual(back.persona ? [back.persona.name] : [])
    }
  })
})

describe('mermaidToJourney', () => {
  it('imports the journey examples shipped in the mermaid package docs', async () => {
    const readme = readFileSync(createRequire(import.meta.url).resolve('mermaid/README.md'), 'utf8')
    const examples = [...readme.matchAll(/```(?:mermaid)?\n(\s*journey\n[\s\S]*?)```/g)].map((m) => m[1] ?? '')
    expect(examples.length).toBeGreaterThan(0)
    expect(examples[0]).toContain('section Go to work')
    for (const example of examples) {
      await parseWithMermaid(example)
      expect(imported(example)).toEqual({
        format: 'waymark.journey/v1',
        name: 'My working day',
        persona: { name: 'Me', otherActors: ['Cat'] },
        stages: [
          {
            key: 'go_to_work',
            name: 'Go to work',
            steps: [
              { key: 'make_tea', name: 'Make tea', channel: 'other', emotion: 2 },
              { key: 'go_upstairs', name: 'Go upstairs', channel: 'other', emotion: 0 },
              { key: 'do_work', name: 'Do work', channel: 'other', emotion: -2 },
            ],
          },
          {
            key: 'go_home',
            name: 'Go home',
            steps: [
              { key: 'go_downstairs', name: 'Go downstairs', channel: 'other', emotion: 2 },
              { key: 'sit_down', name: 'Sit down', channel: 'other', emotion: 0 },
            ],
          },
        ],
      })
      expect(validateJourney(imported(example)).ok).toBe(true)
    }
  })

  it('skips front matter, comments, directives and accessibility statements; keeps tasks before the first section', async () => {
    const text = [
      '',
      '%% exported by hand',
      '---',
      'title: "Front matter: title"',
      'config:',
      '  theme: forest',
      '---',
      '%%{init: {',
      '  "journey": {"useMaxWidth": false}',
      '}}%%',
      'journey',
      '  accTitle: Accessible title',
      '  accDescr: One line description',
      '  accDescr {',
      '    Several lines; with # and : inside',
      '  }',
      '  # a comment',
      '  Arrive: 4',
      '  section Make tea',
      '    Boil water : 3 : Me # trailing comment',
      '    Make tea: 5: Me',
      '  section Make tea',
      '    Make tea: 1: Me, Cat,Dog',
      '    Résumé #35;2: 2: Cat',
    ].join('\n')
    await parseWithMermaid(text)
    expect(imported(text)).toEqual({
      format: 'waymark.journey/v1',
      name: 'Front matter: title',
      persona: { name: 'Me', otherActors: ['Cat', 'Dog'] },
      stages: [
        { key: 'front_matter_title', name: 'Front matter: title', steps: [{ key: 'arrive', name: 'Arrive', channel: 'other', emotion: 1 }] },
        {
          key: 'make_tea',
          name: 'Make tea',
          steps: [
            { key: 'boil_water', name: 'Boil water', channel: 'other', emotion: 0 },
            { key: 'make_tea', name: 'Make tea', channel: 'other', emotion: 2 },
          ],
        },
        {
          key: 'make_tea_2',
          name: 'Make tea',
          steps: [
            { key: 'make_tea_2', name: 'Make tea', channel: 'other', emotion: -2 },
            { key: 'resume_2', name: 'Résumé #2', channel: 'other', emotion: -1 },
          ],
        },
      ],
    })
  })

  it('names an untitled journey, and its section-less tasks "Journey"; no actors means no persona', () => {
    expect(imported('journey\n  Task: 3\n  Task: 4\n')).toEqual({
      format: 'waymark.journey/v1',
      name: 'Untitled journey',
      stages: [
        {
          key: 'journey',
          name: 'Journey',
          steps: [
            { key: 'task', name: 'Task', channel: 'other', emotion: 0 },
            { key: 'task_2', name: 'Task', channel: 'other', emotion: 1 },
          ],
        },
      ],
    })
  })

  it('reports every bad score with its line number', () => {
    const text = ['journey', '  title Scores', '  section A', '    Fine: 5: Me', '    Too high: 7: Me', '', '    Half: 2.5', '    Missing: : Me', '    Zero: 0'].join('\n')
    expect(errorsOf(text)).toEqual([
      { line: 5, message: 'the score of "Too high" must be a whole number from 1 to 5, not "7"' },
      { line: 7, message: 'the score of "Half" must be a whole number from 1 to 5, not "2.5"' },
      { line: 8, message: 'the score of "Missing" must be a whole number from 1 to 5, not ""' },
      { line: 9, message: 'the score of "Zero" must be a whole number from 1 to 5, not "0"' },
    ])
    expect(errorsOf('journey\r\n  section A\r\n    Bad: x\r\n')).toEqual([{ line: 3, message: expect.stringContaining('"x"') }])
  })

  it('reports the syntax errors Mermaid also rejects, with their line numbers', async () => {
    const cases: Array<[string, number, RegExp]> = [
      ['journey\n  section A\n    Task\n', 3, /name: score/],
      ['journey\n  section A\n    Task: 3;\n', 3, /`;`/],
      ['journey\n  title A; B\n', 2, /`;`/],
      ['journey\n  section A: B\n', 2, /section name/],
      ['journey\n  section A\n    : 3\n', 3, /needs a name/],
      ['journey\n  section A\n    journey stop: 3\n', 3, /only appear once/],
      ['\n\n  graph TD\njourney\n', 3, /starts with `journey`/],
      ['Journey\n  section A\n', 1, /starts with `journey`/],
      ['---\ntitle: x\njourney\n', 1, /front matter/],
    ]
    for (const [text, line, message] of cases) {
      await expect(parseWithMermaid(text), text).rejects.toThrow()
      const errors = errorsOf(text)
      expect(errors, text).toHaveLength(1)
      expect(errors[0]?.line, text).toBe(line)
      expect(errors[0]?.message, text).toMatch(message)
    }
    expect(errorsOf('')).toEqual([{ line: 1, message: 'no diagram: expected `journey`' }])
  })
})

/** A small deterministic PRNG (mulberry32), so the random test is repeatable. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
