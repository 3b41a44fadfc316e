/**
 * Each customer's latest value of each trait — traits keep their history and
 * the latest observation wins — as rows (customer_id, k, v). Needs `{ws:String}`.
 */
export const latestTraitsSql = `
  SELECT customer_id, k, argMax(v, ts) AS v
  FROM customers ARRAY JOIN mapKeys(traits) AS k, mapValues(traits) AS v
  WHERE workspace_id = {ws:String}
  GROUP BY customer_id, k`
