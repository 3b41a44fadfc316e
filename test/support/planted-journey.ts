/**
 * Seeded test data with planted problems, and a control without them, for the
 * journey-analysis tests: an online electronics retailer whose customers walk
 * discover → buy → deliver → use, ending at the goal `setup` (the last step,
 * so nothing comes after the goal).
 *
 * In BOTH modes every customer may stop after each step before the goal with
 * the same 4 % chance (constant hazard), so exit rates are flat when nothing is
 * planted. Traits (plan, region, a unique email) are independent of everything.
 * Feedback: rating (1–5) after `order_confirmed` (40 %), CSAT (1–5) after
 * `delivery` (60 %), CES (1–7, 7 = very easy) after `setup` (60 %); baseline
 * answers are mostly high with ~8 % very low (1–2).
 *
 * With `planted: true`, five problems the analyses must find (see `truth`):
 * 1. drop-out on one channel: customers checking out on the app stop after
 *    `checkout` with probability 0.45 (web keeps 4 %);
 * 2. repeat-contact loop: ~20 % of the orders are delayed and their customers
 *    check `order_status` 3–6 times within 5 days on web, app, phone and chat
 *    (at least twice on phone or chat); everybody else checks once on web/app;
 * 3. a touchpoint rated low by one value tier: premium payers (~20 %, orders of
 *    500–800) rate `delivery` CSAT 1–2 with probability 0.75;
 * 4. a slow transition driving low scores later: for ~25 % the wait from
 *    `payment` to `order_confirmed` is 2–4 days instead of minutes, and they
 *    answer the `setup` CES with 1–2 with probability 0.6;
 * 5. a dark touchpoint: `welcome_email` never happens.
 * In the control none of these exist. Each customer has its own random stream
 * (seeded from the master seed), and every draw is made in both modes, so a
 * customer's traits, device, order value and times are the same in the control
 * and the planted data: only the planted differences differ.
 */
import type { JourneyDocument, MatchRule, Step } from '../../src/domain/journey/journey.ts'
import { seededRandom } from '../../src/demo/random.ts'
import { chTime, type CustomerTraitsRow, type EventRow } from '../../src/storage/events/rows.ts'

export type PlantedOptions = { seed: number; customers: number; planted: boolean; workspaceId: string }

/** What was planted; `{}` in the control. */
export type PlantedTruth = {
  dropOut?: { step: string; channel: string }
  repeatLoop?: { step: string }
  lowTier?: { step: string; tier: 'high' }
  slowTransition?: { from: string; to: string; lowAt: string }
  dark?: string
}

export type PlantedData = {
  journey: JourneyDocument
  /** Path events and feedback answers (feedback rows have score, score_kind and touchpoint set), in generation (= `seq`) order. */
  events: EventRow[]
  /** One row per customer. */
  traits: CustomerTraitsRow[]
  truth: PlantedTruth
}

type Rnd = ReturnType<typeof seededRandom>

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Fixed, not "now": the same seed gives the same data on every machine. */
const START = Date.UTC(2026, 0, 5)
const RECEIVED_AT = chTime(new Date(Date.UTC(2026, 3, 1)))
/** The chance to stop after any step before the goal, in both modes. */
const EXIT = 0.04

const step = (key: string, name: string, channel: string, emotion: number, match?: MatchRule[]): Step => ({ key, name, channel, emotion, ...(match ? { match } : {}) })

function journey(): JourneyDocument {
  return {
    format: 'waymark.journey/v1',
    name: 'Online electronics purchase',
    kind: 'current',
    goal: 'setup',
    stages: [
      { key: 'discover', name: 'Discover', steps: [step('ad_clicked', 'Clicks an ad', 'social', 0), step('product_viewed', 'Views the product', 'web', 1)] },
      {
        key: 'buy',
        name: 'Buy',
        steps: [
          step('cart_added', 'Adds to cart', 'web', 1),
          step('checkout', 'Checks out', 'web', 0, [{ event: 'checkout_started' }]),
          step('payment', 'Pays', 'web', -1, [{ event: 'payment_made' }]),
          step('order_confirmed', 'Gets the order confirmation', 'email', 1),
        ],
      },
      {
        key: 'deliver',
        name: 'Deliver',
        steps: [step('order_status', 'Checks the order status', 'web', -1, [{ event: 'order_status_checked' }]), step('delivery', 'Receives the parcel', 'other', 2, [{ event: 'delivered' }])],
      },
      { key: 'use', name: 'Use', steps: [step('welcome_email', 'Gets the welcome email', 'email', 1), step('setup', 'Sets the device up', 'app', 2, [{ event: 'setup_done' }])] },
    ],
  }
}

/** A survey answer on a 1–`max` scale: 1–2 with probability `low`, otherwise mostly high (5-point: 4–5, 7-point: 5–7). */
function answer(r: Rnd, max: 5 | 7, low: number): number {
  const high = max === 7 ? 5 : 4
  return r.chance(low) ? r.int(1, 2) : r.chance(0.12) ? r.int(3, high - 1) : r.int(high, max)
}

