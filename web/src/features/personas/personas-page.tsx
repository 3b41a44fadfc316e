import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function PersonasPage() {
  return <Empty title="Personas">This page is being built.</Empty>
}
