import { describe, expect, it } from 'vitest'
import { codeOf, namedJoins, subqueryReads } from '../support/cluster-sql.ts'

const SHARDED = ['events', 'identities', 'customers']
const summary = (sql: string) => subqueryReads(sql, SHARDED).map((r) => `${r.global ? 'GLOBAL ' : ''}${r.kind} ${r.tables.join('+')}`)

describe('finding the cross-table subqueries of a statement', () => {
  it('tells IN, JOIN, scalar and FROM subqueries apart, GLOBAL ones included', () => {
    const sql = `
      SELECT transform(customer_id, (SELECT groupArray(anonymous_id) FROM identities), ['x'], customer_id) AS c
      FROM (SELECT * FROM events FINAL WHERE customer_id GLOBAL IN (SELECT customer_id FROM customers)) AS e
      ANY LEFT JOIN (SELECT customer_id, tier FROM customers) AS t ON t.customer_id = e.customer_id
      WHERE c NOT IN (SELECT user_id FROM identities) AND c IN ('a', 'b')`
    expect(summary(sql)).toEqual(['scalar identities', 'from customers+events', 'GLOBAL in customers', 'join customers', 'in identities'])
  })

  it('ignores comments, even with a quote in them, and what quoted literals hold', () => {
    const sql = `SELECT x -- the customer's first step (if any
      FROM events WHERE name = ')(' AND note != 'x IN (SELECT 1 FROM customers)' AND id IN (SELECT user_id FROM identities)`
    expect(codeOf(sql)).not.toContain('customer')
    expect(codeOf("a = 'it\\'s' AND b")).toBe("a = '     ' AND b")
    expect(summary(sql)).toEqual(['in identities'])
  })

  it('finds tables joined by name, and leaves table functions and unsharded tables alone', () => {
    const sql = `SELECT * FROM events AS e GLOBAL ANY LEFT JOIN identities AS i ON i.anonymous_id = e.customer_id
      LEFT JOIN customers USING customer_id JOIN numbers(3) AS n ON 1 JOIN journeys AS j ON 1`
    expect(namedJoins(sql, SHARDED)).toEqual([{ table: 'identities', global: true }, { table: 'customers', global: false }])
    expect(subqueryReads('SELECT (SELECT 1), (SELECT count() FROM journeys)', SHARDED)).toEqual([])
  })
})
