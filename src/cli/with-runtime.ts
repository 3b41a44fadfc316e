import { notFound } from '../domain/errors.ts'
import type { Runtime } from '../runtime.ts'
import type { Workspace } from '../storage/metadata/workspace-repository.ts'

/** Opens both stores for one CLI command and always closes them (releasing the DATA_DIR lock). */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  // Loaded here, not at start: the stores' engines are what makes a command slow to start.
  const [{ loadConfig }, { openRuntime }] = await Promise.all([import('../config.ts'), import('../runtime.ts')])
  const rt = await openRuntime(loadConfig())
  try {
    return await fn(rt)
  } finally {
    await rt.close()
  }
}

export async function requireWorkspace(rt: Runtime, ref: string): Promise<Workspace> {
  const ws = await rt.repos.workspaces.find(ref)
  if (!ws) throw notFound(`Workspace "${ref}"`)
  return ws
}
