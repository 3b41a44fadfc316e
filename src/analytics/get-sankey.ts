import type { EventStore } from '../storage/events/event-store.ts'
import type { Scope } from './analysis-scope.ts'
import { customerPathsSql } from './customer-paths.ts'
import { stepName, stepNumber, withScopeNames } from './scope-names.ts'

export type SankeyOptions = { step: string; direction: 'from' | 'to'; depth: number; minShare: number }
export type Sankey = {
  customers: number
  nodes: Array<{ id: string; position: number; name: string; customers: number }>
  links: Array<{ source: string; target: string; customers: number }>
}

/**
 * Paths from (or to) a chosen step, `depth` steps deep, for a Sankey diagram:
 * node `position` is the distance from the step (negative before it). Names
 * reached by fewer than `minShare` of the customers at a position are grouped as
 * "other"; paths that end early go to "(end)" / come from "(start)". Counted in
 * the engine per (position, name) pair; only the grouping of rare names is
 * done here, on the small aggregated result.
 */
export async function getSankey(events: EventStore, unnamed: Scope, opts: SankeyOptions): Promise<Sankey> {
  const scope = await withScopeNames(events, unnamed)
  const from = opts.direction === 'from'
  // Paths that end early are padded with 0: "(end)" after the step, "(start)" before it.
  const window = from
    ? `arrayResize(arraySlice(path, indexOf(path, {step:UInt16}), {depth:UInt32} + 1), {depth:UInt32} + 1, 0)`
    : `arrayReverse(arrayResize(arrayReverse(arraySlice(path, greatest(1, arrayLastIndex(x -> x = {step:UInt16}, path) - {depth:UInt32}), least(arrayLastIndex(x -> x = {step:UInt16}, path), {depth:UInt32} + 1))), {depth:UInt32} + 1, 0))`
  const numbered = await events.query<{ pos: number; a: number; b: number; n: string; total: string }>(
    `SELECT pos, a, b, count() AS n, any(total) AS total FROM (
       SELECT ${window} AS seq, count() OVER () AS total FROM (${customerPathsSql(scope)}) WHERE has(path, {step:UInt16})
     )
     ARRAY JOIN arrayEnumerate(arrayPopBack(seq)) AS pos, arrayPopBack(seq) AS a, arrayPopFront(seq) AS b
     GROUP BY pos, a, b`,
    { ...scope.params, step: stepNumber(scope, opts.step), depth: opts.depth },
  )
  const padding = from ? '(end)' : '(start)'
  const rows = numbered.map((r) => ({ ...r, a: stepName(scope, r.a, padding), b: stepName(scope, r.b, padding) }))
  const customers = Number(rows[0]?.total ?? 0)
  const position = (pos: number) => (from ? pos - 1 : pos - 1 - opts.depth)
  // Customers per (position, name), to tell rare names.
  const reach = new Map<string, number>()
  const add = (p: number, name: string, n: number) => reach.set(`${p}\u0000${name}`, (reach.get(`${p}\u0000${name}`) ?? 0) + n)
  for (const r of rows) {
    add(position(Number(r.pos)), r.a, Number(r.n))
    if (Number(r.pos) === opts.depth) add(position(Number(r.pos)) + 1, r.b, Number(r.n))
  }
  const label = (p: number, name: string) => ((reach.get(`${p}\u0000${name}`) ?? 0) < opts.minShare * customers ? 'other' : name)
  const links = new Map<string, { source: string; target: string; customers: number }>()
  const nodes = new Map<string, { id: string; position: number; name: string; customers: number }>()
  for (const r of rows) {
    const p = position(Number(r.pos))
    const source = `${p}:${label(p, r.a)}`
    const target = `${p + 1}:${label(p + 1, r.b)}`
    const link = links.get(`${source}>${target}`) ?? { source, target, customers: 0 }
    link.customers += Number(r.n)
    links.set(`${source}>${target}`, link)
    for (const [id, pos, name] of [[source, p, label(p, r.a)], [target, p + 1, label(p + 1, r.b)]] as const) {
      if (!nodes.has(id)) nodes.set(id, { id, position: pos, name, customers: 0 })
    }
  }
  for (const link of links.values()) {
    nodes.get(link.target)!.customers += link.customers
    if (nodes.get(link.source)!.position === (from ? 0 : -opts.depth)) nodes.get(link.source)!.customers += link.customers
  }
  return {
    customers,
    nodes: [...nodes.values()].sort((a, b) => a.position - b.position || b.customers - a.customers),
    links: [...links.values()].sort((a, b) => b.customers - a.customers),
  }
}
