import type { AnalysisFilter } from '../analytics/analysis-scope.ts'
import type { StoredFilter } from '../domain/portfolio/opportunity.ts'

/** An analysis filter as stored with what was found under it (dates as ISO text, empty parts left out). */
export function storedFilter(f: AnalysisFilter): StoredFilter {
  const nonEmpty = (r: Record<string, string[]> | undefined) => (r && Object.keys(r).length ? r : undefined)
  const out: StoredFilter = {
    from: f.from?.toISOString(),
    to: f.to?.toISOString(),
    channel: f.channel?.length ? f.channel : undefined,
    valueTiers: f.valueTiers?.length ? f.valueTiers : undefined,
    traits: nonEmpty(f.traits),
    properties: nonEmpty(f.properties),
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as StoredFilter
}

export function analysisFilter(f: StoredFilter): AnalysisFilter {
  return { ...f, from: f.from ? new Date(f.from) : undefined, to: f.to ? new Date(f.to) : undefined }
}
