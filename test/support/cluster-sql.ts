/**
 * Reads of sharded tables that sit inside a statement as a subquery, found in
 * the statement's text: how a cluster runs each one decides whether its answer
 * holds. An `IN`/`JOIN` subquery over a Distributed table runs on every shard
 * unless it is GLOBAL (then once on the initiator, its result sent to the
 * shards); a scalar subquery is computed once on the initiator and sent to the
 * shards as a constant; a subquery in `FROM` is the statement's own read.
 */
export type SubqueryRead = { kind: 'in' | 'join' | 'scalar' | 'from'; global: boolean; tables: string[]; text: string }

/** Any join keyword, strictness and kind included (`ANY LEFT JOIN`, `SEMI JOIN`, …). */
const JOIN = String.raw`(?:ANY\s+|ALL\s+|SEMI\s+|ANTI\s+)?(?:LEFT\s+|INNER\s+|RIGHT\s+|FULL\s+)?JOIN`

/**
 * The statement's code alone: `--` comments dropped and the insides of quoted
 * literals and identifiers blanked (same length), so that neither a quote in a
 * comment nor a parenthesis or keyword in a string is read as SQL.
 */
export function codeOf(sql: string): string {
  let out = ''
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!
    if (c === '-' && sql[i + 1] === '-') {
      while (i + 1 < sql.length && sql[i + 1] !== '\n') i++
    } else if (c === "'" || c === '`') {
      let j = i + 1
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1
      out += c + ' '.repeat(Math.max(0, Math.min(j, sql.length) - i - 1)) + (j < sql.length ? c : '')
      i = j
    } else out += c
  }
  return out
}

/** The text inside the parenthesis opening at `open` of a statement's code, up to its match. */
function balanced(code: string, open: number): string {
  let depth = 0
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++
    else if (code[i] === ')' && --depth === 0) return code.slice(open + 1, i)
  }
  throw new Error(`unbalanced parenthesis at ${open}: ${code.slice(open, open + 80)}`)
}

/** The sharded tables a statement's code reads by name (`FROM t` / `JOIN t`, optionally `db.t`). */
function tablesRead(code: string, sharded: readonly string[]): string[] {
  const found = new Set<string>()
  for (const m of code.matchAll(/\b(?:FROM|JOIN)\s+(?:\w+\.)?(\w+)\b(?!\s*\()/gi)) if (sharded.includes(m[1]!)) found.add(m[1]!)
  return [...found].sort()
}

/** Every parenthesised SELECT of a statement that reads a sharded table, with where it stands. */
export function subqueryReads(statement: string, sharded: readonly string[]): SubqueryRead[] {
  const code = codeOf(statement)
  const standing = new RegExp(String.raw`\b(GLOBAL\s+)?(NOT\s+IN|IN|${JOIN}|FROM)$`, 'i')
  return [...code.matchAll(/\(\s*SELECT\b/gi)].flatMap((m): SubqueryRead[] => {
    const text = balanced(code, m.index)
    const tables = tablesRead(text, sharded)
    if (!tables.length) return []
    const keyword = standing.exec(code.slice(Math.max(0, m.index - 40), m.index).trimEnd())
    const word = keyword?.[2]?.toUpperCase() ?? ''
    const kind = word.endsWith('JOIN') ? 'join' : word.endsWith('IN') ? 'in' : word === 'FROM' ? 'from' : 'scalar'
    return [{ kind, global: Boolean(keyword?.[1]), tables, text }]
  })
}

/** Tables joined by name, not as a subquery (`JOIN identities AS i`), with whether the join is GLOBAL. */
export function namedJoins(statement: string, sharded: readonly string[]): Array<{ table: string; global: boolean }> {
  return [...codeOf(statement).matchAll(new RegExp(String.raw`\b(GLOBAL\s+)?${JOIN}\s+(?:\w+\.)?(\w+)\b(?!\s*\()`, 'gi'))]
    .filter((m) => sharded.includes(m[2]!))
    .map((m) => ({ table: m[2]!, global: Boolean(m[1]) }))
}
