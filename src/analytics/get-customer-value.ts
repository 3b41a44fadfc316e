import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'

export const CLV_HORIZON_MONTHS = 24

export type ValueTier = 'champions' | 'loyal' | 'new' | 'at risk' | 'lost' | 'regular' | 'no revenue'
export type CustomerValue = {
  asOf: string | null
  customers: number
  revenue: number
  tiers: Array<{ tier: ValueTier; customers: number; revenue: number; meanClv: number }>
  top: Array<{ customer: string; revenue: number; purchases: number; daysSinceLastSeen: number; rfm: string; tier: ValueTier; clv: number }>
}

/**
 * Customer value from revenue-carrying events (`revenue`, or `value`/`price`
 * properties at ingestion): recency–frequency–monetary scores 1–5 (quintiles of
 * the scope's paying customers), tiers from them, and a simple CLV estimate —
 * revenue per active month over a 24-month horizon. Computed in the engine.
 */
export async function getCustomerValue(events: EventStore, scope: Scope, topN = 20): Promise<CustomerValue> {
  const perCustomer = `
    SELECT customer, sum(ifNull(revenue, 0)) AS spent, countIf(revenue > 0) AS purchases,
           max(ts) AS last_seen, min(ts) AS first_seen
    FROM (${scope.sql}) GROUP BY customer`
  const scored = `
    WITH (SELECT max(ts) FROM (${scope.sql})) AS as_of,
         (SELECT quantiles(0.2, 0.4, 0.6, 0.8)(dateDiff('day', last_seen, as_of)) FROM (${perCustomer}) WHERE spent > 0) AS rq,
         (SELECT quantiles(0.2, 0.4, 0.6, 0.8)(purchases) FROM (${perCustomer}) WHERE spent > 0) AS fq,
         (SELECT quantiles(0.2, 0.4, 0.6, 0.8)(spent) FROM (${perCustomer}) WHERE spent > 0) AS mq
    SELECT customer, spent, purchases, dateDiff('day', last_seen, as_of) AS days, as_of,
           6 - (1 + arrayCount(q -> days > q, rq)) AS r,
           1 + arrayCount(q -> purchases > q, fq) AS f,
           1 + arrayCount(q -> spent > q, mq) AS m,
           multiIf(spent <= 0, 'no revenue', r >= 4 AND f >= 4 AND m >= 4, 'champions', r <= 2 AND m >= 4, 'at risk', r = 1, 'lost',
                   f >= 4, 'loyal', r >= 4 AND f <= 2, 'new', 'regular') AS tier,
           spent / greatest(1, dateDiff('month', first_seen, last_seen) + 1) * {horizon:UInt32} AS clv
    FROM (${perCustomer})`
  const params = { ...scope.params, horizon: CLV_HORIZON_MONTHS, top: topN }
  const [tiers, top] = await Promise.all([
    events.query<{ tier: ValueTier; customers: string; revenue: number; clv: number; as_of: string | null }>(
      `SELECT tier, count() AS customers, sum(spent) AS revenue, avg(clv) AS clv, any(as_of) AS as_of FROM (${scored}) GROUP BY tier ORDER BY revenue DESC, tier`,
      params,
    ),
    events.query<{ customer: string; revenue: number; purchases: string; days: string; r: number; f: number; m: number; tier: ValueTier; clv: number }>(
      `SELECT customer, spent AS revenue, purchases, days, r, f, m, tier, clv FROM (${scored}) ORDER BY spent DESC, customer LIMIT {top:UInt32}`,
      params,
    ),
  ])
  return {
    asOf: tiers[0]?.as_of ?? null,
    customers: tiers.reduce((s, t) => s + Number(t.customers), 0),
    revenue: tiers.reduce((s, t) => s + Number(t.revenue), 0),
    tiers: tiers.map((t) => ({ tier: t.tier, customers: Number(t.customers), revenue: Number(t.revenue), meanClv: Number(t.clv) })),
    top: top.map((c) => ({
      customer: c.customer,
      revenue: Number(c.revenue),
      purchases: Number(c.purchases),
      daysSinceLastSeen: Number(c.days),
      rfm: `${c.r}${c.f}${c.m}`,
      tier: c.tier,
      clv: Number(c.clv),
    })),
  }
}
