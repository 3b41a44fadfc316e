import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { customerPathsSql } from './customer-paths.ts'

export type Flow = {
  customers: number
  dfg: Array<[from: string, to: string, count: number]>
  start: Record<string, number>
  end: Record<string, number>
  variants: Array<{ path: string[]; customers: number; share: number }>
}

/**
 * Directly-follows graph (every consecutive pair within a customer's path,
 * self-loops included), start and end counts per customer, and variants (full
 * paths with the number of customers who took them). All counted in the engine.
 */
export async function getFlow(events: EventStore, scope: Scope, opts: { variantLimit?: number } = {}): Promise<Flow> {
  return withMaterializedScope(events, scope, [], (s) => flowOf(events, s, opts))
}

async function flowOf(events: EventStore, scope: Scope, opts: { variantLimit?: number } = {}): Promise<Flow> {
  const paths = customerPathsSql(scope)
  const params = { ...scope.params, limit: opts.variantLimit ?? 1_000_000 }
  const [dfg, ends, variants] = await Promise.all([
    events.query<{ a: string; b: string; n: string }>(
      `SELECT a, b, count() AS n FROM (${paths}) ARRAY JOIN arrayPopBack(path) AS a, arrayPopFront(path) AS b GROUP BY a, b ORDER BY n DESC, a, b`,
      params,
    ),
    events.query<{ kind: string; name: string; n: string }>(
      `SELECT 'start' AS kind, path[1] AS name, count() AS n FROM (${paths}) GROUP BY name
       UNION ALL
       SELECT 'end' AS kind, path[-1] AS name, count() AS n FROM (${paths}) GROUP BY name`,
      params,
    ),
    events.query<{ variant: string[]; n: string; total: string }>(
      // Grouped as plain strings: hashing arrays of LowCardinality strings is slower.
      `SELECT CAST(path, 'Array(String)') AS variant, count() AS n, sum(count()) OVER () AS total FROM (${paths}) GROUP BY variant ORDER BY n DESC, variant LIMIT {limit:UInt64}`,
      params,
    ),
  ])
  const customers = Number(variants[0]?.total ?? 0)
  const tally = (kind: string) =>
    Object.fromEntries(
      ends
        .filter((r) => r.kind === kind)
        .sort((x, y) => Number(y.n) - Number(x.n) || x.name.localeCompare(y.name))
        .map((r) => [r.name, Number(r.n)]),
    )
  return {
    customers,
    dfg: dfg.map((r) => [r.a, r.b, Number(r.n)]),
    start: tally('start'),
    end: tally('end'),
    variants: variants.map((v) => ({ path: v.variant, customers: Number(v.n), share: customers ? Number(v.n) / customers : 0 })),
  }
}
