import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import { chTime } from '../storage/events/rows.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { stepMatcher } from './step-matcher.ts'
import { stitchedEvents } from './stitched-events.ts'

/**
 * Customers (stitched) who did a step in each of `windows` consecutive windows
 * of `sizeMs` ending at `end`, oldest first, counted in the engine in one pass
 * over that period. What a volume-drop alert compares: the last window against
 * the mean of the ones before it.
 */
export async function getStepVolumes(events: EventStore, workspaceId: string, doc: JourneyDocument, step: string, end: Date, sizeMs: number, windows: number): Promise<number[]> {
  const found = allSteps(doc).find((s) => s.step.key === step)
  const matcher = stepMatcher({ ...doc, stages: [{ key: 's', name: 's', steps: found ? [found.step] : [] }] }, 'v')
  const start = new Date(end.getTime() - sizeMs * windows)
  const rows = await events.query<{ w: number; customers: string }>(
    `SELECT intDiv(toUnixTimestamp64Milli(ts) - toUnixTimestamp64Milli({start:DateTime64(3)}), {size:UInt64}) AS w, uniqExact(customer) AS customers
     FROM (${stitchedEvents('e.ts', `(${matcher.sql}) != ''`)})
     WHERE ts >= {start:DateTime64(3)} AND ts < {end:DateTime64(3)}
     GROUP BY w`,
    { ws: workspaceId, start: chTime(start), end: chTime(end), size: sizeMs, ...matcher.params },
  )
  const out = new Array<number>(windows).fill(0)
  for (const r of rows) if (r.w >= 0 && r.w < windows) out[Number(r.w)] = Number(r.customers)
  return out
}
