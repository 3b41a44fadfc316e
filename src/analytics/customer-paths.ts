import type { Scope } from './analysis-scope.ts'

/** What a query needs of each path besides `customer` and `path` (fewer columns, less work when computed inline). */
export type PathColumn = 'times' | 'stages' | 'channels' | 'value'

/**
 * Every customer's path: the names of their (non-feedback) events ordered by
 * time, then arrival/file sequence — the order process-mining tools use.
 * Columns: customer, path Array(String), and as asked: times
 * Array(DateTime64), stages Array(UInt32) (1-based journey stage of each step;
 * 0 without a journey), channels Array(String), value (the customer's revenue
 * in scope, or their potential — the mean revenue of paying customers — when
 * they have paid nothing yet). Read from the scope's materialised table when it
 * has one.
 */
export function customerPathsSql(scope: Scope, columns: readonly PathColumn[] = []): string {
  const wants = (c: PathColumn) => columns.includes(c)
  const source = scope.tables ? scope.tables.paths : `(${pathsWithRevenueSql(scope, columns)})`
  const value = `
    -- A customer without revenue yet is worth their potential: the mean revenue of paying customers.
    if(revenue > 0, revenue, (SELECT avgIf(revenue, revenue > 0) FROM ${scope.tables ? source : `(${pathsWithRevenueSql(scope, ['value'])})`})) AS value`
  const selected = ['customer', 'path', ...(['times', 'stages', 'channels'] as const).filter(wants), ...(wants('value') ? [value] : [])]
  return `SELECT ${selected.join(', ')} FROM ${source}`
}

/** The paths with each customer's revenue in scope (what withMaterializedScope stores): customer, path, the columns asked, revenue. */
export function pathsWithRevenueSql(scope: Scope, columns: readonly PathColumn[]): string {
  const wants = (c: PathColumn) => columns.includes(c)
  // Sorted as tuples: by time, then arrival/file sequence (unique within a customer).
  const element = ['ts', 'seq', 'name', ...(wants('stages') ? ['stage'] : []), ...(wants('channels') ? ['channel'] : [])]
  const at = (col: string) => `x.${element.indexOf(col) + 1}`
  return `
    SELECT customer,
           arraySort(groupArray((${element.join(', ')}))) AS sorted,
           CAST(arrayMap(x -> ${at('name')}, sorted), 'Array(LowCardinality(String))') AS path
           ${wants('times') ? `, arrayMap(x -> ${at('ts')}, sorted) AS times` : ''}
           ${wants('stages') ? `, arrayMap(x -> ${at('stage')}, sorted) AS stages` : ''}
           ${wants('channels') ? `, CAST(arrayMap(x -> ${at('channel')}, sorted), 'Array(LowCardinality(String))') AS channels` : ''}
           ${wants('value') ? ', sum(ifNull(revenue, 0)) AS revenue' : ''}
    FROM (${scope.sql})
    WHERE NOT is_feedback
    GROUP BY customer`
}

/** The scope's feedback answers: customer, ts, touchpoint, score_kind, score. */
export function customerFeedbackSql(scope: Scope): string {
  if (scope.tables?.feedback) return `SELECT customer, ts, touchpoint, score_kind, score FROM ${scope.tables.feedback}`
  return `SELECT customer, ts, touchpoint, score_kind, score FROM (${scope.sql}) WHERE is_feedback`
}
