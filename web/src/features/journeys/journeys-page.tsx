import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function JourneysPage() {
  return <Empty title="Journeys">This page is being built.</Empty>
}
