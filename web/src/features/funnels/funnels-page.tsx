import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function FunnelsPage() {
  return <Empty title="Funnels">This page is being built.</Empty>
}
