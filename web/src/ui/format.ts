/** How numbers read on every page. */
export const num = (n: number) => Math.round(n).toLocaleString('en')
export const pct = (x: number, digits = 0) => `${(x * 100).toFixed(digits)}%`
export const money = (n: number) => Math.round(n).toLocaleString('en')
export const hours = (h: number | null) => (h === null ? '—' : h < 1 ? `${Math.round(h * 60)} min` : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`)
export const signed = (x: number, digits = 1) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(digits)}`
/** A segment as people say it: "gold tier customers", "high-value customers". */
export const segmentLabel = (s: { trait: string; value: string } | null) => (s === null ? 'all customers' : s.trait === 'value tier' ? `${s.value}-value customers` : `${s.trait} ${s.value}`)
