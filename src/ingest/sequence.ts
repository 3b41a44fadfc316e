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
