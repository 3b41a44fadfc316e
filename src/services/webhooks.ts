import type { WebhookFormat } from '../storage/metadata/webhook-repository.ts'

export type Notice = { kind: string; title: string; text: string; link?: string; data: Record<string, unknown> }

/** The body a webhook gets: the notice as JSON, or a Slack-compatible message (`text` plus a section block). */
export function webhookBody(format: WebhookFormat, n: Notice): unknown {
  if (format === 'slack') {
    const text = `*${n.title}*\n${n.text}${n.link ? `\n<${n.link}|Open in Waymark>` : ''}`
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] }
  }
  return { kind: n.kind, title: n.title, text: n.text, link: n.link ?? null, ...n.data, sentAt: new Date().toISOString() }
}

export type DeliveryOptions = { attempts?: number; baseDelayMs?: number; timeoutMs?: number }
export type Delivery = { ok: boolean; attempts: number; status: number | null; error: string | null }

/**
 * POSTs a notice, retrying a failure (network error, timeout, 5xx or 429) with
 * exponential backoff: baseDelay, 2×, 4×… A 4xx other than 429 is not retried
 * (the receiver refuses this message). Never throws: the outcome is returned to be recorded.
 */
export async function deliverWebhook(url: string, format: WebhookFormat, notice: Notice, opts: DeliveryOptions = {}): Promise<Delivery> {
  const attempts = opts.attempts ?? 4
  const base = opts.baseDelayMs ?? 1000
  const body = JSON.stringify(webhookBody(format, notice))
  let last: Delivery = { ok: false, attempts: 0, status: null, error: null }
  for (let i = 1; i <= attempts; i++) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Waymark-Webhook/1' }, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) })
      await res.arrayBuffer().catch(() => undefined)
      if (res.ok) return { ok: true, attempts: i, status: res.status, error: null }
      last = { ok: false, attempts: i, status: res.status, error: `HTTP ${res.status}` }
      if (res.status < 500 && res.status !== 429) return last
    } catch (err) {
      last = { ok: false, attempts: i, status: null, error: err instanceof Error ? err.message : String(err) }
    }
    if (i < attempts) await new Promise((r) => setTimeout(r, base * 2 ** (i - 1)))
  }
  return last
}

export const deliveryText = (d: Delivery) => (d.ok ? `delivered (${d.attempts} attempt${d.attempts > 1 ? 's' : ''})` : `failed after ${d.attempts} attempts: ${d.error}`)
