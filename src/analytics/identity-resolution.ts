import type { EventStore } from '../storage/events/event-store.ts'

/**
 * THE identity rule. Analyses, customer timelines and erasure all resolve ids with it:
 *
 * 1. An id's link is its latest one (by event time): identify links an
 *    anonymousId to a userId, alias links a previousId to a userId.
 * 2. Links chain: when the id an id links to links onwards itself (a user id aliased to a
 *    new one), it is followed, up to MAX_HOPS links, to the id at the end: the customer.
 * 3. Around a loop (a → b, then b → a) the customer is the smallest id on it.
 *
 * An id with no link is its own customer. An event belongs to the customer of its
 * customer_id (its userId, else its anonymousId); so do its traits and a quarantined
 * input naming that id.
 */
export const MAX_HOPS = 4

/** Each linked id's latest target, in the workspace `{ws:String}`. */
const latestLinks = (where = '') => `SELECT anonymous_id, argMax(user_id, ts) AS target FROM identities WHERE workspace_id = {ws:String}${where} GROUP BY anonymous_id`

const path = Array.from({ length: MAX_HOPS + 1 }, (_, i) => `h${i}`)
const hops = path.slice(1).map((h, i) => `transform(h${i}, onward.1, onward.2, h${i}) AS ${h}`).join(', ')
/**
 * The ids that link onwards (alias chains: few), each with the customer at the end of its chain.
 * Resolved on arrays of those few, so the many plain links cost one hash-join probe each.
 */
const chainEnds = `
  WITH (SELECT (groupArray(anonymous_id), groupArray(target)) FROM (${latestLinks(' AND anonymous_id IN (SELECT user_id FROM identities WHERE workspace_id = {ws:String})')})) AS onward
  SELECT id, if(transform(h${MAX_HOPS}, onward.1, onward.2, '') = '', h${MAX_HOPS}, least(id, ${path.join(', ')})) AS final
  FROM (SELECT arrayJoin(arrayZip(onward.1, onward.2)) AS link, link.1 AS id, link.2 AS h0, ${hops})`

/** (anonymous_id → user_id): one row per linked id, user_id its customer by the rule above. Needs `{ws:String}`. */
export const identityLinksSql = `
  SELECT l.anonymous_id AS anonymous_id, if(c.final != '', c.final, l.target) AS user_id
  FROM (${latestLinks()}) AS l
  ANY LEFT JOIN (${chainEnds}) AS c ON c.id = l.target`

/** The customer an id belongs to, and every id that is that customer (the customer's own first). */
export async function customerIds(events: EventStore, workspaceId: string, id: string): Promise<string[]> {
  const [row] = await events.query<{ customer: string; ids: string[] }>(
    `SELECT customer, arraySort(groupArrayIf(anonymous_id, user_id = customer)) AS ids
     FROM (${identityLinksSql}) AS link
     CROSS JOIN (SELECT (SELECT if(count() = 0, {id:String}, any(user_id)) FROM (${identityLinksSql}) WHERE anonymous_id = {id:String}) AS customer) AS c
     GROUP BY customer`,
    { ws: workspaceId, id },
  )
  const customer = row?.customer ?? id
  return [customer, ...(row?.ids ?? []).filter((x) => x !== customer)]
}
