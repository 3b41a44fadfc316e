import { Empty } from '../../ui/states.tsx'

/** Placeholder until the page is built. */
export function CustomersPage() {
  return <Empty title="Customers">This page is being built.</Empty>
}
