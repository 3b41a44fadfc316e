import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function VersionsPage() {
  return <Empty title="Versions">This page is being built.</Empty>
}
