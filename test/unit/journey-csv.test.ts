import { describe, expect, it } from 'vitest'
import { journeyToCsv } from '../../src/domain/journey/journey-csv.ts'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  while (i < text.length) {
    const char = text[i]
    if (char === '"' && field === '') {
      const end = /^"((?:[^"]|"")*)"(?=,|\r\n)/.exec(text.slice(i))
      if (!end) throw new Error(`bad quoted field at ${i}`)
      field = (end[1] ?? '').replaceAll('""', '"')
      i += end[0].length
    } else if (char === ',') {
      row.push(field)
      field = ''
      i++
    } else if (text.startsWith('\r\n', i)) {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += 2
    } else {
      if (char === '"' || char === '\r' || char === '\n') throw new Error(`unquoted ${JSON.stringify(char)} at ${i}`)
      field += char
      i++
    }
  }
  if (field !== '' || row.length) throw new Error('the last record does not end with CRLF')
  return rows
}

const header = 'stage_key,stage_name,stage_goal,stage_promise,step_key,step_name,channel,emotion,description,thoughts,pains,backstage,owner,moment_of_truth,match'

const doc: JourneyDocument = {
  format: 'waymark.journey/v1',
  name: 'Broadband',
  stages: [
    {
      key: 'discover',
      name: 'Discover, compare',
      goal: 'Find a "fair" plan',
      promise: 'No surprises',
      steps: [
        {
          key: 'visit',
          name: 'Visit website',
          channel: 'web',
          emotion: 1,
          description: 'Lands on the home page,\nthen scrolls.\r\nThen leaves',
          thoughts: 'Is "up to" real?',
          pains: ['slow', 'confusing, too'],
          backstage: 'CMS',
          owner: 'Marketing',
          momentOfTruth: true,
          match: [{ event: 'page_viewed', where: { path: '/' } }],
        },
        { key: 'compare', name: 'Compare plans', emotion: -2, momentOfTruth: false },
      ],
    },
    { key: 'empty', name: 'Nothing here yet', steps: [] },
    {
      key: 'pay',
      name: '=HYPERLINK("http://evil.example","click")',
      goal: '+1 for us',
      promise: '-2 days',
      steps: [{ key: 'bill', name: '@SUM(A1:A9)', description: '\tindented', thoughts: 'fine = fine', pains: ['=cmd|/c calc', 'ok'], owner: '-team', emotion: 0 }],
    },
  ],
}

describe('journeyToCsv', () => {
  it('writes a header and one CRLF-terminated row per step, in journey order', () => {
    const csv = journeyToCsv(doc)
    expect(csv.startsWith(`${header}\r\n`)).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    const rows = readCsv(csv)
    expect(rows[0]?.join(',')).toBe(header)
    expect(rows.slice(1).map((r) => r[4])).toEqual(['visit', 'compare', 'bill'])
    expect(rows.every((r) => r.length === 15)).toBe(true)
  })

  it('quotes fields with commas, quotes and line breaks, and they read back unchanged', () => {
    const csv = journeyToCsv(doc)
    expect(csv).toContain('discover,"Discover, compare","Find a ""fair"" plan",No surprises,visit,Visit website,web,1,')
    const visit = readCsv(csv)[1]
    expect(visit).toEqual([
      'discover',
      'Discover, compare',
      'Find a "fair" plan',
      'No surprises',
      'visit',
      'Visit website',
      'web',
      '1',
      'Lands on the home page,\nthen scrolls.\r\nThen leaves',
      'Is "up to" real?',
      'slow; confusing, too',
      'CMS',
      'Marketing',
      'true',
      '[{"event":"page_viewed","where":{"path":"/"}}]',
    ])
    expect(JSON.parse(visit?.[14] ?? '')).toEqual(doc.stages[0]?.steps[0]?.match)
  })

  it('leaves absent values empty and writes false as false', () => {
    const compare = readCsv(journeyToCsv(doc))[2]
    expect(compare).toEqual(['discover', 'Discover, compare', 'Find a "fair" plan', 'No surprises', 'compare', 'Compare plans', '', '-2', '', '', '', '', '', 'false', ''])
  })

  it('defuses cells a spreadsheet would run as a formula, but keeps a negative emotion a number', () => {
    const csv = journeyToCsv(doc)
    const bill = readCsv(csv)[3]
    expect(bill).toEqual([
      'pay',
      `'=HYPERLINK("http://evil.example","click")`,
      "'+1 for us",
      "'-2 days",
      'bill',
      "'@SUM(A1:A9)",
      '',
      '0',
      "'\tindented",
      'fine = fine',
      "'=cmd|/c calc; ok",
      '',
      "'-team",
      '',
      '',
    ])
    expect(readCsv(csv)[2]?.[7]).toBe('-2')
    expect(csv).toContain(',compare,Compare plans,,-2,')
  })

  it('writes only the header for a journey without steps', () => {
    expect(journeyToCsv({ format: 'waymark.journey/v1', name: 'Empty', stages: [] })).toBe(`${header}\r\n`)
  })
})
