import { and, asc, eq } from 'drizzle-orm'
import { AppError } from '../../domain/errors.ts'
import { newId, type PersonaId, type WorkspaceId } from '../../domain/ids.ts'
import { mergeJob, type PersonaJob } from '../../domain/journey/persona.ts'
import type { MetadataDb } from './metadata-store.ts'
import { personas } from './schema.ts'
import { isUniqueViolation } from './unique-violation.ts'

export type PersonaRecord = {
  id: PersonaId
  workspaceId: WorkspaceId
  name: string
  description: string
  goals: string[]
  frustrations: string[]
  valueTier: string | null
  jobs: PersonaJob[]
  createdAt: Date
  updatedAt: Date
}

export type PersonaInput = Pick<PersonaRecord, 'name' | 'description' | 'goals' | 'frustrations' | 'valueTier' | 'jobs'>

export function personaRepository(db: MetadataDb) {
  const taken = (name: string) => new AppError('conflict', `A persona named "${name}" already exists in this workspace`)
  const scoped = (workspaceId: WorkspaceId, id: string) => and(eq(personas.workspaceId, workspaceId), eq(personas.id, id))

  return {
    async list(workspaceId: WorkspaceId): Promise<PersonaRecord[]> {
      return (await db.select().from(personas).where(eq(personas.workspaceId, workspaceId)).orderBy(asc(personas.name))) as PersonaRecord[]
    },

    async get(workspaceId: WorkspaceId, id: string): Promise<PersonaRecord | undefined> {
      const [row] = await db.select().from(personas).where(scoped(workspaceId, id))
      return row as PersonaRecord | undefined
    },

    async create(workspaceId: WorkspaceId, input: PersonaInput): Promise<PersonaRecord> {
      try {
        const [row] = await db.insert(personas).values({ id: newId('persona'), workspaceId, ...input }).returning()
        return row as PersonaRecord
      } catch (err) {
        if (isUniqueViolation(err)) throw taken(input.name)
        throw err
      }
    },

    async update(workspaceId: WorkspaceId, id: string, input: PersonaInput): Promise<PersonaRecord | undefined> {
      try {
        const [row] = await db.update(personas).set({ ...input, updatedAt: new Date() }).where(scoped(workspaceId, id)).returning()
        return row as PersonaRecord | undefined
      } catch (err) {
        if (isUniqueViolation(err)) throw taken(input.name)
        throw err
      }
    },

    async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
      return (await db.delete(personas).where(scoped(workspaceId, id)).returning({ id: personas.id })).length > 0
    },

    /** Journey imports bring their persona along: create it by name (with the journey's description, goals, frustrations and value tier), or add the journey's job to it. */
    async upsertFromJourney(
      workspaceId: WorkspaceId,
      persona: { name: string; job?: string; outcomes?: string[]; description?: string; goals?: string[]; frustrations?: string[]; valueTier?: string },
    ): Promise<void> {
      const job = persona.job ? { statement: persona.job, outcomes: persona.outcomes ?? [] } : undefined
      const [existing] = await db.select().from(personas).where(and(eq(personas.workspaceId, workspaceId), eq(personas.name, persona.name)))
      if (!existing) {
        await db
          .insert(personas)
          .values({
            id: newId('persona'),
            workspaceId,
            name: persona.name,
            description: persona.description ?? '',
            goals: persona.goals ?? [],
            frustrations: persona.frustrations ?? [],
            valueTier: persona.valueTier ?? null,
            jobs: job ? [job] : [],
          })
          .onConflictDoNothing()
        return
      }
      if (job) await db.update(personas).set({ jobs: mergeJob(existing.jobs, job), updatedAt: new Date() }).where(eq(personas.id, existing.id))
    },
  }
}

export type PersonaRepository = ReturnType<typeof personaRepository>
