import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { client, ok } from '../../api/client.ts'
import { num } from '../../ui/format.ts'
import { Pending } from '../../ui/states.tsx'

const PAGE = 20
/** Longer payloads are cut in the table; the whole one is a click away. */
const PREVIEW = 160

/** Every rejected input with its reason, source, line and the raw payload, newest first, paged. */
export function QuarantineSection({ slug }: { slug: string }) {
  const [offset, setOffset] = useState(0)
  const items = useQuery({
    queryKey: ['quarantine', slug, offset],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/quarantine', { params: { path: { ws: slug }, query: { limit: PAGE, offset } } })),
    placeholderData: keepPreviousData,
  })
  return (
    <section className="card data-section" id="quarantine" aria-labelledby="quarantine-title">
      <h2 id="quarantine-title">Quarantine</h2>
      <p className="muted">Nothing sent to Waymark is dropped silently: what cannot be stored (bad JSON, no customer id, a score off its scale, a broken line in a file) is kept here with the reason.</p>
      <Pending query={items} what="Reading the quarantine">
        {(q) =>
          q.total === 0 ? (
            <p className="ok-note">Nothing rejected: every input so far was stored.</p>
          ) : (
            <>
              <p className="result-count">
                {num(q.total)} rejected {q.total === 1 ? 'input' : 'inputs'} · showing {num(offset + 1)}–{num(Math.min(offset + q.items.length, q.total))}, newest first
              </p>
              <table className="data-table quarantine">
                <caption className="sr-only">Rejected inputs</caption>
                <thead>
                  <tr>
                    <th scope="col">Received (UTC)</th>
                    <th scope="col">Source</th>
                    <th scope="col">Line</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Raw input</th>
                  </tr>
                </thead>
                <tbody>
                  {q.items.map((item) => (
                    <tr key={item.id}>
                      <td className="time">{item.receivedAt.slice(0, 19).replace('T', ' ')}</td>
                      <td>{item.source}</td>
                      <td>{item.line ?? '—'}</td>
                      <td className="reason">{item.reason}</td>
                      <td className="payload">
                        {item.payload.length <= PREVIEW ? (
                          <code>{item.payload}</code>
                        ) : (
                          <details>
                            <summary>
                              <code>{item.payload.slice(0, PREVIEW)}…</code>
                            </summary>
                            <pre>{item.payload}</pre>
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {q.total > PAGE && (
                <nav className="pager" aria-label="Pages of the quarantine">
                  <button className="ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                    ← Newer
                  </button>
                  <button className="ghost" disabled={offset + PAGE >= q.total} onClick={() => setOffset(offset + PAGE)}>
                    Older →
                  </button>
                </nav>
              )}
            </>
          )
        }
      </Pending>
    </section>
  )
}
