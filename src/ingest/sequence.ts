/**
 * Arrival sequence numbers: strictly increasing within a process and roughly
 * time-ordered across processes (microseconds since the epoch). They break ties
 * between events of one customer that share a timestamp, keeping arrival order.
 */
let last = 0

export function nextSequence(): number {
  last = Math.max(last + 1, Date.now() * 1000)
  return last
}

/** Reserves n consecutive sequence numbers (a file the engine stores itself numbers its rows from the first). */
export function reserveSequences(n: number): number {
  const first = nextSequence()
  last = first + Math.max(0, n - 1)
  return first
}
