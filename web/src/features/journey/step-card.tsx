import type { ReactNode } from 'react'
import { hours, num, pct, signed } from '../../ui/format.ts'
import { COVERAGE_LABEL, type Coverage } from './evidence-coverage.tsx'
import type { MapStep, Touchpoint } from './map-types.ts'
import { METRIC } from './step-panel.tsx'

/** Plain symbols (every font has them); the channel's name is written beside. */
const CHANNEL_ICON: Record<string, string> = { web: '◎', app: '▯', email: '✉', phone: '☎', store: '⌂', chat: '✎', social: '☺', mail: '✉', field: '⚒' }

/** The trend of a step's customers against the previous period, as an arrow and a percentage (never colour alone). */
function Trend({ t }: { t: Touchpoint }) {
  const change = t.trend?.customers
  if (change === null || change === undefined) return null
  const arrow = change > 0.05 ? '▲' : change < -0.05 ? '▼' : '▶'
  return (
    <span className={`trend ${change > 0.05 ? 'up' : change < -0.05 ? 'down' : ''}`} title="Customers against the previous period">
      {arrow} {signed(change * 100, 0)}%
    </span>
  )
}

/**
 * A touchpoint on the map: its name and channel, and (with `figures`) what was measured there, every
 * customer count opening its customers. The editor adds its handle and controls through `edit`, and
 * says `unmeasured` for a step not saved yet (or while the map is measured).
 */
export function StepCard({
  step,
  selected,
  onOpen,
  coverage,
  figures = true,
  unmeasured,
  edit,
  testId,
}: {
  step: MapStep
  selected: boolean
  onOpen: () => void
  coverage?: Coverage
  figures?: boolean
  unmeasured?: string
  edit?: { handle: ReactNode; controls: ReactNode }
  /** null: none (a printed copy of the card) */
  testId?: string | null
}) {
  const t = step.touchpoint
  const main = t?.feedback.slice().sort((a, b) => b.n - a.n)[0]
  const channel = step.channel ?? 'any channel'
  return (
    <article className={`step-card ${step.red.length ? 'red' : ''} ${step.dark ? 'dark' : ''} ${selected ? 'selected' : ''} ${coverage ? `coverage-${coverage}` : ''}`} data-testid={testId === null ? undefined : (testId ?? `step-${step.key}`)} aria-label={step.name}>
      <header>
        {edit?.handle}
        <span className="channel-icon" aria-hidden="true">
          {CHANNEL_ICON[step.channel ?? ''] ?? '•'}
        </span>
        <span className="step-name">{step.name || 'Unnamed step'}</span>
      </header>
      <div className="channel-name">{channel}</div>
      {coverage && <div className="coverage-note">Evidence: {COVERAGE_LABEL[coverage]}</div>}
      {!figures ? null : unmeasured ? (
        <div className="dark-note">{unmeasured}</div>
      ) : step.dark || !t ? (
        <div className="dark-note">Dark touchpoint: no events measured</div>
      ) : (
        <dl className="kpis">
          <div>
            <dt>Customers</dt>
            <dd>
              <button className="link" onClick={onOpen} aria-label={`${num(t.customers)} customers at ${step.name}: show them`}>
                {num(t.customers)}
              </button>{' '}
              <Trend t={t} />
            </dd>
          </div>
          <div>
            <dt>Reach</dt>
            <dd>
              <span className="bar" aria-hidden="true">
                <span style={{ width: pct(t.reach) }} />
              </span>
              {pct(t.reach)}
            </dd>
          </div>
          <div>
            <dt>Exit</dt>
            <dd>{pct(t.exitRate)}</dd>
          </div>
          <div>
            <dt>Repeat</dt>
            <dd>{pct(t.contactRepeatRate || t.repeatRate)}</dd>
          </div>
          {main && (
            <div>
              <dt>{main.kind.toUpperCase()}</dt>
              <dd>{main.nps !== null ? `${signed(main.nps, 0)} NPS` : `${main.mean.toFixed(1)} (n ${num(main.n)})`}</dd>
            </div>
          )}
          <div>
            <dt>Next step</dt>
            <dd>{hours(t.medianHoursToNext)}</dd>
          </div>
        </dl>
      )}
      {step.red.length > 0 && (
        <button className="red-point" onClick={onOpen} aria-expanded={selected}>
          ● {step.red.length} red point{step.red.length > 1 ? 's' : ''}: {[...new Set(step.red.flatMap((r) => r.reasons.map((x) => METRIC[x.metric].short)))].join(', ')}
        </button>
      )}
      {edit?.controls}
    </article>
  )
}

