import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { stepName, type NamedScope } from './scope-names.ts'

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

async function flowOf(events: EventStore, scope: NamedScope, opts: { variantLimit?: number } = {}): Promise<Flow> {
  const paths = customerPathsSql(scope)
  const params = { ...scope.params, limit: opts.variantLimit ?? 1_000_000 }
  const [dfg, ends, variants] = await Promise.all([
    events.query<{ a: number; b: number; n: string }>(
      `SELECT a, b, count() AS n FROM (${paths}) ARRAY JOIN arrayPopBack(path) AS a, arrayPopFront(path) AS b GROUP BY a, b
       ORDER BY n DESC, {scope_steps:Array(String)}[a], {scope_steps:Array(String)}[b]`,
      params,
    ),
    events.query<{ kind: string; step: number; n: string }>(
      `SELECT 'start' AS kind, path[1] AS step, count() AS n FROM (${paths}) GROUP BY step
       UNION ALL
       SELECT 'end' AS kind, path[-1] AS step, count() AS n FROM (${paths}) GROUP BY step`,
      params,
    ),
    events.query<{ variant: number[]; n: string }>(
      // Grouped and sent as numbers, ordered by names: by each step's rank among the names (the same order as the
      // names themselves, compared as numbers: at 10M events, 86k variants, ~⅓ less time) — among the most frequent
      // only (those within the limit and any tied with the last), which a sort by count alone finds first.
      `SELECT variant, n
       FROM (SELECT path AS variant, count() AS n FROM (${paths}) GROUP BY variant ORDER BY n DESC LIMIT {limit:UInt64} WITH TIES)
       ORDER BY n DESC, arrayMap(x -> {step_rank:Array(UInt16)}[x], variant) LIMIT {limit:UInt64}`,
      { ...params, step_rank: nameRanks(scope.names.steps) },
    ),
  ])
  // Every customer has one start.
  const customers = ends.reduce((sum, r) => sum + (r.kind === 'start' ? Number(r.n) : 0), 0)
  const tally = (kind: string) =>
    Object.fromEntries(
      ends
        .filter((r) => r.kind === kind)
        .map((r) => ({ name: stepName(scope, r.step), n: Number(r.n) }))
        .sort((x, y) => y.n - x.n || x.name.localeCompare(y.name))
        .map((r) => [r.name, r.n]),
    )
  return {
    customers,
    dfg: dfg.map((r) => [stepName(scope, r.a), stepName(scope, r.b), Number(r.n)]),
    start: tally('start'),
    end: tally('end'),
    variants: variants.map((v) => ({ path: v.variant.map((n) => stepName(scope, n)), customers: Number(v.n), share: customers ? Number(v.n) / customers : 0 })),
  }
}

/** Each name's 1-based rank in the engine's order of strings (bytewise), by position. */
function nameRanks(names: string[]): number[] {
  const ranks = new Array<number>(names.length)
  names
    .map((name, i) => ({ bytes: Buffer.from(name), i }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .forEach(({ i }, rank) => (ranks[i] = rank + 1))
  return ranks
}
