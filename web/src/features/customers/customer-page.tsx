import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function CustomerPage() {
  return <Empty title="Customer">This page is being built.</Empty>
}
