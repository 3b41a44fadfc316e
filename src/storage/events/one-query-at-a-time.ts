import type { EventStore, QueryParams } from './event-store.ts'

/**
 * The store with its queries and commands run one at a time, first come first
 * served. For analyses that fire many queries at an in-process engine: each
 * query already uses every core, so running them side by side only adds up
 * their memory.
 */
export function oneQueryAtATime(store: EventStore): EventStore {
  let queue: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work)
    queue = run.catch(() => undefined)
    return run
  }
  return {
    ...store,
    query: <T>(sql: string, params?: QueryParams) => inTurn(() => store.query<T>(sql, params)),
    command: (sql: string, params?: QueryParams) => inTurn(() => store.command(sql, params)),
  }
}
