import { previousPeriod, type AnalysisFilter } from './analysis-scope.ts'
import type { TouchpointKpi, TouchpointReport } from './get-touchpoint-kpis.ts'

export type Trend = { customers: number | null; events: number | null; exitRate: number | null }
export type TouchpointWithTrend = Omit<TouchpointKpi, 'stats'> & { trend: Trend | null }
export type TrendReport = Omit<TouchpointReport, 'touchpoints'> & {
  previousPeriod: { from: string; to: string } | null
  touchpoints: TouchpointWithTrend[]
}

/**
 * The touchpoint report as shown: each touchpoint's KPIs (without the red-point
 * statistics) and its trend against the previous period of the same length —
 * relative change of customers and events, difference of exit rates; null
 * without a period (from and to) or without data then.
 */
export function withTrends(report: TouchpointReport, previous: TouchpointReport | undefined, filter: AnalysisFilter): TrendReport {
  const before = previousPeriod(filter)
  const change = (now: number, then: number | undefined) => (then ? (now - then) / then : null)
  return {
    ...report,
    previousPeriod: before ? { from: before.from!.toISOString(), to: before.to!.toISOString() } : null,
    touchpoints: report.touchpoints.map(({ stats: _stats, ...t }) => {
      const p = previous?.touchpoints.find((o) => o.step === t.step)
      return { ...t, trend: previous ? { customers: change(t.customers, p?.customers), events: change(t.events, p?.events), exitRate: p ? t.exitRate - p.exitRate : null } : null }
    }),
  }
}
