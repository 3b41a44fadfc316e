import { useState } from 'react'

/**
 * Segment's own SDKs, pointed at this server: the collector speaks the
 * Segment spec (/v1/batch for the Node SDK; /v1/t, /v1/p, /v1/i… for the
 * browser SDK), so nothing but the host changes.
 */
export function nodeSnippet(origin: string, writeKey: string): string {
  return `import { Analytics } from '@segment/analytics-node'

// Sends batches to ${origin}/v1/batch
const analytics = new Analytics({
  writeKey: '${writeKey}',
  host: '${origin}',
})

analytics.identify({ userId: 'cust-0042', traits: { tier: 'gold', region: 'north' } })
analytics.track({
  userId: 'cust-0042',
  event: 'order_placed',
  properties: { revenue: 120 },
  context: { channel: 'app' },
})

// Before the process exits:
await analytics.closeAndFlush()`
}

export function browserSnippet(origin: string, writeKey: string): string {
  const url = new URL(origin)
  const protocol = url.protocol.replace(':', '')
  return `import { AnalyticsBrowser } from '@segment/analytics-next'

// Settings given here, so nothing is fetched from Segment's CDN;
// events go to ${origin}/v1/t, /v1/p, /v1/i …
export const analytics = AnalyticsBrowser.load({
  writeKey: '${writeKey}',
  cdnSettings: {
    integrations: {
      'Segment.io': {
        apiKey: '${writeKey}',
        apiHost: '${url.host}/v1',
        protocol: '${protocol}',
      },
    },
  },
})

analytics.page()
analytics.track('plan_compared', { plan: 'fibre-500' })
// Once the visitor signs in, earlier anonymous events become theirs:
analytics.identify('cust-0042', { tier: 'gold' })`
}

/** Both snippets, with the write key filled in when there is one, each with a copy button. */
export function SdkSnippets({ writeKey }: { writeKey: string | undefined }) {
  const origin = window.location.origin
  const key = writeKey ?? '<WRITE_KEY>'
  return (
    <div data-testid="sdk-snippets">
      <div className="snippets">
        <Snippet title="Website: @segment/analytics-next" code={browserSnippet(origin, key)} />
        <Snippet title="Server (Node.js): @segment/analytics-node" code={nodeSnippet(origin, key)} />
      </div>
      {!writeKey && <p className="muted">Replace &lt;WRITE_KEY&gt; with a write key of this workspace.</p>}
    </div>
  )
}

function Snippet({ title, code }: { title: string; code: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard.writeText(code)
    setCopied(true)
    setTimeout(() => setCopied(false), 2000)
  }
  return (
    <figure className="snippet">
      <figcaption>
        <span>{title}</span>
        <button type="button" className="ghost" onClick={() => void copy().catch(() => setCopied(false))} aria-label={`Copy the ${title} snippet`}>
          {copied ? 'Copied ✓' : 'Copy'}
        </button>
      </figcaption>
      <pre tabIndex={0}>
        <code>{code}</code>
      </pre>
    </figure>
  )
}
