/** A lift as people say it: ×1.8, ×12, ×2,081. */
export const lift = (x: number) => `×${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en')}`

/** An adjusted p-value, never "0". */
export const pValue = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3))

/** The bounds of a driver's 95 % confidence interval (the API's JSON tuple types as an array). */
export const bounds = (d: { lift: number; ci: number[] }): [number, number] => [d.ci[0] ?? d.lift, d.ci[1] ?? d.lift]
