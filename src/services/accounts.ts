import type { Role } from '../domain/access.ts'
import { AppError } from '../domain/errors.ts'
import { isSlug } from '../domain/slug.ts'
import { MIN_PASSWORD_LENGTH } from '../auth/password.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'
import type { User } from '../storage/metadata/user-repository.ts'
import type { Workspace } from '../storage/metadata/workspace-repository.ts'

export type CreateUserInput = { email: string; password: string; name?: string; workspace: string; workspaceName?: string; role?: Role }
export type CreateUserResult = { user: User; workspace: Workspace; role: Role; workspaceCreated: boolean }

/**
 * Creates a user and gives them a role in a workspace, creating the workspace
 * (slug = the given name) when it does not exist yet. The creator of a new
 * workspace is its owner unless another role is asked for.
 */
export async function createUserInWorkspace(repos: Repositories, input: CreateUserInput): Promise<CreateUserResult> {
  if (!/^[^\s@]+@[^\s@]+$/.test(input.email.trim())) throw new AppError('validation_failed', `"${input.email}" is not an email address`)
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `The password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  }
  let workspace = await repos.workspaces.find(input.workspace)
  const workspaceCreated = !workspace
  if (!workspace) {
    if (!isSlug(input.workspace)) {
      throw new AppError('validation_failed', `"${input.workspace}" is not a valid workspace slug (lowercase letters, digits and dashes)`)
    }
    workspace = await repos.workspaces.create({ slug: input.workspace, name: input.workspaceName ?? input.workspace })
  }
  const role = input.role ?? (workspaceCreated ? 'owner' : 'editor')
  const user = await repos.users.create({ email: input.email, password: input.password, name: input.name ?? '' })
  await repos.workspaces.setMember(workspace.id, user.id, role)
  return { user, workspace, role, workspaceCreated }
}
