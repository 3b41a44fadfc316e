import { generateDemoData, DEMO_JOURNEY, type DemoProgress } from '../demo/generate-demo.ts'
import type { IngestWriter } from '../ingest/ingest-writer.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'
import { importJourney } from './journeys.ts'

export type DemoResult = DemoProgress & { workspace: string; journey: string; seconds: number }

/**
 * The demo workspace: the broadband journey map and ~20,000 customers' events
 * and feedback across seven channels, sent through the ingestion path.
 * Re-running it stores nothing twice (message ids are derived from the seed).
 */
export async function createDemo(
  deps: { repos: Repositories; ingest: IngestWriter },
  opts: { workspace?: string; customers?: number; seed?: number; onProgress?: (p: DemoProgress) => void } = {},
): Promise<DemoResult> {
  const started = Date.now()
  const slug = opts.workspace ?? 'demo'
  const ws = (await deps.repos.workspaces.find(slug)) ?? (await deps.repos.workspaces.create({ slug, name: 'Demo' }))
  const { journey } = await importJourney({ repos: deps.repos, workspaceId: ws.id, userId: null }, DEMO_JOURNEY)
  const progress = await generateDemoData(deps.ingest, ws.id, opts)
  return { ...progress, workspace: ws.slug, journey: journey.name, seconds: (Date.now() - started) / 1000 }
}
