import type { Scope } from './analysis-scope.ts'

/**
 * Every customer's path: the names of their (non-feedback) events ordered by
 * time, then arrival/file sequence — the order process-mining tools use.
 * Columns: customer, path Array(String), times Array(DateTime64).
 */
export function customerPathsSql(scope: Scope): string {
  return `
    SELECT customer,
           arraySort(x -> (x.1, x.2), groupArray((ts, seq, name))) AS sorted,
           arrayMap(x -> x.3, sorted) AS path,
           arrayMap(x -> x.1, sorted) AS times
    FROM (${scope.sql})
    WHERE NOT is_feedback
    GROUP BY customer`
}
