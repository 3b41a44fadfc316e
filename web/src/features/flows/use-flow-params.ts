import { useSearchParams } from 'react-router'

export type Direction = 'from' | 'to'
export const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
export const MIN_SHARES = [0, 0.005, 0.01, 0.02, 0.05, 0.1]
export const VARIANT_COUNTS = [10, 25, 50, 100]

/** The Flows page's own choices, kept in the URL beside the filters so a view is a shareable link. */
export type FlowParams = { step: string; direction: Direction; depth: number; minShare: number; variants: number }

const oneOf = <T>(value: T, allowed: T[], fallback: T) => (allowed.includes(value) ? value : fallback)

/** Reads the choices (unknown or missing values fall back to defaults: the journey's first step, from, 3 deep, 1 %) and writes them. */
export function useFlowParams(stepKeys: string[]) {
  const [params, setParams] = useSearchParams()
  const chosen: FlowParams = {
    step: oneOf(params.get('step') ?? '', stepKeys, stepKeys[0] ?? ''),
    direction: params.get('direction') === 'to' ? 'to' : 'from',
    depth: oneOf(Number(params.get('depth') ?? 3), DEPTHS, 3),
    minShare: oneOf(Number(params.get('minShare') ?? 0.01), MIN_SHARES, 0.01),
    variants: oneOf(Number(params.get('variants') ?? 25), VARIANT_COUNTS, 25),
  }
  const set = (changes: Partial<FlowParams>) =>
    setParams((current) => {
      const next = new URLSearchParams(current)
      for (const [k, v] of Object.entries(changes)) next.set(k, String(v))
      return next
    })
  return { ...chosen, set }
}
