import { identityLinksSql } from './identity-resolution.ts'

export { identityLinksSql }

/**
 * Retroactive identity stitching at query time: an event sent under an
 * anonymous id belongs to the customer that id resolves to (identity-resolution.ts:
 * the latest link wins, alias chains are followed). Yields the workspace's events with a `customer`
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
