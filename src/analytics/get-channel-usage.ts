import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { withMaterializedScope } from './materialized-scope.ts'
import { channelName } from './scope-names.ts'

/** A channel the journey's customers "hire": how many used it at any of their journey steps, and their share of all. */
export type ChannelUsage = { channel: string; customers: number; share: number }

/** The channels of the scope's journey events (as sent, whatever channel a step was designed for), most used first. */
export async function getChannelUsage(events: EventStore, scope: Scope): Promise<ChannelUsage[]> {
  return withMaterializedScope(events, scope, ['channels'], async (s) => {
    const paths = customerPathsSql(s, ['channels'])
    const rows = await events.query<{ channel: number; customers: string; total: string }>(
      `SELECT channel, count() AS customers, any(total) AS total
       FROM (SELECT arrayDistinct(channels) AS used, (SELECT count() FROM (${paths})) AS total FROM (${paths}))
       ARRAY JOIN used AS channel
       WHERE channel != 0
       GROUP BY channel
       ORDER BY customers DESC, channel`,
      s.params,
    )
    return rows.map((r) => ({ channel: channelName(s, r.channel), customers: Number(r.customers), share: Number(r.total) ? Number(r.customers) / Number(r.total) : 0 }))
  })
}
