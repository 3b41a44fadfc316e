import { apiKeyRepository } from './api-key-repository.ts'
import { journeyRepository } from './journey-repository.ts'
import { personaRepository } from './persona-repository.ts'
import type { MetadataDb } from './metadata-store.ts'
import { sessionRepository } from './session-repository.ts'
import { userRepository } from './user-repository.ts'
import { workspaceRepository } from './workspace-repository.ts'

export type Repositories = ReturnType<typeof repositories>

export function repositories(db: MetadataDb) {
  return {
    workspaces: workspaceRepository(db),
    users: userRepository(db),
    apiKeys: apiKeyRepository(db),
    sessions: sessionRepository(db),
    personas: personaRepository(db),
    journeys: journeyRepository(db),
  }
}
