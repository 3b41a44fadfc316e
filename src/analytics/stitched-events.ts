/**
 * Retroactive identity stitching at query time: an event sent under an
 * anonymous id belongs to the user that id was later linked to (identify or
 * alias; the latest link wins). Yields the workspace's events with a `customer`
 * column, or only those matching `only` (a condition on the event's own
 * columns). Needs the `{ws:String}` parameter. Read FINAL: an event id counts
 * once even before the engine's background merges have removed a duplicate.
 * (ANY: the links are one per anonymous id, which lets the engine use its
 * faster single-match join.)
 */
export function stitchedEvents(columns = 'e.*', only?: string): string {
  // FINAL merges rows before WHERE, reading every column asked of every event; a PREWHERE condition on what an event
  // is (never on which copy) picks the rows first. Duplicates share it, so FINAL still collapses them.
  return `
    SELECT ${columns}, if(link.user_id != '', link.user_id, e.customer_id) AS customer
    FROM events AS e FINAL
    ANY LEFT JOIN (${identityLinksSql}) AS link ON link.anonymous_id = e.customer_id
    ${only ? `PREWHERE ${only} ` : ''}WHERE e.workspace_id = {ws:String}`
}

/** The workspace's identity links: anonymous_id → user_id, the latest link winning. */
export const identityLinksSql = `SELECT anonymous_id, argMax(user_id, ts) AS user_id FROM identities WHERE workspace_id = {ws:String} GROUP BY anonymous_id`
