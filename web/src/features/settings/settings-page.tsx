import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function JourneySettingsPage() {
  return <Empty title="Journey settings">This page is being built.</Empty>
}
