/**
 * Seeded dataset for the analysis benchmark: customers walking a 5-stage ×
 * 5-step broadband-style journey over several channels, with the things the
 * analyses look for — drop-outs after every stage, repeat loops (failed
 * activation → support calls), backward moves and skipped stages, feedback
 * (CSAT, CES, NPS) tied to touchpoints, revenue, an event outside the
 * tracking plan and a touchpoint that never happens. The same seed gives the
 * same events on every machine; events are produced one at a time, so any
 * size can be streamed without holding it in memory.
 */
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import { seededRandom } from '../../src/demo/random.ts'
import { chTime, type EventRow } from '../../src/storage/events/rows.ts'

export type BenchEvent = {
  customer: string
  event: string
  /** Milliseconds since the epoch. */
  ts: number
  channel: string
  score?: number
  scoreKind?: 'nps' | 'csat' | 'ces'
  touchpoint?: string
  revenue?: number
  /** page_viewed only: which page ('/' = home, '/plans' = plan comparison). */
  path?: string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Fixed, not "now": the same seed gives the same data. */
const START = Date.UTC(2026, 0, 1)

type StepDef = { key: string; name: string; channel: string; match?: JourneyDocument['stages'][number]['steps'][number]['match'] }
const step = (key: string, channel: string, match?: StepDef['match']): StepDef => ({ key, name: key.replaceAll('_', ' '), channel, ...(match ? { match } : {}) })

/** 25 touchpoints; most are matched by event name (key = event), a few by explicit rules. */
const STAGES: Array<{ key: string; steps: StepDef[] }> = [
  {
    key: 'discover',
    steps: [
      step('ad_clicked', 'social'),
      step('home_visited', 'web', [{ event: 'page_viewed', where: { path: '/' } }]),
      step('plans_compared', 'web', [{ event: 'page_viewed', where: { path: '/plans' } }]),
      step('reviews_read', 'web'),
      step('presales_chat', 'chat', [{ event: 'chat_started', channel: 'chat' }]),
    ],
  },
  {
    key: 'buy',
    steps: [step('order_started', 'web'), step('credit_checked', 'other'), step('payment_added', 'web'), step('order_confirmed', 'email'), step('contract_signed', 'web')],
  },
  {
    key: 'install',
    steps: [
      step('install_booked', 'phone'),
      step('welcome_call', 'phone'), // designed, never tracked: a dark touchpoint
      step('technician_visited', 'other'),
      step('router_activated', 'app'),
      step('install_support', 'phone', [{ event: ['support_called', 'support_emailed'] }]),
    ],
  },
  {
    key: 'use',
    steps: [step('app_opened', 'app'), step('speed_tested', 'app'), step('usage_alert', 'email'), step('support_chat', 'chat'), step('plan_upgraded', 'web')],
  },
  {
    key: 'pay',
    steps: [step('bill_sent', 'email'), step('bill_viewed', 'web'), step('bill_paid', 'web'), step('payment_reminder', 'mail'), step('renewal_confirmed', 'store')],
  },
]

export function benchJourney(): JourneyDocument {
  return {
    format: 'waymark.journey/v1',
    name: 'Benchmark broadband journey',
    goal: 'bill_paid',
    stages: STAGES.map((s) => ({ key: s.key, name: s.key[0]!.toUpperCase() + s.key.slice(1), steps: s.steps.map((t) => ({ ...t })) })),
  }
}

/**
 * `total` events, customer after customer (the last customer may be cut
 * short). About 10 events per customer, so 1M events ≈ 100k customers.
 */
export function* benchEvents(total: number, seed = 7): Generator<BenchEvent> {
  const rnd = seededRandom(seed)
  let emitted = 0
  for (let c = 0; emitted < total; c++) {
    const events = customerEvents(rnd, c)
    const kept = events.length <= total - emitted ? events : events.slice(0, total - emitted)
    emitted += kept.length
    yield* kept
  }
}

/** One customer's events, in time order. */
function customerEvents(rnd: ReturnType<typeof seededRandom>, c: number): BenchEvent[] {
  const customer = `cust-${String(c + 1).padStart(8, '0')}`
  let t = START + rnd.int(0, 150) * DAY + rnd.int(7 * 60, 22 * 60) * MINUTE + rnd.int(0, 59_999)
  const out: BenchEvent[] = []
  const later = (min: number, max: number) => (t += rnd.int(min, max))
  const ev = (event: string, channel: string, extra: Partial<BenchEvent> = {}) => out.push({ customer, event, ts: t, channel, ...extra })
  const survey = (scoreKind: 'nps' | 'csat' | 'ces', score: number, touchpoint: string) => {
    later(MINUTE, 2 * HOUR)
    ev('survey_answered', 'email', { score, scoreKind, touchpoint })
  }
  const newsletter = () => rnd.chance(0.08) && ev('newsletter_opened', 'email') // outside the tracking plan
  const highValue = rnd.chance(0.2)

  // Discover
  if (rnd.chance(0.45)) ev('ad_clicked', 'social')
  later(10_000, 5 * MINUTE)
  ev('page_viewed', 'web', { path: '/' })
  if (rnd.chance(0.25)) {
    later(10_000, 3 * MINUTE)
    ev('page_viewed', 'web', { path: '/' }) // repeat
  }
  const compared = rnd.chance(0.8)
  if (compared) {
    later(30_000, 20 * MINUTE)
    ev('page_viewed', 'web', { path: '/plans' })
    if (rnd.chance(0.15)) {
      later(30_000, 10 * MINUTE)
      ev('page_viewed', 'web', { path: '/' })
      later(30_000, 10 * MINUTE)
      ev('page_viewed', 'web', { path: '/plans' }) // loop home ↔ plans
    }
  }
  if (rnd.chance(0.35)) {
    later(MINUTE, HOUR)
    ev('reviews_read', 'web')
  }
  if (rnd.chance(0.12)) {
    later(MINUTE, HOUR)
    ev('chat_started', 'chat')
  }
  newsletter()
  if (!compared || rnd.chance(0.3)) {
    return out // drop-out after discover
  }

  // Buy (sometimes the credit check lands before the order is logged: out of order within a stage)
  later(5 * MINUTE, 2 * DAY)
  const creditFirst = rnd.chance(0.05)
  if (creditFirst) ev('credit_checked', 'other')
  later(MINUTE, 10 * MINUTE)
  ev('order_started', 'web')
  if (!creditFirst) {
    later(MINUTE, 10 * MINUTE)
    ev('credit_checked', 'other')
  }
  if (rnd.chance(0.9)) {
    later(MINUTE, 20 * MINUTE)
    ev('payment_added', 'web')
  }
  if (rnd.chance(0.04)) {
    later(MINUTE, HOUR)
    ev('page_viewed', 'web', { path: '/plans' }) // backward move to discover
  }
  if (rnd.chance(0.12)) {
    return out // abandons the order
  }
  later(MINUTE, 30 * MINUTE)
  ev('order_confirmed', 'email', { revenue: highValue ? rnd.int(100, 250) : rnd.int(20, 80) })
  if (rnd.chance(0.85)) {
    later(10 * MINUTE, DAY)
    ev('contract_signed', 'web')
  }
  newsletter()

  // Install: some customers skip it in the data (router self-install not tracked) — a skipped stage
  let loops = 0
  if (rnd.chance(0.9)) {
    later(HOUR, 2 * DAY)
    ev('install_booked', 'phone')
    const tech = rnd.chance(0.75)
    if (tech) {
      later(DAY, 5 * DAY)
      ev('technician_visited', 'other')
    }
    later(HOUR, 2 * DAY)
    ev('router_activated', 'app')
    if (rnd.chance(0.2)) {
      // activation fails: repeat-contact loop, 1-3 support contacts, then activation again
      loops = rnd.int(1, 3)
      for (let i = 0; i < loops; i++) {
        later(HOUR, 3 * DAY)
        ev(rnd.chance(0.7) ? 'support_called' : 'support_emailed', rnd.chance(0.7) ? 'phone' : 'email')
      }
      later(HOUR, DAY)
      ev('router_activated', 'app')
      if (rnd.chance(0.3)) survey('ces', rnd.int(1, 3), 'install_support')
    }
    if (tech && rnd.chance(0.3)) survey('csat', highValue ? rnd.int(1, 3) : rnd.int(3, 5), 'technician_visited')
    if (rnd.chance(loops ? 0.3 : 0.06)) {
      return out // gives up during install
    }
  }

  // Use (skipped by 15 %: a stage skipped from install to pay)
  if (rnd.chance(0.85)) {
    const opens = rnd.int(1, 4)
    for (let i = 0; i < opens; i++) {
      later(HOUR, 5 * DAY)
      ev('app_opened', 'app')
    }
    if (rnd.chance(0.3)) {
      later(MINUTE, HOUR)
      ev('speed_tested', 'app')
    }
    if (rnd.chance(0.2)) {
      later(HOUR, 3 * DAY)
      ev('usage_alert', 'email')
    }
    if (rnd.chance(loops ? 0.5 : 0.15)) {
      later(HOUR, 3 * DAY)
      ev('support_chat', 'chat')
    }
    if (rnd.chance(0.05)) {
      later(HOUR, 3 * DAY)
      ev('plan_upgraded', 'web', { revenue: rnd.int(10, 40) })
    }
  }

  // Pay
  later(5 * DAY, 20 * DAY)
  ev('bill_sent', 'email')
  if (rnd.chance(0.6)) {
    later(HOUR, 3 * DAY)
    ev('bill_viewed', rnd.chance(0.8) ? 'web' : 'app')
  }
  const paid = rnd.chance(loops ? 0.6 : 0.9)
  if (!paid) {
    later(7 * DAY, 14 * DAY)
    ev('payment_reminder', 'mail')
  }
  if (paid || rnd.chance(0.5)) {
    later(HOUR, 5 * DAY)
    ev('bill_paid', 'web', { revenue: highValue ? rnd.int(60, 120) : rnd.int(25, 60) })
    if (rnd.chance(0.3)) {
      later(20 * DAY, 30 * DAY)
      ev('renewal_confirmed', 'store')
    }
  }
  if (rnd.chance(0.35)) survey('nps', loops ? rnd.int(0, 7) : rnd.int(5, 10), 'bill_paid')
  newsletter()
  return out
}


/** A stored row, as the importers would write it (`seq` = position in the dataset keeps ties in order). */
/** A customer's traits (for segments): a plan and a region, spread evenly and independent of their journey. */
export function benchTraits(customer: string): Record<string, string> {
  const n = Number(customer.slice(customer.lastIndexOf('-') + 1))
  return { plan: ['basic', 'plus', 'pro'][n % 3]!, region: ['north', 'south', 'east', 'west'][Math.floor(n / 3) % 4]! }
}

export function toEventRow(e: BenchEvent, workspaceId: string, i: number, receivedAt: string): EventRow {
  const feedback = e.score !== undefined
  return {
    workspace_id: workspaceId,
    event_id: `bench-${i}`,
    customer_id: e.customer,
    anonymous_id: '',
    user_id: e.customer,
    ts: chTime(new Date(e.ts)),
    seq: i,
    type: feedback ? 'feedback' : 'track',
    event: e.event,
    channel: e.channel,
    source: 'bench',
    properties: e.path === undefined ? {} : { path: e.path },
    context: '{}',
    score: e.score ?? null,
    score_kind: e.scoreKind ?? '',
    touchpoint: e.touchpoint ?? '',
    comment: '',
    revenue: e.revenue ?? null,
    received_at: receivedAt,
    off_plan: 0,
  }
}

/** The same events as an import CSV (the column names `waymark import` / `waymark analyze` recognise by default). */
export const CSV_HEADER = 'case_id,activity,timestamp,channel,score,score_kind,touchpoint,revenue,path'

export function toCsvLine(e: BenchEvent): string {
  return [e.customer, e.event, new Date(e.ts).toISOString(), e.channel, e.score ?? '', e.scoreKind ?? '', e.touchpoint ?? '', e.revenue ?? '', e.path ?? ''].join(',')
}
