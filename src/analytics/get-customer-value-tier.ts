import type { JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { analysisScope } from './analysis-scope.ts'
import type { VALUE_TIERS } from './scope-names.ts'
import { identityLinksSql } from './stitched-events.ts'

export type ValueTier = (typeof VALUE_TIERS)[number]

/**
 * The value tier a customer (any of their ids) is in on a journey, as the
 * journey's analysis segments customers for red points: paying customers by
 * their revenue on the journey's steps, high above the 80th percentile, low
 * below the 20th; null for a customer who has paid nothing. One aggregation in
 * the engine over the journey's whole history (no filter).
 */
export async function getCustomerValueTier(events: EventStore, workspaceId: string, doc: JourneyDocument, ids: string[]): Promise<ValueTier | null> {
  const scope = analysisScope(workspaceId, doc)
  const revenues = `
    SELECT if(link.user_id != '', link.user_id, s.customer_id) AS customer, sum(ifNull(s.revenue, 0)) AS revenue
    FROM (${scope.stepEvents}) AS s
    ANY LEFT JOIN (${identityLinksSql}) AS link ON link.anonymous_id = s.customer_id
    GROUP BY customer`
  const [row] = await events.query<{ cuts: number[]; mine: number }>(
    `SELECT quantilesExactIf(0.2, 0.8)(revenue, revenue > 0) AS cuts, sumIf(revenue, customer IN {ids:Array(String)}) AS mine FROM (${revenues})`,
    { ...scope.params, ids },
  )
  const revenue = Number(row?.mine ?? 0)
  if (!row || revenue <= 0) return null
  const [low, high] = row.cuts.map(Number) as [number, number]
  return revenue > high ? 'high' : revenue < low ? 'low' : 'mid'
}
