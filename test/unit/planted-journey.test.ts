import { describe, expect, it } from 'vitest'
import { allSteps, goalStep } from '../../src/domain/journey/journey.ts'
import { validateJourney } from '../../src/domain/journey/validate-journey.ts'
import type { EventRow } from '../../src/storage/events/rows.ts'
import { plantedJourney, type PlantedData } from '../support/planted-journey.ts'

const CUSTOMERS = 3000
const opts = { seed: 11, customers: CUSTOMERS, workspaceId: 'ws-test' }
const planted = plantedJourney({ ...opts, planted: true })
const control = plantedJourney({ ...opts, planted: false })

/** Event name → step key, from the journey's match rules. */
const STEP_OF: Record<string, string> = {
  ad_clicked: 'ad_clicked',
  product_viewed: 'product_viewed',
  cart_added: 'cart_added',
  checkout_started: 'checkout',
  payment_made: 'payment',
  order_confirmed: 'order_confirmed',
  order_status_checked: 'order_status',
  delivered: 'delivery',
  welcome_email: 'welcome_email',
  setup_done: 'setup',
}
const SCALE: Record<string, [number, number, string]> = { rating: [1, 5, 'order_confirmed'], csat: [1, 5, 'delivery'], ces: [1, 7, 'setup'] }

type Customer = { path: EventRow[]; feedback: EventRow[]; steps: Map<string, EventRow[]> }

function byCustomer(data: PlantedData): Map<string, Customer> {
  const out = new Map<string, Customer>()
  for (const e of data.events) {
    let c = out.get(e.customer_id)
    if (!c) out.set(e.customer_id, (c = { path: [], feedback: [], steps: new Map() }))
    if (e.type === 'feedback') {
      c.feedback.push(e)
      continue
    }
    c.path.push(e)
    const key = STEP_OF[e.event]!
    c.steps.set(key, [...(c.steps.get(key) ?? []), e])
  }
  return out
}

const ms = (ts: string) => Date.parse(`${ts.replace(' ', 'T')}Z`)
const share = (part: number, whole: number) => (whole ? part / whole : NaN)
const reaching = (cs: Customer[], key: string) => cs.filter((c) => c.steps.has(key))
const answerOf = (c: Customer, kind: string) => c.feedback.find((f) => f.score_kind === kind)?.score
/** Share of answers of `kind` that are 1–2, among the customers given. */
const lowShare = (cs: Customer[], kind: string) => {
  const scores = cs.map((c) => answerOf(c, kind)).filter((s): s is number => s != null)
  return share(scores.filter((s) => s <= 2).length, scores.length)
}
const isPremium = (c: Customer) => (c.steps.get('payment')?.[0]?.revenue ?? 0) >= 500
const waitHours = (c: Customer) => (ms(c.steps.get('order_confirmed')![0]!.ts) - ms(c.steps.get('payment')![0]!.ts)) / 3_600_000
/** Share of the customers at `key` whose last step is `key` (goal excluded). */
const exitRate = (cs: Customer[], key: string) => {
  const at = reaching(cs, key)
  return share(at.filter((c) => STEP_OF[c.path.at(-1)!.event] === key).length, at.length)
}

