import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/domain/errors.ts'
import { analysisAdmission, analysisBytes, BYTES_PER_EVENT, MIN_ANALYSIS_BYTES } from '../../src/services/analysis-admission.ts'

/** A task that runs until released, recording that it started. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  const started = { value: false }
  return { started, open, task: async () => ((started.value = true), await opened, 'done') }
}
const tick = () => new Promise((r) => setTimeout(r, 5))

describe('analysis admission', () => {
  it('runs analyses together only while their reservations fit the budget, in arrival order', async () => {
    const admission = analysisAdmission({ budgetBytes: 100, queueMs: 10_000 })
    const [a, b, c] = [gate(), gate(), gate()]
    const ra = admission.run(60, a.task)
    const rb = admission.run(60, b.task) // 120 > 100: waits
    const rc = admission.run(30, c.task) // would fit beside a, but b came first
    await tick()
    expect([a.started.value, b.started.value, c.started.value]).toEqual([true, false, false])
    expect(admission.stats()).toMatchObject({ running: 1, reservedBytes: 60, queued: 2 })
    a.open()
    await ra
    await tick()
    expect([b.started.value, c.started.value]).toEqual([true, true]) // 60 + 30 fit
    expect(admission.stats()).toMatchObject({ running: 2, reservedBytes: 90, queued: 0 })
    b.open()
    c.open()
    expect(await Promise.all([rb, rc])).toEqual(['done', 'done'])
    expect(admission.stats()).toMatchObject({ running: 0, reservedBytes: 0, peakRunning: 2, peakReservedBytes: 90, admitted: 3, refused: 0 })
  })

  it('runs an analysis larger than the whole budget, alone', async () => {
    const admission = analysisAdmission({ budgetBytes: 100, queueMs: 10_000 })
    const [big, small] = [gate(), gate()]
    const rBig = admission.run(500, big.task)
    const rSmall = admission.run(10, small.task)
    await tick()
    expect([big.started.value, small.started.value]).toEqual([true, false])
    big.open()
    await rBig
    await tick()
    expect(small.started.value).toBe(true)
    small.open()
    await rSmall
    expect(admission.stats().peakRunning).toBe(1)
  })

  it('refuses a request that waited too long with 503 and Retry-After, and frees its turn', async () => {
    const admission = analysisAdmission({ budgetBytes: 100, queueMs: 30 })
    const long = gate()
    const running = admission.run(80, long.task)
    const refused = await admission.run(80, async () => 'never').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'overloaded', status: 503, hint: { retryAfterSeconds: 1 } })
    expect((refused as Error).message).toMatch(/Too many analyses are running at once on this server; try again in 1 s/)
    expect(admission.stats()).toMatchObject({ queued: 0, refused: 1, running: 1 })
    long.open()
    await running
  })

  it('releases the reservation when the analysis fails', async () => {
    const admission = analysisAdmission({ budgetBytes: 100, queueMs: 1000 })
    await expect(admission.run(90, async () => Promise.reject(new Error('engine said no')))).rejects.toThrow('engine said no')
    expect(await admission.run(90, async () => 'next')).toBe('next')
    expect(admission.stats()).toMatchObject({ running: 0, reservedBytes: 0 })
  })

  it('estimates an analysis from its workspace’s events, with a floor', () => {
    expect(analysisBytes(0)).toBe(MIN_ANALYSIS_BYTES)
    expect(analysisBytes(10_000_000)).toBe(10_000_000 * BYTES_PER_EVENT)
  })
})
