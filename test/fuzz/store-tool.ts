/**
 * The fuzz run's hands on the server's stores while the server is down (the embedded engines take one process
 * per data directory): `seed DATA_DIR` fills a workspace and prints what the run needs to address it, `digest
 * DATA_DIR WORKSPACE_ID SINCE` prints the workspace's digest. Output: one JSON line.
 */
import { pathToFileURL } from 'node:url'
import { loadConfig } from '../../src/config.ts'
import { demoCustomers } from '../../src/demo/generate-demo.ts'
import { quarantineRow } from '../../src/ingest/quarantine.ts'
import { openRuntime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createDemo } from '../../src/services/demo.ts'
import { workspaceDigest, type WorkspaceDigest } from './workspace-digest.ts'

export const FUZZ_OWNER = { email: 'fuzz-owner@example.com', password: 'fuzz-password-1', workspace: 'fuzz' }
const DEMO_SEED = 7

export type Seeded = {
  workspaceId: string
  slug: string
  journeyId: string
  keys: { write: string; import: string; read: string }
  /** Track messages as stored, to be re-sent altered under their own message id (the writer must drop them). */
  stored: Array<Record<string, unknown>>
  /** When seeding ended: quarantined rows from before it are the workspace's own. */
  seededAt: string
  /** The workspace as seeded. */
  digest: WorkspaceDigest
}

async function seed(dataDir: string, customers: number): Promise<Seeded> {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'silent' }))
  try {
    const { workspace } = await createUserInWorkspace(rt.repos, { ...FUZZ_OWNER, role: 'owner' })
    await createDemo(rt, { workspace: FUZZ_OWNER.workspace, customers, seed: DEMO_SEED })
    const [journey] = await rt.repos.journeys.list(workspace.id)
    const key = async (kind: 'write' | 'import' | 'read') => (await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind, name: `fuzz ${kind}` })).secret
    const keys = { write: await key('write'), import: await key('import'), read: await key('read') }
    // The workspace's own quarantine, which the fuzz inputs must leave as it is.
    await rt.ingest.write({
      quarantine: [1, 2, 3].map((n) => quarantineRow({ workspaceId: workspace.id, source: 'collector', reason: `seeded rejection ${n}`, payload: { n }, receivedAt: new Date() })),
    })
    const stored = [...demoCustomers(customers, DEMO_SEED)].flat().filter((m) => m.type === 'track' && typeof m.messageId === 'string').slice(0, 40)
    await new Promise((r) => setTimeout(r, 5))
    const seededAt = new Date()
    return { workspaceId: workspace.id, slug: workspace.slug, journeyId: journey!.id, keys, stored, seededAt: seededAt.toISOString(), digest: await workspaceDigest(rt, workspace.id, seededAt) }
  } finally {
    await rt.close()
  }
}

async function digest(dataDir: string, workspaceId: string, since: string) {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'silent' }), { migrate: false })
  try {
    return await workspaceDigest(rt, workspaceId, new Date(since))
  } finally {
    await rt.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const [command, dataDir, a, b] = process.argv.slice(2)
  if (command === 'seed' && dataDir) console.log(JSON.stringify(await seed(dataDir, Number(a ?? 150))))
  else if (command === 'digest' && dataDir && a && b) console.log(JSON.stringify(await digest(dataDir, a, b)))
  else {
    console.error('usage: store-tool.ts seed DATA_DIR [CUSTOMERS] | digest DATA_DIR WORKSPACE_ID SINCE')
    process.exitCode = 2
  }
}
