/**
 * Always-valid inference for a difference between two arms: the mixture
 * sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis & Walsh,
 * "Peeking at A/B Tests" (KDD 2017) and Johari, Pekelis & Walsh, "Always Valid
 * Inference" (Operations Research, 2022), with a normal mixture N(0, τ²) over
 * the effect. With the estimate θ̂ of the difference and its variance V after
 * any number of customers,
 *
 *   Λ = √(V / (V + τ²)) · exp(τ²·θ̂² / (2·V·(V + τ²)))
 *
 * the always-valid p-value is p = min over the looks so far of min(1, 1/Λ), and
 * the always-valid (1−α) interval is θ̂ ± √(V·(V + τ²)/τ² · (2·log(1/α) + log((V + τ²)/V))),
 * intersected with every earlier one (Robbins' normal-mixture confidence sequence,
 * as in Howard, Ramdas, McAuliffe & Sekhon, "Time-uniform, nonparametric,
 * nonasymptotic confidence sequences", Annals of Statistics, 2021). Rejecting
 * when p ≤ α keeps the chance of ever declaring a difference when there is none
 * at or below α, however often one looks. V uses the plug-in variances of each
 * arm (the asymptotic version of the papers). τ defaults to the planned minimum
 * detectable effect: the mixture weighs effects of the size the pilot is for.
 */
export type SequentialState = { p: number; ci: [number, number] }

export const SEQUENTIAL_START: SequentialState = { p: 1, ci: [-Infinity, Infinity] }

export function sequentialLook(prev: SequentialState, estimate: number, variance: number, tau: number, alpha: number): SequentialState {
  if (!(variance > 0) || !(tau > 0)) return prev
  const t2 = tau * tau
  const logLambda = 0.5 * Math.log(variance / (variance + t2)) + (t2 * estimate * estimate) / (2 * variance * (variance + t2))
  const p = Math.min(prev.p, Math.min(1, Math.exp(-logLambda)))
  const half = Math.sqrt(((variance * (variance + t2)) / t2) * (2 * Math.log(1 / alpha) + Math.log((variance + t2) / variance)))
  const ci: [number, number] = [Math.max(prev.ci[0], estimate - half), Math.min(prev.ci[1], estimate + half)]
  return { p, ci }
}
