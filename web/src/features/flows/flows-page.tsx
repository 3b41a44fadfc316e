import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function FlowsPage() {
  return <Empty title="Flows">This page is being built.</Empty>
}
