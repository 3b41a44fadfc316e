import './evidence-coverage.css'

/** How a step is backed: by research (insights in the journey document), by live data (customers measured), both or neither. */
export type Coverage = 'none' | 'research' | 'live' | 'both'

export const COVERAGE_LABEL: Record<Coverage, string> = { none: 'none', research: 'research only', live: 'live data only', both: 'research and live data' }
const ORDER: Coverage[] = ['both', 'research', 'live', 'none']

export const coverageOf = (insights: number, customers: number): Coverage => (insights > 0 ? (customers > 0 ? 'both' : 'research') : customers > 0 ? 'live' : 'none')

/** The legend, written out: each colour is also its category's name on the cards. */
export function CoverageLegend({ counts }: { counts: Record<Coverage, number> }) {
  return (
    <ul className="coverage-legend" aria-label="Evidence coverage legend">
      {ORDER.map((c) => (
        <li key={c}>
          <span className={`coverage-swatch coverage-${c}`} aria-hidden="true" />
          {COVERAGE_LABEL[c]}: {counts[c]} step{counts[c] === 1 ? '' : 's'}
        </li>
      ))}
    </ul>
  )
}
