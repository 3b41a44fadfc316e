import type { ReactNode } from 'react'

/** While data loads: says what is being done, so a long analysis is not a blank page. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted loading" role="status">
      {what}…
    </p>
  )
}

/** Nothing to show yet: tells a new user the next step. */
export function Empty({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card empty-state">
      <h2>{title}</h2>
      <div className="muted">{children}</div>
    </section>
  )
}

export function ErrorState({ error }: { error: Error }) {
  return (
    <p className="error" role="alert">
      {error.message}
    </p>
  )
}

/** Loading, error or the content, for one query. */
export function Pending<T>({ query, what, children }: { query: { data: T | undefined; error: Error | null; isPending: boolean }; what: string; children: (data: T) => ReactNode }) {
  if (query.error) return <ErrorState error={query.error} />
  if (query.data === undefined) return <Loading what={what} />
  return <>{children(query.data)}</>
}
