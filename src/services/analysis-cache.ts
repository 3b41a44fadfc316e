import type { AnalysisFilter } from '../analytics/analysis-scope.ts'
import { analyzeJourney, MAP_VARIANTS, type FullAnalysis } from '../analytics/analyze-journey.ts'
import type { StoredJourney } from '../storage/metadata/journey-repository.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { WorkspaceAnalyses } from './analysis-admission.ts'

/** Journey analyses kept in memory; a full one is a few hundred kB. */
const MAX_ENTRIES = 64

/**
 * What the stored data looks like right now, cheaply: rows and the highest
 * insert block of the tables analyses read. Any insert (a new block), erasure
 * (a mutation rewrites parts) or merge changes it; a merge only costs a
 * recomputation, never a stale answer.
 */
async function dataWatermark(events: EventStore): Promise<string> {
  const [row] = await events.query<{ rows: string; block: string; parts: string }>(
    `SELECT sum(rows) AS rows, max(max_block_number) AS block, count() AS parts
     FROM system.parts
     WHERE database = currentDatabase() AND active AND table IN ('events', 'customers', 'identities')`,
  )
  return `${row?.rows}:${row?.block}:${row?.parts}`
}

/**
 * The full analysis of a journey, cached by workspace, journey version, filter
 * and the data watermark: a reload while nothing new arrived is instant, and
 * identical requests that arrive together share one computation. On a cluster
 * the watermark is read from the node the query lands on; every insert there
 * still changes it. Computations run under the admission's memory budget when given.
 */
export function analysisCache(events: EventStore, admission?: WorkspaceAnalyses) {
  const entries = new Map<string, Promise<FullAnalysis>>()
  return async function cachedAnalysis(workspaceId: string, journey: StoredJourney, filter: AnalysisFilter): Promise<FullAnalysis> {
    const key = JSON.stringify([workspaceId, journey.id, journey.version, filterKey(filter), await dataWatermark(events)])
    const hit = entries.get(key)
    if (hit) {
      // Most recently used last, so the oldest entry is the one evicted.
      entries.delete(key)
      entries.set(key, hit)
      return hit
    }
    const analyze = () => analyzeJourney(events, workspaceId, journey.document, filter, { variantLimit: MAP_VARIANTS })
    // Only a computation waits for room under the memory budget; a hit is answered at once.
    const computing = admission ? admission.run(workspaceId, analyze) : analyze()
    entries.set(key, computing)
    computing.catch(() => entries.delete(key))
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
    return computing
  }
}

export type CachedAnalysis = ReturnType<typeof analysisCache>

/** A filter as a stable string: dates as ISO, lists sorted, empty parts left out. */
function filterKey(filter: AnalysisFilter): string {
  const lists = (record: Record<string, string[]> | undefined) =>
    Object.entries(record ?? {})
      .filter(([, v]) => v.length)
      .map(([k, v]) => [k, [...v].sort()])
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
  return JSON.stringify([
    filter.from?.toISOString() ?? null,
    filter.to?.toISOString() ?? null,
    [...(filter.channel ?? [])].sort(),
    [...(filter.valueTiers ?? [])].sort(),
    lists(filter.traits),
    lists(filter.properties),
  ])
}
