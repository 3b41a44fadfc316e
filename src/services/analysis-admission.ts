import { AppError } from '../domain/errors.ts'
import type { EventStore } from '../storage/events/event-store.ts'

/**
 * What an analysis holds in memory while it runs, per event in its workspace: its scope written to in-memory
 * tables (paths packed as numbers, feedback) and the working memory of its largest query. Measured with
 * `npm run bench:analyze`: peak RSS 1.6 GB for one analysis of 10M events (≈ 145 bytes an event over the
 * process's ~150 MB at rest); the estimate rounds up so that the budget is an upper bound.
 */
export const BYTES_PER_EVENT = 160
/** The smallest reservation: a small workspace's analysis still has its queries' fixed working memory. */
export const MIN_ANALYSIS_BYTES = 32 * 2 ** 20

export type AdmissionOptions = {
  /** Memory the analyses running together may hold, in bytes. */
  budgetBytes: number
  /** How long a request waits for room before it is answered 503. */
  queueMs: number
}

export type AdmissionStats = { running: number; reservedBytes: number; queued: number; peakRunning: number; peakReservedBytes: number; admitted: number; refused: number }

type Waiter = { bytes: number; grant: () => void; timer: NodeJS.Timeout }

/** The memory an analysis of a workspace with this many events reserves. */
export const analysisBytes = (events: number) => Math.max(MIN_ANALYSIS_BYTES, Math.ceil(events * BYTES_PER_EVENT))

/**
 * Admission of analyses into one process, by a memory budget: an analysis runs when its reservation fits
 * beside those running (one that alone exceeds the budget runs only when nothing else does, so it still
 * runs), in arrival order; the others wait up to `queueMs`, then are refused with 503 and a Retry-After.
 * Memory is what concurrent analyses exhaust (each materialises its scope), not CPU: the embedded engine
 * runs one query at a time anyway.
 */
export function analysisAdmission(opts: AdmissionOptions) {
  const queue: Waiter[] = []
  const stats: AdmissionStats = { running: 0, reservedBytes: 0, queued: 0, peakRunning: 0, peakReservedBytes: 0, admitted: 0, refused: 0 }
  const fits = (bytes: number) => stats.running === 0 || stats.reservedBytes + bytes <= opts.budgetBytes
  const take = (bytes: number) => {
    stats.admitted++
    stats.running++
    stats.reservedBytes += bytes
    stats.peakRunning = Math.max(stats.peakRunning, stats.running)
    stats.peakReservedBytes = Math.max(stats.peakReservedBytes, stats.reservedBytes)
  }
  const admitWaiting = () => {
    while (queue.length && fits(queue[0]!.bytes)) {
      const next = queue.shift()!
      stats.queued = queue.length
      clearTimeout(next.timer)
      take(next.bytes)
      next.grant()
    }
  }
  const enter = (bytes: number): Promise<void> => {
    if (!queue.length && fits(bytes)) {
      take(bytes)
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        grant: resolve,
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1)
          stats.queued = queue.length
          stats.refused++
          admitWaiting() // a large waiter at the head may have held back smaller ones that fit
          const retryAfter = Math.max(1, Math.ceil(opts.queueMs / 1000))
          reject(new AppError('overloaded', `Too many analyses are running at once on this server; try again in ${retryAfter} s`, undefined, { retryAfterSeconds: retryAfter }))
        }, opts.queueMs),
      }
      queue.push(waiter)
      stats.queued = queue.length
    })
  }
  const leave = (bytes: number) => {
    stats.running--
    stats.reservedBytes -= bytes
    admitWaiting()
  }
  return {
    /** Runs `fn` once `bytes` fit in the budget; the reservation is held until it settles. */
    async run<T>(bytes: number, fn: () => Promise<T>): Promise<T> {
      await enter(bytes)
      try {
        return await fn()
      } finally {
        leave(bytes)
      }
    },
    stats: (): AdmissionStats => ({ ...stats }),
  }
}

export type AnalysisAdmission = ReturnType<typeof analysisAdmission>

/** How long a workspace's event count is trusted for estimates (counting is cheap, but not free at every request). */
const COUNT_TTL_MS = 30_000

/**
 * Analyses of a workspace under the admission: each reserves what its workspace's event count says it may hold
 * (all its events: a filter only makes it smaller), the count read at most every 30 s.
 */
export function workspaceAnalyses(events: EventStore, admission: AnalysisAdmission) {
  const counts = new Map<string, { events: number; at: number; refreshing?: Promise<number> }>()
  const count = (workspaceId: string): Promise<number> => {
    const refreshing = events
      .query<{ n: string }>('SELECT count() AS n FROM events WHERE workspace_id = {ws:String}', { ws: workspaceId })
      .then(([row]) => {
        const n = Number(row?.n ?? 0)
        counts.set(workspaceId, { events: n, at: Date.now() })
        return n
      })
    const known = counts.get(workspaceId)
    if (known) known.refreshing = refreshing.catch(() => known.events)
    return refreshing
  }
  // A known count is used at once and refreshed behind it when stale: the embedded engine runs one query at a
  // time, so waiting for a fresh count would mean waiting for the analyses already running.
  const eventsIn = async (workspaceId: string) => {
    const known = counts.get(workspaceId)
    if (!known) return count(workspaceId)
    if (Date.now() - known.at >= COUNT_TTL_MS && !known.refreshing) void count(workspaceId).catch(() => undefined)
    return known.events
  }
  return {
    async run<T>(workspaceId: string, fn: () => Promise<T>): Promise<T> {
      return admission.run(analysisBytes(await eventsIn(workspaceId)), fn)
    },
    stats: admission.stats,
  }
}

export type WorkspaceAnalyses = ReturnType<typeof workspaceAnalyses>
