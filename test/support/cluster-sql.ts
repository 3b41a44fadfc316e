/**
 * Reads of sharded tables that sit inside a statement as a subquery, found in
 * the statement's text: how a cluster runs each one decides whether its answer
 * holds. An `IN`/`JOIN` subquery over a Distributed table runs on every shard
 * unless it is GLOBAL (then once on the initiator, its result sent to the
 * shards); a scalar subquery is computed once on the initiator and sent to the
 * shards as a constant; a subquery in `FROM` is the statement's own read.
 */
export type SubqueryRead = { kind: 'in' | 'join' | 'scalar' | 'from'; global: boolean; tables: string[]; text: string }

/** The text inside the parenthesis opening at `open`, up to its match (quotes respected). */
function balanced(sql: string, open: number): string {
  let depth = 0
  let quote: string | undefined
  for (let i = open; i < sql.length; i++) {
    const c = sql[i]!
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
    } else if (c === "'" || c === '`') quote = c
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return sql.slice(open + 1, i)
  }
  throw new Error(`unbalanced parenthesis at ${open}: ${sql.slice(open, open + 80)}`)
}

/** The statement without its `--` comments (which may hold quotes of their own). */
export function withoutComments(sql: string): string {
  let out = ''
  let quote: string | undefined
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!
    if (quote) {
      out += c
      if (c === '\\') out += sql[++i] ?? ''
      else if (c === quote) quote = undefined
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++
      out += '\n'
    } else {
      if (c === "'" || c === '`') quote = c
      out += c
    }
  }
  return out
}

/** The sharded tables a text reads by name (`FROM t` / `JOIN t`, optionally `db.t`). */
export function tablesRead(sql: string, sharded: readonly string[]): string[] {
  const found = new Set<string>()
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(?:\w+\.)?(\w+)\b(?!\s*\()/gi)) if (sharded.includes(m[1]!)) found.add(m[1]!)
  return [...found].sort()
}

/** Every parenthesised SELECT of a statement that reads a sharded table, with where it stands. */
export function subqueryReads(statement: string, sharded: readonly string[]): SubqueryRead[] {
  const sql = withoutComments(statement)
  const reads: SubqueryRead[] = []
  for (const m of sql.matchAll(/\(\s*SELECT\b/gi)) {
    const text = balanced(sql, m.index!)
    const tables = tablesRead(text, sharded)
    if (!tables.length) continue
    const before = sql.slice(Math.max(0, m.index! - 40), m.index!).trimEnd()
    const keyword = /\b(GLOBAL\s+)?(NOT\s+IN|IN|(?:ANY\s+|ALL\s+|SEMI\s+|ANTI\s+)?(?:LEFT\s+|INNER\s+|RIGHT\s+|FULL\s+)?JOIN|FROM)$/i.exec(before)
    const word = keyword?.[2]?.toUpperCase() ?? ''
    const kind = word.endsWith('JOIN') ? 'join' : word.endsWith('IN') ? 'in' : word === 'FROM' ? 'from' : 'scalar'
    reads.push({ kind, global: Boolean(keyword?.[1]), tables, text })
  }
  return reads
}

/** Tables joined by name, not as a subquery (`JOIN identities AS i`), with whether the join is GLOBAL. */
export function namedJoins(statement: string, sharded: readonly string[]): Array<{ table: string; global: boolean }> {
  return [...withoutComments(statement).matchAll(/\b(GLOBAL\s+)?(?:ANY\s+|ALL\s+|SEMI\s+|ANTI\s+)?(?:LEFT\s+|INNER\s+|RIGHT\s+|FULL\s+)?JOIN\s+(?:\w+\.)?(\w+)\b(?!\s*\()/gi)]
    .filter((m) => sharded.includes(m[2]!))
    .map((m) => ({ table: m[2]!, global: Boolean(m[1]) }))
}
