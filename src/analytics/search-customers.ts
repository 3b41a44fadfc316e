import type { EventStore } from '../storage/events/event-store.ts'
import { identityLinksSql, stitchedEvents } from './stitched-events.ts'

export const CUSTOMER_SORTS = ['recent', 'value', 'events'] as const
export type CustomerSort = (typeof CUSTOMER_SORTS)[number]

export type CustomerSearch = {
  /** Part of the customer's id, or of any id stitched to it (case-insensitive); the id itself comes first, then ids that start with it. */
  q?: string
  /** Latest trait values that must match, e.g. {tier: ['gold']} (case-insensitive, any of the values). */
  traits?: Record<string, string[]>
  /** Only customers who had this event (on `channel`, when given). */
  event?: string
  /** Only customers who had an event on this channel. */
  channel?: string
  sort?: CustomerSort
  limit?: number
  offset?: number
}

export type CustomerMatch = {
  customer: string
  traits: Record<string, string>
  events: number
  channels: string[]
  /** Null for a customer known only by traits (an identify call, no event yet). */
  firstSeen: string | null
  lastSeen: string | null
  revenue: number
}

const ORDER: Record<CustomerSort, string> = {
  recent: 'last_seen DESC',
  value: 'revenue DESC, last_seen DESC',
  events: 'events DESC, last_seen DESC',
}

/**
 * Finds customers (after identity stitching) by id, latest traits, or what they
 * did, with their latest traits, events, channels used, first and last seen and
 * revenue: one aggregation in the engine, paged, with the total of matches.
 */
export async function searchCustomers(events: EventStore, workspaceId: string, search: CustomerSearch = {}): Promise<{ total: number; customers: CustomerMatch[] }> {
  const params: Record<string, unknown> = { ws: workspaceId, limit: search.limit ?? 50, offset: search.offset ?? 0 }
  const where: string[] = []
  const q = search.q?.trim()
  if (q) {
    params.q = q
    where.push('arrayExists(id -> positionCaseInsensitiveUTF8(id, {q:String}) > 0, arrayPushFront(ids, customer))')
  }
  Object.entries(search.traits ?? {}).forEach(([key, values], i) => {
    params[`tk${i}`] = key
    params[`tv${i}`] = values.map((v) => v.toLowerCase())
    where.push(`lowerUTF8(traits[{tk${i}:String}]) IN {tv${i}:Array(String)}`)
  })
  const did: string[] = []
  if (search.event) {
    params.event = search.event
    did.push('event = {event:String}')
  }
  if (search.channel) {
    params.channel = search.channel
    did.push('channel = {channel:String}')
  }
  if (did.length) where.push('did > 0')

  // The latest value of each trait, over every id stitched to the customer.
  const traits = `
    SELECT customer, CAST((groupArray(key), groupArray(value)), 'Map(String, String)') AS traits
    FROM (
      SELECT if(link.user_id != '', link.user_id, c.customer_id) AS customer, key, argMax(value, c.ts) AS value
      FROM customers AS c
      ARRAY JOIN mapKeys(c.traits) AS key, mapValues(c.traits) AS value
      ANY LEFT JOIN (${identityLinksSql}) AS link ON link.anonymous_id = c.customer_id
      WHERE c.workspace_id = {ws:String}
      GROUP BY customer, key
    )
    GROUP BY customer`
  const activity = `
    SELECT customer, count() AS events, arraySort(groupUniqArray(channel)) AS channels, min(ts) AS first_seen, max(ts) AS last_seen,
           sum(ifNull(revenue, 0)) AS revenue, ${q ? 'groupUniqArray(customer_id)' : 'CAST([], \'Array(String)\')'} AS ids,
           ${did.length ? `countIf(${did.join(' AND ')})` : '0'} AS did
    FROM (${stitchedEvents('e.customer_id, e.ts, e.channel, e.revenue, e.event')})
    GROUP BY customer`
  const rows = await events.query<{
    customer: string
    traits: Record<string, string>
    events: string
    channels: string[]
    first_seen: string | null
    last_seen: string | null
    revenue: number
    total: string
  }>(
    `SELECT customer, traits, events, channels, first_seen, last_seen, revenue, count() OVER () AS total
     FROM (
       SELECT if(a.customer != '', a.customer, t.customer) AS customer, t.traits AS traits, a.events AS events, a.channels AS channels,
              if(a.events = 0, NULL, a.first_seen) AS first_seen, if(a.events = 0, NULL, a.last_seen) AS last_seen,
              a.revenue AS revenue, a.ids AS ids, a.did AS did
       FROM (${activity}) AS a
       FULL OUTER JOIN (${traits}) AS t ON t.customer = a.customer
     )
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${q ? 'lowerUTF8(customer) = lowerUTF8({q:String}) DESC, startsWith(lowerUTF8(customer), lowerUTF8({q:String})) DESC, ' : ''}${ORDER[search.sort ?? 'recent']}, customer
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    params,
  )
  return {
    total: Number(rows[0]?.total ?? 0),
    customers: rows.map((r) => ({
      customer: r.customer,
      traits: r.traits,
      events: Number(r.events),
      channels: r.channels,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      revenue: Number(r.revenue),
    })),
  }
}
