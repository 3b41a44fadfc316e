/** A one-line progress bar with rate and ETA, redrawn at most 10×/s, only on a terminal. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now()
  let last = 0
  const enabled = Boolean(stream.isTTY)
  return {
    update(done: number, total: number, count: number) {
      const now = Date.now()
      if (!enabled || now - last < 100) return
      last = now
      const fraction = total > 0 ? Math.min(1, done / total) : 0
      const seconds = (now - started) / 1000
      const rate = seconds > 0 ? count / seconds : 0
      const eta = fraction > 0 ? seconds / fraction - seconds : 0
      const width = 24
      const filled = Math.round(fraction * width)
      const bar = `${'='.repeat(Math.max(0, filled - 1))}${filled ? '>' : ''}${' '.repeat(width - filled)}`
      stream.write(
        `\r${label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${count.toLocaleString('en')} events  ${Math.round(rate).toLocaleString('en')}/s  ETA ${formatSeconds(eta)}   `,
      )
    },
    done() {
      if (enabled) stream.write('\r\u001b[2K')
    },
  }
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '—'
  if (s < 60) return `${Math.ceil(s)}s`
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`
}
