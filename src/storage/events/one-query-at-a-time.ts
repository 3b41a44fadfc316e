import type { EventStore, QueryParams } from './event-store.ts'

/**
 * The store with its queries run one at a time, first come first served, each
 * followed by handing the memory it freed back to the OS. For analyses that
 * fire many queries at an in-process engine: each query already uses every
 * core, so running them side by side only adds up their memory.
 */
export function oneQueryAtATime(store: EventStore): EventStore {
  let queue: Promise<unknown> = Promise.resolve()
  return {
    ...store,
    query<T>(sql: string, params?: QueryParams): Promise<T[]> {
      const run = queue.then(async () => {
        try {
          return await store.query<T>(sql, params)
        } finally {
          await store.releaseMemory()
        }
      })
      queue = run.catch(() => undefined)
      return run
    },
  }
}
