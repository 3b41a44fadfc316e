import type { UserId, WorkspaceId } from '../domain/ids.ts'
import type { IngestWriter } from '../ingest/ingest-writer.ts'
import { eraseCustomer, type ErasureReport } from '../ingest/erase-customer.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'

/**
 * Erasure as the API and the CLI run it: pending writes land first (nothing of the
 * customer's may arrive after), then the erasure, then its entry in the erasure log
 * (the audit log's `customer.erased`: who, which ids, how many rows, when; ids only).
 */
export async function eraseCustomerLogged(
  rt: { events: EventStore; ingest: IngestWriter; repos: Repositories },
  workspaceId: WorkspaceId,
  customerId: string,
  by: { actor: string; userId: UserId | null; ip?: string },
): Promise<ErasureReport> {
  await rt.ingest.drain()
  const report = await eraseCustomer(rt.events, workspaceId, customerId)
  const { ids, events, identities, profiles, quarantined } = report
  await rt.repos.audit.record({ ...by, workspaceId, action: 'customer.erased', target: report.customerId, details: { asked: customerId, ids, events, identities, profiles, quarantined } })
  return report
}