describe('plantedJourney generator', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(JSON.stringify(plantedJourney({ ...opts, planted: true }))).toBe(JSON.stringify(planted))
    const other = plantedJourney({ ...opts, seed: 12, planted: true })
    expect(other.events.slice(0, 50).map((e) => e.ts)).not.toEqual(planted.events.slice(0, 50).map((e) => e.ts))
    expect(other.events.length).not.toBe(planted.events.length)
  })

  it('draws a valid journey whose goal is its last step', () => {
    for (const data of [planted, control]) {
      expect(validateJourney(data.journey).ok).toBe(true)
      expect(goalStep(data.journey)).toBe('setup')
      expect(allSteps(data.journey).at(-1)!.step.key).toBe('setup')
    }
  })

  it('writes unique ids, increasing seq, time-ordered paths and one traits row per customer', () => {
    for (const data of [planted, control]) {
      expect(new Set(data.events.map((e) => e.event_id)).size).toBe(data.events.length)
      expect(data.events.every((e, i) => i === 0 || e.seq > data.events[i - 1]!.seq)).toBe(true)
      expect(data.traits).toHaveLength(CUSTOMERS)
      expect(new Set(data.traits.map((t) => t.customer_id)).size).toBe(CUSTOMERS)
      expect(new Set(data.traits.map((t) => t.traits.email)).size).toBe(CUSTOMERS)
      expect(data.traits.every((t) => t.event_id === `t-${t.customer_id}` && t.source === 'import')).toBe(true)
      const known = new Set(data.traits.map((t) => t.customer_id))
      const customers = byCustomer(data)
      expect(customers.size).toBe(CUSTOMERS)
      const wrong = [...customers].filter(([id, c]) => !known.has(id) || c.path[0]!.event !== 'ad_clicked' || c.path.some((e, i) => i > 0 && e.ts < c.path[i - 1]!.ts))
      expect(wrong).toEqual([])
    }
  })

  it('puts every feedback answer on its scale, about its step, on that step’s channel', () => {
    const channelOf = new Map(allSteps(planted.journey).map(({ step }) => [step.key, step.channel]))
    for (const data of [planted, control]) {
      const feedback = data.events.filter((e) => e.type === 'feedback')
      expect(feedback.length).toBeGreaterThan(CUSTOMERS)
      const wrong = feedback.filter((f) => {
        const [min, max, touchpoint] = SCALE[f.score_kind] ?? [NaN, NaN, '']
        const onScale = Number.isInteger(f.score) && f.score! >= min && f.score! <= max
        return !onScale || f.event !== 'survey_answered' || f.touchpoint !== touchpoint || f.channel !== channelOf.get(touchpoint)
      })
      expect(wrong).toEqual([])
      expect(data.events.filter((e) => e.type !== 'feedback').every((e) => STEP_OF[e.event] && e.score === null)).toBe(true)
    }
  })

  it('pays bimodal revenue: ~20 % premium orders of 500–800, the rest 40–120', () => {
    const payments = planted.events.filter((e) => e.event === 'payment_made').map((e) => e.revenue!)
    expect(payments.every((v) => (v >= 500 && v <= 800) || (v >= 40 && v <= 120))).toBe(true)
    expect(share(payments.filter((v) => v >= 500).length, payments.length)).toBeGreaterThan(0.16)
    expect(share(payments.filter((v) => v >= 500).length, payments.length)).toBeLessThan(0.24)
  })

  it('plants the five problems at roughly the stated rates', () => {
    const cs = [...byCustomer(planted).values()]
    expect(planted.truth).toEqual({
      dropOut: { step: 'checkout', channel: 'app' },
      repeatLoop: { step: 'order_status' },
      lowTier: { step: 'delivery', tier: 'high' },
      slowTransition: { from: 'payment', to: 'order_confirmed', lowAt: 'setup' },
      dark: 'welcome_email',
    })
    // 1. app checkouts stop at 45 %, web ones at 4 %
    const checkouts = reaching(cs, 'checkout')
    const app = checkouts.filter((c) => c.steps.get('checkout')![0]!.channel === 'app')
    const web = checkouts.filter((c) => c.steps.get('checkout')![0]!.channel === 'web')
    expect(exitRate(app, 'checkout')).toBeGreaterThan(0.38)
    expect(exitRate(app, 'checkout')).toBeLessThan(0.52)
    expect(exitRate(web, 'checkout')).toBeLessThan(0.07)
    // 2. ~20 % check order status 3–6 times within 5 days, at least twice on phone or chat
    const atStatus = reaching(cs, 'order_status')
    const loops = atStatus.filter((c) => c.steps.get('order_status')!.length > 1)
    expect(share(loops.length, atStatus.length)).toBeGreaterThan(0.16)
    expect(share(loops.length, atStatus.length)).toBeLessThan(0.24)
    for (const c of loops) {
      const checks = c.steps.get('order_status')!
      expect(checks.length).toBeGreaterThanOrEqual(3)
      expect(checks.length).toBeLessThanOrEqual(6)
      expect(checks.filter((e) => e.channel === 'phone' || e.channel === 'chat').length).toBeGreaterThanOrEqual(2)
      expect(ms(checks.at(-1)!.ts) - ms(checks[0]!.ts)).toBeLessThanOrEqual(5 * 86_400_000)
    }
    const others = atStatus.filter((c) => c.steps.get('order_status')!.length === 1)
    expect(others.every((c) => ['web', 'app'].includes(c.steps.get('order_status')![0]!.channel))).toBe(true)
    // 3. premium payers rate delivery 1–2 at ~75 %, everybody else at ~8 %
    const delivered = reaching(cs, 'delivery')
    expect(lowShare(delivered.filter(isPremium), 'csat')).toBeGreaterThan(0.65)
    expect(lowShare(delivered.filter((c) => !isPremium(c)), 'csat')).toBeLessThan(0.12)
    // 4. ~25 % wait 2–4 days for the confirmation, and rate setup effort 1–2 at ~60 %
    const confirmed = reaching(cs, 'order_confirmed')
    const slow = confirmed.filter((c) => waitHours(c) >= 48)
    expect(confirmed.every((c) => waitHours(c) <= 0.25 || (waitHours(c) >= 48 && waitHours(c) <= 96))).toBe(true)
    expect(share(slow.length, confirmed.length)).toBeGreaterThan(0.21)
    expect(share(slow.length, confirmed.length)).toBeLessThan(0.29)
    expect(lowShare(reaching(slow, 'setup'), 'ces')).toBeGreaterThan(0.5)
    expect(lowShare(reaching(confirmed.filter((c) => waitHours(c) < 1), 'setup'), 'ces')).toBeLessThan(0.12)
    // 5. no welcome email at all
    expect(planted.events.some((e) => e.event === 'welcome_email')).toBe(false)
    expect(reaching(cs, 'setup').length).toBeGreaterThan(CUSTOMERS / 2)
  })

  it('has none of them in the control', () => {
    const cs = [...byCustomer(control).values()]
    expect(control.truth).toEqual({})
    // flat exits: ~4 % after every step before the goal, app and web alike
    for (const { step } of allSteps(control.journey).slice(0, -1)) {
      expect(exitRate(cs, step.key)).toBeGreaterThan(0.02)
      expect(exitRate(cs, step.key)).toBeLessThan(0.065)
    }
    const checkouts = reaching(cs, 'checkout')
    expect(exitRate(checkouts.filter((c) => c.steps.get('checkout')![0]!.channel === 'app'), 'checkout')).toBeLessThan(0.08)
    // no repeats, nothing on phone/chat/store/social-other-than-the-ad/mail
    expect(cs.every((c) => [...c.steps.values()].every((rows) => rows.length === 1))).toBe(true)
    expect(control.events.some((e) => ['phone', 'chat', 'store', 'mail'].includes(e.channel))).toBe(false)
    // ratings independent of value; waits from one distribution; the welcome email is sent
    const delivered = reaching(cs, 'delivery')
    expect(lowShare(delivered.filter(isPremium), 'csat')).toBeLessThan(0.14)
    expect(reaching(cs, 'order_confirmed').every((c) => waitHours(c) <= 0.25)).toBe(true)
    expect(lowShare(reaching(cs, 'setup'), 'ces')).toBeLessThan(0.12)
    expect(reaching(cs, 'setup').every((c) => c.steps.has('welcome_email'))).toBe(true)
    expect(reaching(cs, 'welcome_email').length).toBeGreaterThan(0.9 * delivered.length)
  })
})
