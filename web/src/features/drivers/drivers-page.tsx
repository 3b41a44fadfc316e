import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function DriversPage() {
  return <Empty title="Drivers">This page is being built.</Empty>
}
