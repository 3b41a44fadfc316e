import { randomBytes } from 'node:crypto'
import type { Repositories } from '../storage/metadata/repositories.ts'
import { createUserInWorkspace } from './accounts.ts'

export const DEMO_WORKSPACE = 'demo'
export const DEMO_OWNER_EMAIL = 'demo@waymark.local'

export type BootstrapResult = { email: string; password: string; workspace: string } | undefined

/**
 * First run: when no user exists at all, create the demo workspace and its
 * owner with a random password. The password is returned so that it can be
 * printed once; only its hash is stored. `beforeCreate` runs first (the demo
 * fill's marker, so that a start interrupted from here on resumes the fill).
 */
export async function bootstrapFirstRun(repos: Repositories, opts: { beforeCreate?: () => void } = {}): Promise<BootstrapResult> {
  if (await repos.users.hasAny()) return undefined
  opts.beforeCreate?.()
  const password = randomBytes(12).toString('base64url')
  await createUserInWorkspace(repos, { email: DEMO_OWNER_EMAIL, password, name: 'Demo owner', workspace: DEMO_WORKSPACE, workspaceName: 'Demo', role: 'owner' })
  return { email: DEMO_OWNER_EMAIL, password, workspace: DEMO_WORKSPACE }
}
