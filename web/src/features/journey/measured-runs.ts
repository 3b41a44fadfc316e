/**
 * The runs of consecutive steps that all have a value, as [step index, value]
 * pairs: a curve is drawn only along a run, so a line never bridges a step
 * nobody measured.
 */
export function measuredRuns<P>(steps: P[], pick: (p: P) => number | null): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = []
  let run: Array<[number, number]> = []
  steps.forEach((p, i) => {
    const v = pick(p)
    if (v === null) {
      if (run.length) out.push(run)
      run = []
    } else run.push([i, v])
  })
  if (run.length) out.push(run)
  return out
}
