import { seededRandom } from '../../src/demo/random.ts'

/**
 * A seeded CSV event log with the values an import must get right and most
 * files never have: ISO times in every form the reader takes (offsets, no
 * seconds, fractions, lower-case t), epoch seconds and milliseconds, days not
 * on the calendar, padded values, quoted fields with commas and quotes, bad
 * numbers and scores off their scale, unknown score kinds, empty required
 * fields, own event ids (some repeated), properties that are sometimes empty.
 * With a tab as the delimiter it is the same log as TSV.
 */
export function trickyCsv(seed: number, rows: number, opts: { ownIds?: boolean; delimiter?: string } = {}): string {
  const delimiter = opts.delimiter ?? ','
  const random = seededRandom(seed)
  const rand = random.next
  const pick = random.pick
  const quote = (v: string) => (v.includes(delimiter) || /["\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  const times = [
    () => `2024-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}T0${Math.floor(rand() * 9)}:1${Math.floor(rand() * 9)}:2${Math.floor(rand() * 9)}Z`,
    () => `2024-03-1${Math.floor(rand() * 9)} 10:0${Math.floor(rand() * 9)}:00`,
    () => `2024-03-1${Math.floor(rand() * 9)}T10:05:00.${pick(['1', '12', '123', '1234', '999999'])}Z`,
    () => `2024-03-11T10:05`,
    () => `2024-03-11`,
    () => `2024-03-11T10:05:00+02:00`,
    () => `2024-03-11T10:05:00-0530`,
    () => `2024-03-11t10:05:00z`,
    () => String(1_700_000_000 + Math.floor(rand() * 1e6)),
    () => String(1_700_000_000_000 + Math.floor(rand() * 1e9)),
    () => `${1_700_000_000 + Math.floor(rand() * 1e6)}.5`,
    () => '2024-02-30T10:00:00Z',
    () => '1899-12-31T23:59:59Z',
    () => '2299-12-31T23:59:59.999Z',
    () => '2300-01-01T00:00:00Z',
    () => '2024-13-01',
    () => '2024-01-01T24:00:00Z',
    () => 'yesterday',
    () => ' 2024-03-11T10:05:00Z',
    () => '12/03/2024',
  ] as const
  const activities = ['visit', 'search', 'cart', 'pay', 'Ship it', 'order, "fast"', ' padded ', 'café', '']
  const channels = ['web', 'app', 'phone', '', ' chat']
  const scores = ['', '', '', '4', '5', '0', '9', '10', '11', '3.5', '-1', '2e0', '+3', '.5', 'x', '1e400', '7']
  const kinds = ['', '', 'nps', 'csat', 'CES', 'rating', 'stars', 'NPS ']
  const header = ['case_id', 'activity', 'timestamp', 'channel', 'score', 'score_kind', 'revenue', 'plan', 'note', ...(opts.ownIds ? ['event_id'] : [])]
  const lines = [header.join(delimiter)]
  for (let i = 0; i < rows; i++) {
    const plain = rand() < 0.6
    const caseId = rand() < 0.02 ? '' : `c${Math.floor(rand() * rows * 0.2)}`
    const activity = plain ? pick(activities.slice(0, 4)) : pick(activities)
    const ts = plain ? times[0]() : pick(times)()
    const values = [
      caseId,
      activity,
      ts,
      plain ? 'web' : pick(channels),
      plain ? '' : pick(scores),
      plain ? '' : pick(kinds),
      plain ? '' : pick(['', '12.5', '100', 'free', '1,5']),
      pick(['basic', 'pro', '']),
      plain ? '' : pick(['', 'a note', 'say "hi"', '\u00a0nbsp', 'tab\tinside']),
      ...(opts.ownIds ? [rand() < 0.1 ? '' : `m${Math.floor(rand() * rows * 0.9)}`] : []),
    ]
    lines.push(values.map(quote).join(delimiter))
  }
  return `${lines.join('\n')}\n`
}
