import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { channelName, type NamedScope } from './scope-names.ts'

export const DEVIATION_KINDS = ['stage skipped', 'backward move', 'channel switch mid-stage'] as const
export type DeviationKind = (typeof DEVIATION_KINDS)[number]
/**
 * `from` and `to` are stage keys (the same stage for a channel switch); `fromChannel` and `toChannel`
 * are the channels of a channel switch, null for the other kinds.
 */
export type Deviation = {
  kind: DeviationKind
  detail: string
  customers: number
  from: string
  to: string
  fromChannel: string | null
  toChannel: string | null
}
export type Conformance = { fitness: number; customers: number; deviations: Deviation[] }

/** A deviation as one number: kind (from bit 56), from stage and to stage (16 bits each), from and to channel (12 bits each). */
export const packedDeviationSql = (kind: string, from: string, to: string, fromChannel: string, toChannel: string) =>
  `bitOr(bitOr(bitOr(bitShiftLeft(toUInt64(${kind}), 56), bitShiftLeft(toUInt64(${from}), 40)), bitOr(bitShiftLeft(toUInt64(${to}), 24), bitShiftLeft(toUInt64(${fromChannel}), 12))), toUInt64(${toChannel}))`

/**
 * The one definition of a deviation, for each move of a path (from one step to the next, aligned with
 * arrayPopFront(path)): a packed number (packedDeviationSql) of kind 1 stage skipped, 2 backward move, 3 channel
 * switch between consecutive events of the same stage (the only kind with channels; 0 for the others), the
 * stages and the channels; 0 for a move that is no deviation. Reads the paths' `stages` and `channels`.
 * (Numbers rather than tuples: cheaper to tell apart and to group.)
 */
export const moveDeviationsSql = `arrayMap((g, h, x, y) -> multiIf(h > g + 1, ${packedDeviationSql('1', 'g', 'h', '0', '0')}, h < g, ${packedDeviationSql('2', 'g', 'h', '0', '0')},
                                                    h = g AND y != x, ${packedDeviationSql('3', 'g', 'h', 'x', 'y')}, toUInt64(0)),
  arrayPopBack(stages), arrayPopFront(stages), arrayPopBack(channels), arrayPopFront(channels))`

/**
 * How far customers follow the designed stage order. Fitness is the share of
 * customers whose path never moves back to an earlier stage and never skips a
 * stage; deviations are ranked by customers affected: a stage skipped (from →
 * to), a backward move (from → to), a channel switch between consecutive
 * events of the same stage.
 */
export async function getConformance(events: EventStore, scope: Scope, stageKeys: string[]): Promise<Conformance> {
  return withMaterializedScope(events, scope, ['stages', 'channels'], (s) => conformanceOf(events, s, stageKeys))
}

async function conformanceOf(events: EventStore, scope: NamedScope, stageKeys: string[]): Promise<Conformance> {
  const paths = customerPathsSql(scope, ['stages', 'channels'])
  const [rows, [totals]] = await Promise.all([
    events.query<{ kind: number; a: number; b: number; c: number; e: number; customers: string }>(
      // Each deviation counted once per customer.
      `SELECT toUInt8(bitShiftRight(d, 56)) AS kind, toUInt32(bitAnd(bitShiftRight(d, 40), 65535)) AS a, toUInt32(bitAnd(bitShiftRight(d, 24), 65535)) AS b,
              toUInt16(bitAnd(bitShiftRight(d, 12), 4095)) AS c, toUInt16(bitAnd(d, 4095)) AS e, count() AS customers
       FROM (${paths})
       ARRAY JOIN arrayDistinct(arrayFilter(m -> m > 0, ${moveDeviationsSql})) AS d
       GROUP BY d
       ORDER BY customers DESC, kind, a, b, {scope_channels:Array(String)}[c], {scope_channels:Array(String)}[e]
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
    deviations: rows.map((r) => {
      const switched = Number(r.kind) === 3
      const [fromChannel, toChannel] = switched ? [channelName(scope, r.c), channelName(scope, r.e)] : [null, null]
      return {
        kind: DEVIATION_KINDS[Number(r.kind) - 1]!,
        detail: switched ? `${stage(r.a)}: ${fromChannel} → ${toChannel}` : `${stage(r.a)} → ${stage(r.b)}`,
        customers: Number(r.customers),
        from: stage(r.a),
        to: stage(r.b),
        fromChannel,
        toChannel,
      }
    }),
  }
}
