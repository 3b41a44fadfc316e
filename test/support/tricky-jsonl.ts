import { seededRandom } from '../../src/demo/random.ts'

/**
 * A seeded JSONL event log, written as raw text so that it holds what JSON
 * exports hold and a reader must get right: numbers in every spelling (1.50,
 * 1E2, -0, 1e400, 20-digit integers, epoch times as numbers), booleans and
 * nulls, \u escapes (accents, a surrogate pair, a lone surrogate), escaped
 * line breaks and quotes, padded values; and lines that are not the common
 * shape: keys missing, extra, reordered, repeated or integer-like, nested
 * objects and arrays, blank and whitespace-only lines, a BOM mid-file, invalid
 * JSON, trailing text, arrays, strings and null, an empty object.
 */
export function trickyJsonl(seed: number, rows: number, opts: { ownIds?: boolean } = {}): string {
  const random = seededRandom(seed)
  const rand = random.next
  const pick = random.pick
  const str = (s: string) => JSON.stringify(s)
  const times = [
    () => str(`2024-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}T0${Math.floor(rand() * 9)}:1${Math.floor(rand() * 9)}:2${Math.floor(rand() * 9)}Z`),
    () => str(`2024-03-1${Math.floor(rand() * 9)} 10:0${Math.floor(rand() * 9)}:00`),
    () => str(`2024-03-11T10:05:00.${pick(['1', '12', '123', '1234'])}Z`),
    () => str('2024-03-11T10:05:00+02:00'),
    () => str('2024-02-30T10:00:00Z'),
    () => String(1_700_000_000 + Math.floor(rand() * 1e6)),
    () => String(1_700_000_000_000 + Math.floor(rand() * 1e9)),
    () => `${1_700_000_000 + Math.floor(rand() * 1e6)}.5`,
    () => '17000000000E-1',
    () => '5',
    () => str(String(1_700_000_000 + Math.floor(rand() * 1e6))),
    () => 'null',
    () => 'true',
    () => str(' 2024-03-11T10:05:00Z'),
    () => str('yesterday'),
  ] as const
  const activities = ['"visit"', '"search"', '"cart"', '"pay"', '"caf\\u00e9"', '"Ship \\"it\\""', '" padded "', '""', '"smile \\ud83d\\ude00"', '"lone \\ud800"', '"two\\nlines"', '12', 'false']
  const scores = ['null', '4', '5', '4.5', '4.50', '1E0', '-0', '0', '9', '10', '11', '"7"', '" 3"', '1e400', 'true', '"x"', '12345678901234567890']
  const kinds = ['"nps"', '"csat"', '"CES"', '"rating"', '"stars"', 'null', '""', '3']
  const revenues = ['null', '12.5', '100', '0.000001', '0.0000001', '1.7976931348623157e308', '"12.5"', '"free"', '123456789012345.5']
  const props = ['"basic"', '"pro"', '""', 'null', '2', '2.25', 'true', '"say \\"hi\\""', '"tab\\tinside"', '"\\u00a0nbsp"', '{"tier":"gold"}', '[1,2]', '12345678901234567890', '1.0000000000000002', '2.50', '-0', '1E3']
  const lines: string[] = []
  for (let i = 0; i < rows; i++) {
    const plain = rand() < 0.85
    const caseId = rand() < 0.02 ? '""' : str(`c${Math.floor(rand() * rows * 0.2)}`)
    const fields: Array<[string, string]> = [
      ['case_id', caseId],
      ['activity', plain ? pick(activities.slice(0, 4)) : pick(activities)],
      ['timestamp', plain ? times[0]() : pick(times)()],
      ['channel', plain ? '"web"' : pick(['"web"', '"app"', '""', '" chat"', 'null', '1'])],
      ['score', plain ? 'null' : pick(scores)],
      ['score_kind', plain ? 'null' : pick(kinds)],
      ['revenue', plain ? 'null' : pick(revenues)],
      ['plan', plain ? pick(['"basic"', '"pro"']) : pick(props)],
      ['note', plain ? '""' : pick(props)],
      ...(opts.ownIds ? ([['event_id', rand() < 0.1 ? 'null' : str(`m${Math.floor(rand() * rows * 0.9)}`)]] as Array<[string, string]>) : []),
    ]
    const odd = plain ? -1 : Math.floor(rand() * 40)
    if (odd === 0) fields.splice(3, 1) // a key missing
    if (odd === 1) fields.push(['extra', '"x"'])
    if (odd === 2) fields.reverse()
    if (odd === 3) fields.push(['plan', '"again"']) // a key repeated: the last wins
    if (odd === 4) fields.push(['7', '"integer-like key"'])
    const object = `{${fields.map(([k, v]) => `${str(k)}:${v}`).join(odd === 5 ? ' , ' : ',')}}`
    const line =
      odd === 6 ? '' : odd === 7 ? '   ' : odd === 8 ? '\u00a0' : odd === 9 ? object.slice(0, -3) : odd === 10 ? `${object} trailing` : odd === 11 ? `[${object}]`
      : odd === 12 ? '"a string"' : odd === 13 ? 'null' : odd === 14 ? '{}' : odd === 15 ? `\uFEFF${object}` : odd === 16 ? ` ${object}\t` : object
    lines.push(line)
  }
  return `${lines.join('\n')}\n`
}
