/**
 * Seeded event-log CSVs for the file benchmark: cases walking a 25-activity
 * order-to-delivery process with skips, rework loops and drop-outs, ten events
 * per case on average. `plain` has the three columns a process-mining export
 * has (case_id, activity, timestamp); `rich` adds a channel, feedback scores
 * on some rows and two property columns (one constant per case, which becomes
 * a trait). The same seed writes the same bytes on every machine.
 */
import fs from 'node:fs'
import { seededRandom } from '../../src/demo/random.ts'

export type LogVariant = 'plain' | 'rich'

export const activities: readonly string[] = [
  'visit', 'search', 'compare', 'add_to_cart', 'checkout_started', 'address_entered', 'payment_entered', 'payment_failed', 'payment_retried', 'order_placed',
  'confirmation_sent', 'support_called', 'support_chat', 'order_changed', 'picked', 'packed', 'shipped', 'delay_notice', 'out_for_delivery', 'delivery_failed',
  'redelivered', 'delivered', 'return_requested', 'refunded', 'review_written',
]
const CHANNEL: Record<string, string> = { support_called: 'phone', support_chat: 'chat', confirmation_sent: 'email', delay_notice: 'email', delivered: 'other', review_written: 'web' }
const PLANS = ['basic', 'plus', 'pro'] as const
const REGIONS = ['north', 'south', 'east', 'west'] as const
const START = Date.UTC(2026, 0, 1)
const MINUTE = 60_000

export const headerOf = (variant: LogVariant) => (variant === 'plain' ? 'case_id,activity,timestamp' : 'case_id,activity,timestamp,channel,score,score_kind,plan,region')

/** One case's activities: the main path with planted detours; rework happens more on the 'basic' plan. */
function walk(r: ReturnType<typeof seededRandom>, basic: boolean): string[] {
  const path = ['visit']
  if (r.chance(0.6)) path.push('search')
  if (r.chance(0.4)) path.push('compare')
  path.push('add_to_cart')
  if (r.chance(0.15)) return path // dropped out of the cart
  path.push('checkout_started', 'address_entered', 'payment_entered')
  while (r.chance(basic ? 0.25 : 0.08)) path.push('payment_failed', 'payment_retried')
  if (r.chance(0.05)) return path
  path.push('order_placed', 'confirmation_sent')
  if (r.chance(0.1)) path.push(r.pick(['support_called', 'support_chat']), 'order_changed')
  path.push('picked', 'packed', 'shipped')
  if (r.chance(0.12)) path.push('delay_notice', 'support_called')
  path.push('out_for_delivery')
  if (r.chance(0.07)) path.push('delivery_failed', 'redelivered')
  path.push('delivered')
  if (r.chance(0.06)) path.push('return_requested', 'refunded')
  if (r.chance(0.2)) path.push('review_written')
  return path
}

/** A CSAT answer on some deliveries, a CES answer on some support calls. */
function feedbackOn(r: ReturnType<typeof seededRandom>, activity: string): [kind: string, score: number] | undefined {
  if (activity === 'delivered') return r.chance(0.3) ? ['csat', r.int(1, 5)] : undefined
  if (activity === 'support_called') return r.chance(0.3) ? ['ces', r.int(1, 7)] : undefined
  return undefined
}

/** Writes `events` events (whole cases, the last one cut to size) and returns the number of cases. */
export function writeEventLog(file: string, events: number, variant: LogVariant, seed = 17): { cases: number } {
  const r = seededRandom(seed)
  const fd = fs.openSync(file, 'w')
  let out: string[] = [headerOf(variant)]
  let written = 0
  let cases = 0
  const flush = () => {
    fs.writeSync(fd, `${out.join('\n')}\n`)
    out = []
  }
  while (written < events) {
    const id = `c${(++cases).toString().padStart(7, '0')}`
    const plan = PLANS[r.int(0, 2)]!
    const path = walk(r, plan === 'basic')
    let t = START + r.int(0, 300 * 24 * 60) * MINUTE
    for (const activity of path) {
      if (written >= events) break
      t += r.int(1, 240) * MINUTE + r.int(0, 59_999)
      const stamp = new Date(t).toISOString()
      if (variant === 'plain') out.push(`${id},${activity},${stamp}`)
      else {
        const [kind, score] = feedbackOn(r, activity) ?? ['', '']
        out.push(`${id},${activity},${stamp},${CHANNEL[activity] ?? 'web'},${score},${kind},${plan},${r.pick(REGIONS)}`)
      }
      written++
      if (out.length >= 50_000) flush()
    }
  }
  flush()
  fs.closeSync(fd)
  return { cases }
}

