import fs from 'node:fs'
import type { JourneyDocument } from '../domain/journey/journey.ts'
import type { IngestWriter } from '../ingest/ingest-writer.ts'
import { ingestMessages } from '../ingest/segment/ingest-messages.ts'
import { packagePath } from '../package-root.ts'
import { seededRandom } from './random.ts'

export const DEMO_JOURNEY = JSON.parse(fs.readFileSync(packagePath('src/demo/broadband-journey.json'), 'utf8')) as JourneyDocument

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** A fixed start, not "now": the same seed gives the same data on every run. */
const START = Date.UTC(2026, 5, 1)
const SPAN_DAYS = 90

const TIERS = [
  { tier: 'gold', share: 0.15, monthly: 89 },
  { tier: 'silver', share: 0.35, monthly: 55 },
  { tier: 'bronze', share: 0.5, monthly: 32 },
] as const

type Message = Record<string, unknown>

/**
 * The demo's deliberate problems, each of which the analytics must find:
 * 1. drop-out: 35 % of visitors leave after comparing plans (never start an order);
 * 2. repeat-contact loop: when router activation fails (20 %), customers call
 *    support 2–4 times within days, and a third of them never pay their bill;
 * 3. a low-scoring touchpoint hitting high-value customers: gold-tier customers
 *    rate the technician visit 1–2 out of 5, silver 2–4, bronze 4–5;
 * 4. a designed touchpoint with no data: nobody ever receives the welcome call.
 * Plus an event outside the tracking plan (`newsletter_opened`), anonymous
 * browsing stitched to the customer at checkout, and feedback where a CX team
 * would ask for it: CSAT after a sales chat, the order confirmation and the
 * technician visit, CES after support calls, NPS after the first bill.
 */
