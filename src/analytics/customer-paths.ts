import type { Scope } from './analysis-scope.ts'

/**
 * Every customer's path: the names of their (non-feedback) events ordered by
 * time, then arrival/file sequence — the order process-mining tools use.
 * Columns: customer, path Array(String), times Array(DateTime64), stages
 * Array(UInt32) (1-based journey stage of each step; 0 without a journey),
 * value (the customer's revenue in scope, or their potential — the mean
 * revenue of paying customers — when they have paid nothing yet).
 */
export function customerPathsSql(scope: Scope): string {
  return `
    WITH (SELECT avgIf(r, r > 0) FROM (SELECT customer, sum(ifNull(revenue, 0)) AS r FROM (${scope.sql}) GROUP BY customer)) AS potential
    SELECT customer,
           arraySort(x -> (x.1, x.2), groupArray((ts, seq, name, stage))) AS sorted,
           arrayMap(x -> x.3, sorted) AS path,
           arrayMap(x -> x.1, sorted) AS times,
           arrayMap(x -> x.4, sorted) AS stages,
           sum(ifNull(revenue, 0)) AS revenue_in_scope,
           -- A customer without revenue yet is worth their potential: the mean revenue of paying customers.
           if(revenue_in_scope > 0, revenue_in_scope, potential) AS value
    FROM (${scope.sql})
    WHERE NOT is_feedback
    GROUP BY customer`
}