export function plantedJourney(opts: PlantedOptions): PlantedData {
  const { seed, planted, workspaceId } = opts
  const master = seededRandom(seed)
  const events: EventRow[] = []
  const traits: CustomerTraitsRow[] = []
  let n = 0
  for (let c = 0; c < opts.customers; c++) {
    const r = seededRandom(Math.floor(master.next() * 2 ** 32))
    const id = `c${String(c + 1).padStart(5, '0')}`
    // Who the customer is, drawn first and identically in both modes.
    const plan = r.pick(['basic', 'plus', 'pro'] as const)
    const region = r.pick(['north', 'south', 'east', 'west'] as const)
    const device = r.chance(0.7) ? 'web' : 'app'
    const premium = r.chance(0.2)
    const revenue = premium ? r.int(500, 800) : r.int(40, 120)
    const delayed = r.chance(0.2) // planted: the order is late (repeat-contact loop)
    const slow = r.chance(0.25) // planted: the order confirmation takes days
    let t = START + r.int(0, 59) * DAY + r.int(8 * 60, 21 * 60) * MINUTE + r.int(0, 59_999)
    traits.push({ workspace_id: workspaceId, customer_id: id, ts: chTime(new Date(t)), traits: { plan, region, email: `${id}@example.test` }, source: 'import', event_id: `t-${id}` })

    const later = (min: number, max: number) => (t += r.int(min, max))
    const row = (at: number, event: string, channel: string, extra: Partial<EventRow>): EventRow => ({
      workspace_id: workspaceId,
      event_id: `p-${seed}-${++n}`,
      customer_id: id,
      anonymous_id: '',
      user_id: id,
      ts: chTime(new Date(at)),
      seq: n,
      type: 'track',
      event,
      channel,
      source: 'import',
      properties: {},
      context: '{}',
      score: null,
      score_kind: '',
      touchpoint: '',
      comment: '',
      revenue: null,
      received_at: RECEIVED_AT,
      off_plan: 0,
      ...extra,
    })
    const emit = (event: string, channel: string, extra: Partial<EventRow> = {}) => events.push(row(t, event, channel, extra))
    /** A survey answer about `touchpoint`, on its channel, a few minutes after it (the path's clock does not move). */
    const survey = (share: number, touchpoint: string, channel: string, kind: string, score: () => number) => {
      if (r.chance(share)) events.push(row(t + r.int(2 * MINUTE, 20 * MINUTE), 'survey_answered', channel, { type: 'feedback', score: score(), score_kind: kind, touchpoint }))
    }
    const stops = (p = EXIT) => r.chance(p)

    // Discover
    emit('ad_clicked', 'social')
    if (stops()) continue
    later(10_000, 5 * MINUTE)
    emit('product_viewed', 'web')
    if (stops()) continue

    // Buy, in one session; checkout on the customer's device.
    later(MINUTE, 20 * MINUTE)
    emit('cart_added', 'web')
    if (stops()) continue
    later(MINUTE, 10 * MINUTE)
    emit('checkout_started', device)
    if (stops(planted && device === 'app' ? 0.45 : EXIT)) continue // planted 1
    later(MINUTE, 10 * MINUTE)
    emit('payment_made', 'web', { revenue })
    if (stops()) continue
    const quick = r.int(MINUTE, 15 * MINUTE)
    const days = r.int(2 * DAY, 4 * DAY)
    t += planted && slow ? days : quick // planted 4
    emit('order_confirmed', 'email')
    survey(0.4, 'order_confirmed', 'email', 'rating', () => answer(r, 5, 0.05))
    if (stops()) continue

    // Deliver
    later(6 * HOUR, 2 * DAY)
    if (planted && delayed) {
      // Planted 2: 3–6 checks within 5 days, the first on the device, at least two on phone or chat.
      const checks = r.int(3, 6)
      const channels = [device, r.pick(['phone', 'chat']), r.pick(['phone', 'chat'])]
      while (channels.length < checks) channels.push(r.pick(['web', 'app', 'phone', 'chat']))
      channels.forEach((channel, i) => {
        if (i > 0) later(HOUR, Math.floor((5 * DAY) / (checks - 1)))
        emit('order_status_checked', channel)
      })
      later(2 * HOUR, DAY)
    } else {
      emit('order_status_checked', device)
      later(DAY, 3 * DAY)
    }
    if (stops()) continue
    emit('delivered', 'other')
    survey(0.6, 'delivery', 'other', 'csat', () => answer(r, 5, planted && premium ? 0.75 : 0.08)) // planted 3
    if (stops()) continue

    // Use
    later(HOUR, DAY)
    if (!planted) emit('welcome_email', 'email') // planted 5: dark
    const quits = stops() // drawn in both modes; a touchpoint that never happens has no exits
    if (!planted && quits) continue
    later(HOUR, 2 * DAY)
    emit('setup_done', 'app')
    survey(0.6, 'setup', 'app', 'ces', () => answer(r, 7, planted && slow ? 0.6 : 0.08)) // planted 4
  }

  const truth: PlantedTruth = planted
    ? {
        dropOut: { step: 'checkout', channel: 'app' },
        repeatLoop: { step: 'order_status' },
        lowTier: { step: 'delivery', tier: 'high' },
        slowTransition: { from: 'payment', to: 'order_confirmed', lowAt: 'setup' },
        dark: 'welcome_email',
      }
    : {}
  return { journey: journey(), events, traits, truth }
}