export function* demoCustomers(customers: number, seed: number): Generator<Message[]> {
  const rnd = seededRandom(seed)
  let n = 0
  for (let c = 0; c < customers; c++) {
    const id = `cust-${String(c + 1).padStart(6, '0')}`
    const anon = `anon-${seed}-${c + 1}`
    const roll = rnd.next()
    const tier = roll < TIERS[0].share ? TIERS[0] : roll < TIERS[0].share + TIERS[1].share ? TIERS[1] : TIERS[2]
    let t = START + rnd.int(0, SPAN_DAYS - 20) * DAY + rnd.int(8, 21) * HOUR + rnd.int(0, 3599) * 1000
    const out: Message[] = []
    const msg = (m: Message) => out.push({ messageId: `demo-${seed}-${++n}`, timestamp: new Date(t).toISOString(), ...m })
    const later = (minMs: number, maxMs: number) => (t += rnd.int(minMs, maxMs))
    const track = (event: string, channel: string, properties: Record<string, unknown> = {}, who: Message = { userId: id }) =>
      msg({ type: 'track', event, properties, context: { channel }, ...who })
    const survey = (kind: string, score: number, touchpoint: string, opts: { comment?: string; channel?: string; who?: Message } = {}) =>
      track('Survey Answered', opts.channel ?? 'email', { kind, score, touchpoint, ...(opts.comment ? { comment: opts.comment } : {}) }, opts.who)

    // Discover (anonymous)
    msg({ type: 'page', anonymousId: anon, properties: { path: '/', title: 'Home' } })
    if (rnd.chance(0.3)) msg({ type: 'page', anonymousId: anon, properties: { path: '/', title: 'Home' } })
    later(30_000, 600_000)
    msg({ type: 'page', anonymousId: anon, properties: { path: '/plans', title: 'Plans' } })
    if (rnd.chance(0.2)) {
      later(60_000, 900_000)
      track('chat_started', 'chat', { topic: 'sales' }, { anonymousId: anon })
      if (rnd.chance(0.4)) {
        later(60_000, 600_000)
        survey('csat', rnd.int(3, 5), 'sales_chat', { channel: 'chat', who: { anonymousId: anon } })
      }
    }
    if (rnd.chance(0.35)) {
      yield out // problem 1: leaves after comparing plans
      continue
    }

    // Buy: identified at checkout; earlier anonymous events are stitched to the customer.
    later(5 * 60_000, 2 * DAY)
    msg({ type: 'identify', anonymousId: anon, userId: id, traits: { tier: tier.tier, plan: tier.tier === 'gold' ? 'fibre-1000' : tier.tier === 'silver' ? 'fibre-500' : 'fibre-100', region: rnd.pick(['north', 'south', 'east', 'west']) } })
    track('order_started', 'web', { plan_price: tier.monthly })
    later(60_000, 10 * 60_000)
    track('credit_checked', 'other', { result: 'approved' })
    later(60_000, 30 * 60_000)
    track('email_sent', 'email', { template: 'order_confirmation' })
    if (rnd.chance(0.3)) track('newsletter_opened', 'email', {}) // not in the tracking plan
    if (rnd.chance(0.25)) survey('csat', rnd.int(4, 5), 'order_confirmed')

    // Install. Nobody makes the welcome call (problem 4).
    later(HOUR, 6 * HOUR)
    track('email_sent', 'email', { template: 'install_booked' })
    later(DAY, 4 * DAY)
    track('technician_visited', 'field', { slot: rnd.pick(['morning', 'afternoon']) })
    later(2 * HOUR, 30 * HOUR)
    // Problem 3: the visit disappoints high-value customers.
    if (rnd.chance(0.6)) {
      const score = tier.tier === 'gold' ? rnd.int(1, 2) : tier.tier === 'silver' ? rnd.int(2, 4) : rnd.int(4, 5)
      survey('csat', score, 'technician_visit', score <= 2 ? { comment: 'Waited all day, no call ahead' } : {})
    }
    const activationFails = rnd.chance(0.2)
    let unhappy = false
    if (activationFails) {
      // Problem 2: the repeat-contact loop.
      const calls = rnd.int(2, 4)
      for (let i = 0; i < calls; i++) {
        later(2 * HOUR, 2 * DAY)
        track('call_started', 'phone', { queue: 'support', reason: 'no connection' })
        // Effort after each call (CES, 7 = very easy): calling again and again is hard work.
        if (rnd.chance(0.3)) survey('ces', rnd.int(1, 3), 'support_call')
      }
      if (rnd.chance(0.4)) {
        later(HOUR, DAY)
        track('chat_started', 'chat', { topic: 'support' })
      }
      unhappy = true
      if (rnd.chance(0.33)) {
        yield out // gives up before paying
        continue
      }
    }
    later(10 * 60_000, DAY)
    track('router_activated', 'app')
    for (let i = rnd.int(1, 6); i > 0; i--) {
      later(HOUR, 3 * DAY)
      track('app_opened', 'app')
      if (rnd.chance(0.4)) track('speed_test_run', 'app', { mbps: tier.tier === 'gold' ? rnd.int(700, 950) : rnd.int(80, 480) })
    }
    if (!unhappy && rnd.chance(0.08)) {
      later(HOUR, 5 * DAY)
      track('call_started', 'phone', { queue: 'support', reason: 'question' })
      if (rnd.chance(0.3)) survey('ces', rnd.int(5, 7), 'support_call')
    }

    // Pay
    later(10 * DAY, 25 * DAY)
    track('email_sent', 'email', { template: 'first_bill' })
    later(HOUR, 3 * DAY)
    msg({ type: 'page', userId: id, properties: { path: '/billing', title: 'Billing' } })
    later(10 * 60_000, 5 * DAY)
    track('payment_completed', 'web', { revenue: tier.monthly })
    if (rnd.chance(0.5)) {
      later(DAY, 5 * DAY)
      survey('nps', unhappy ? rnd.int(0, 5) : rnd.int(8, 10), 'bill_paid')
    }
    yield out
  }
}

export type DemoProgress = { customers: number; events: number }

/** Sends the demo through the real ingestion path (normalisation, group commit, dedupe), in chunks. */
export async function generateDemoData(
  writer: IngestWriter,
  workspaceId: string,
  opts: { customers?: number; seed?: number; onProgress?: (p: DemoProgress) => void } = {},
): Promise<DemoProgress> {
  const total = opts.customers ?? 20_000
  const progress = { customers: 0, events: 0 }
  let chunk: Message[] = []
  const flush = async () => {
    const outcome = ingestMessages(chunk, { workspaceId, receivedAt: new Date(), source: 'demo' })
    if (outcome.quarantined) throw new Error(`demo generator produced invalid messages: ${outcome.errors[0]?.reason}`)
    await writer.write(outcome.rows)
    progress.events += outcome.rows.events?.length ?? 0
    chunk = []
    opts.onProgress?.(progress)
  }
  for (const messages of demoCustomers(total, opts.seed ?? 42)) {
    chunk.push(...messages)
    progress.customers++
    if (chunk.length >= 10_000) await flush()
  }
  await flush()
  return progress
}
