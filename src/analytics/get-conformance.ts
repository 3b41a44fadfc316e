import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'

export type Deviation = { kind: 'stage skipped' | 'backward move' | 'channel switch mid-stage'; detail: string; customers: number }
export type Conformance = { fitness: number; customers: number; deviations: Deviation[] }

/**
 * How far customers follow the designed stage order. Fitness is the share of
 * customers whose path never moves back to an earlier stage and never skips a
 * stage; deviations are ranked by customers affected: a stage skipped (from →
 * to), a backward move (from → to), a channel switch between consecutive
 * events of the same stage.
 */
export async function getConformance(events: EventStore, scope: Scope, stageKeys: string[]): Promise<Conformance> {
  const paths = customerPathsSql(scope, ['stages', 'channels'])
  const [rows, [totals]] = await Promise.all([
    events.query<{ kind: string; a: number; b: string; customers: string }>(
      // Each deviation counted once per customer (arrayDistinct), over consecutive pairs of the path.
      `SELECT d.1 AS kind, d.2 AS a, d.3 AS b, count() AS customers
       FROM (${paths})
       ARRAY JOIN arrayDistinct(arrayFilter(d -> d.1 != '', arrayMap((g, h, c, e) -> multiIf(
           h > g + 1, ('stage skipped', g, toString(h)),
           h < g, ('backward move', g, toString(h)),
           h = g AND e != c, ('channel switch mid-stage', g, concat(c, ' → ', e)),
           ('', 0, '')), arrayPopBack(stages), arrayPopFront(stages), arrayPopBack(channels), arrayPopFront(channels)))) AS d
       GROUP BY kind, a, b
       ORDER BY customers DESC, kind, a, b
       LIMIT 50`,
      scope.params,
    ),
    events.query<{ customers: string; fit: string }>(
      `SELECT count() AS customers,
              countIf(arrayAll((g, h) -> h >= g AND h <= g + 1, arrayPopBack(stages), arrayPopFront(stages))) AS fit
       FROM (${paths})`,
      scope.params,
    ),
  ])
  const stage = (n: number | string) => stageKeys[Number(n) - 1] ?? String(n)
  const customers = Number(totals?.customers ?? 0)
  return {
    customers,
    fitness: customers ? Number(totals!.fit) / customers : 1,
    deviations: rows.map((r) => ({
      kind: r.kind as Deviation['kind'],
      detail: r.kind === 'channel switch mid-stage' ? `${stage(r.a)}: ${r.b}` : `${stage(r.a)} → ${stage(r.b)}`,
      customers: Number(r.customers),
    })),
  }
}
