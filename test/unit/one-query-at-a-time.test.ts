import { describe, expect, it } from 'vitest'
import type { EventStore } from '../../src/storage/events/event-store.ts'
import { oneQueryAtATime } from '../../src/storage/events/one-query-at-a-time.ts'

/** A store whose queries finish when the test says so, recording what runs at once. */
function controllableStore() {
  const log: string[] = []
  const pending = new Map<string, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>()
  let running = 0
  let maxRunning = 0
  const store = {
    query(sql: string) {
      running++
      maxRunning = Math.max(maxRunning, running)
      log.push(`start ${sql}`)
      return new Promise((resolve, reject) => pending.set(sql, { resolve, reject })).finally(() => running--)
    },
  } as unknown as EventStore
  const settle = async () => new Promise((r) => setTimeout(r, 0))
  return { store, log, pending, maxRunning: () => maxRunning, settle }
}

describe('oneQueryAtATime', () => {
  it('takes commands in the same queue', async () => {
    const s = controllableStore()
    ;(s.store as { command: unknown }).command = (sql: string) => s.store.query(sql)
    const store = oneQueryAtATime(s.store)
    const q = store.query('q')
    const c = store.command('CREATE')
    await s.settle()
    expect(s.log).toEqual(['start q'])
    s.pending.get('q')!.resolve([])
    await q
    await s.settle()
    s.pending.get('CREATE')!.resolve([])
    await c
    expect(s.log).toEqual(['start q', 'start CREATE'])
    expect(s.maxRunning()).toBe(1)
  })

  it('runs queries one after the other in arrival order, and goes on after a failure', async () => {
    const s = controllableStore()
    const store = oneQueryAtATime(s.store)
    const a = store.query('a')
    const b = store.query('b')
    const c = store.query('c')
    await s.settle()
    expect(s.log).toEqual(['start a'])
    s.pending.get('a')!.resolve([1])
    expect(await a).toEqual([1])
    await s.settle()
    expect(s.log).toEqual(['start a', 'start b'])
    s.pending.get('b')!.reject(new Error('bad query'))
    await expect(b).rejects.toThrow('bad query')
    await s.settle()
    s.pending.get('c')!.resolve([3])
    expect(await c).toEqual([3])
    expect(s.log).toEqual(['start a', 'start b', 'start c'])
    expect(s.maxRunning()).toBe(1)
  })
})
