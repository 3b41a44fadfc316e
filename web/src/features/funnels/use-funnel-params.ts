import { useSearchParams } from 'react-router'
import type { JourneyDocument } from '../../api/journey.ts'

export type FunnelMode = 'steps' | 'stages'
export type FunnelOrder = 'ordered' | 'strict' | 'any'
export type WindowUnit = 'hours' | 'days'
export const ORDERS: Record<FunnelOrder, string> = {
  ordered: 'In this order (other steps in between allowed)',
  strict: 'In this order, directly one after another',
  any: 'In any order',
}

/** The Funnels page's choices, kept in the URL beside the filters so a funnel is a shareable link. */
export type FunnelParams = {
  mode: FunnelMode
  /** Step keys (mode steps) or stage keys (mode stages), in funnel order. */
  items: string[]
  window: { amount: number; unit: WindowUnit }
  order: FunnelOrder
  /** '' (none), channel, valueTier or trait:<name>. */
  breakdown: string
}

/** A default funnel through the whole journey: the first step of each stage, then the goal. */
export function defaultSteps(doc: JourneyDocument): string[] {
  const firsts = doc.stages.flatMap((s) => (s.steps[0] ? [s.steps[0].key] : []))
  return [...new Set([...firsts, ...(doc.goal && doc.stages.some((s) => s.steps.some((t) => t.key === doc.goal)) ? [doc.goal] : [])])]
}

/** The window as the URL writes it: "30d" or "48h". */
const WINDOW = /^(\d+(?:\.\d+)?)([hd])$/

/** Reads the funnel from the URL (steps=a,b,c or stages=x,y; window=30d; order; breakdown) and writes changes to it. */
export function useFunnelParams(doc: JourneyDocument) {
  const [params, setParams] = useSearchParams()
  const stepKeys = new Set(doc.stages.flatMap((s) => s.steps.map((t) => t.key)))
  const stageKeys = new Set(doc.stages.map((s) => s.key))
  const list = (v: string | null) => (v === null ? undefined : v.split(',').filter(Boolean))
  const mode: FunnelMode = params.has('stages') ? 'stages' : 'steps'
  const items =
    mode === 'stages'
      ? (list(params.get('stages')) ?? []).filter((k) => stageKeys.has(k))
      : (list(params.get('steps')) ?? defaultSteps(doc)).filter((k) => stepKeys.has(k))
  const w = WINDOW.exec(params.get('window') ?? '')
  const order = (Object.keys(ORDERS) as FunnelOrder[]).find((o) => o === params.get('order')) ?? 'ordered'
  const funnel: FunnelParams = {
    mode,
    items,
    window: w ? { amount: Number(w[1]), unit: w[2] === 'h' ? 'hours' : 'days' } : { amount: 30, unit: 'days' },
    order,
    breakdown: params.get('breakdown') ?? '',
  }
  const set = (changes: Partial<FunnelParams>) =>
    setParams((current) => {
      const next = new URLSearchParams(current)
      const merged = { ...funnel, ...changes }
      next.delete('steps')
      next.delete('stages')
      next.set(merged.mode, merged.items.join(','))
      next.set('window', `${merged.window.amount}${merged.window.unit === 'hours' ? 'h' : 'd'}`)
      next.set('order', merged.order)
      if (merged.breakdown) next.set('breakdown', merged.breakdown)
      else next.delete('breakdown')
      return next
    })
  return { ...funnel, set }
}

/** The funnel API's own query parameters for the choices (the filters are added beside). */
export function funnelQuery(f: FunnelParams): Record<string, string | number> {
  return {
    [f.mode]: f.items.join(','),
    window: f.window.unit === 'days' ? f.window.amount * 24 : f.window.amount,
    order: f.order,
    ...(f.breakdown ? { breakdown: f.breakdown } : {}),
  }
}
