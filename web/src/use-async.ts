import { useCallback, useEffect, useState } from 'react'

/** Loads data for a component; `reload` re-runs the loader after a change. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true })
  const run = useCallback(load, deps)
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }))
    run().then(
      (data) => setState({ data, loading: false }),
      (error: Error) => setState({ error, loading: false }),
    )
  }, [run])
  useEffect(reload, [reload])
  return { ...state, reload }
}
