import fs from 'node:fs'

export type RssReport = { samples: number; startMb: number; maxMb: number; endMb: number; firstThirdMb: number; lastThirdMb: number; growthMb: number }

/** Samples a process's resident memory (Linux /proc) every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs = 250) {
  const samples: number[] = []
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) samples.push(Number(m[1]) / 1024)
    } catch {
      // the process is gone: the run reports it
    }
  }
  read()
  const timer = setInterval(read, everyMs)
  return {
    stop(): RssReport {
      clearInterval(timer)
      read()
      // The first fifth is the warm-up (caches, the stored-id filter, first compilations); the trend is read after it.
      const steady = samples.slice(Math.floor(samples.length / 5))
      const third = Math.max(1, Math.floor(steady.length / 3))
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
      const firstThirdMb = median(steady.slice(0, third))
      const lastThirdMb = median(steady.slice(-third))
      return {
        samples: samples.length,
        startMb: Math.round(samples[0] ?? 0),
        maxMb: Math.round(Math.max(0, ...samples)),
        endMb: Math.round(samples.at(-1) ?? 0),
        firstThirdMb: Math.round(firstThirdMb),
        lastThirdMb: Math.round(lastThirdMb),
        growthMb: Math.round(lastThirdMb - firstThirdMb),
      }
    },
  }
}
