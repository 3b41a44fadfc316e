import fs from 'node:fs'
import { canonicalJson } from '../../src/domain/journey/canonical-json.ts'
import { describe, expect, it } from 'vitest'
import { journeyJsonSchema } from '../../src/domain/journey/journey-json-schema.ts'
import { journeyToJson, parseJourneyJson } from '../../src/domain/journey/journey-json.ts'
import { validateJourney } from '../../src/domain/journey/validate-journey.ts'

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

const canonical = canonicalJson

describe('journey JSON', () => {
  it('round-trips the issue example byte for byte after normalising', () => {
    const input = fixture('issue-example.journey.json')
    const exported = journeyToJson(parseJourneyJson(input))
    expect(canonical(JSON.parse(exported))).toBe(canonical(JSON.parse(input)))
    expect(exported.startsWith('{\n  "format": "waymark.journey/v1",\n  "name": ')).toBe(true)
  })

  it('keeps unknown fields at every level', () => {
    const doc = JSON.parse(fixture('issue-example.journey.json'))
    doc.x_team = 'growth'
    doc.stages[0].colour = '#0f0'
    doc.stages[0].steps[1].sla = { hours: 4 }
    doc.persona.age = 34
    const out = JSON.parse(journeyToJson(parseJourneyJson(JSON.stringify(doc))))
    expect(out.x_team).toBe('growth')
    expect(out.stages[0].colour).toBe('#0f0')
    expect(out.stages[0].steps[1].sla).toEqual({ hours: 4 })
    expect(out.persona.age).toBe(34)
  })

  it('lists every problem of a broken file with its path', () => {
    const v = validateJourney(JSON.parse(fixture('broken.journey.json')))
    expect(v.ok).toBe(false)
    const errors = !v.ok ? v.errors.map((e) => `${e.path}: ${e.message}`) : []
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stages\[0\]\.steps\[0\]\.emotion: .*number/),
        expect.stringMatching(/^stages\[0\]\.steps\[1\]\.key: duplicate step key "visit_site" \(also stages\[0\]\.steps\[0\]\)/),
        expect.stringMatching(/^stages\[1\]\.steps\[0\]\.channel: unknown channel "fax"/),
        expect.stringMatching(/^stages\[1\]\.steps\[0\]\.emotion: .*2/),
        expect.stringMatching(/^stages\[1\]\.steps\[0\]\.match\[0\]\.channel: unknown channel "pigeon"/),
        'insights[0].steps[0]: unknown step "nope"',
        'insights[0].stages[0]: unknown stage "onboard"',
      ]),
    )
    expect(errors).toHaveLength(7)
  })

  it('accepts channels the journey declares', () => {
    const doc = JSON.parse(fixture('issue-example.journey.json'))
    doc.stages[0].steps[1].channel = 'fax'
    expect(validateJourney(doc).ok).toBe(false)
    doc.channels = ['fax']
    expect(validateJourney(doc).ok).toBe(true)
  })

  it('reports invalid JSON text clearly', () => {
    expect(() => parseJourneyJson('{"format": ')).toThrow(/^Not valid JSON: /)
  })

  it('checks desired outcomes bound to measures: known steps, scores on their scale; lanes are lane ids', () => {
    const doc = JSON.parse(fixture('issue-example.journey.json'))
    doc.outcomes = [
      { text: 'sees the plans', measure: { kind: 'reach', step: 'compare_plans' } },
      { text: 'plans within a day', measure: { kind: 'within', from: 'visit_site', to: 'compare_plans', hours: 24 } },
      { text: 'not bound yet' },
    ]
    doc.lanes = ['thoughts', 'pains', 'opportunities']
    expect(validateJourney(doc).ok).toBe(true)
    doc.outcomes.push({ text: 'x', measure: { kind: 'within', from: 'nope', to: 'compare_plans', hours: 24 } }, { text: 'y', measure: { kind: 'score', step: 'visit_site', scoreKind: 'csat', min: 9 } })
    doc.outcomes.push({ text: 'z', measure: { kind: 'guess', step: 'visit_site' } })
    doc.lanes.push('Not A Lane')
    const v = validateJourney(doc)
    const errors = !v.ok ? v.errors.map((e) => `${e.path}: ${e.message}`) : []
    expect(errors).toEqual(
      expect.arrayContaining([
        'outcomes[3].measure.from: unknown step "nope"',
        'outcomes[4].measure.min: 9 is outside the csat scale 1–5',
        expect.stringMatching(/^outcomes\[5\]\.measure\.kind: /),
        expect.stringMatching(/^lanes\[3\]: must be a lane id/),
      ]),
    )
    expect(errors).toHaveLength(4)
  })

  it('the committed JSON Schema is the one the code generates', () => {
    const committed = JSON.parse(fs.readFileSync(new URL('../../schemas/waymark.journey.v1.json', import.meta.url), 'utf8'))
    expect(committed).toEqual(journeyJsonSchema())
  })
})
