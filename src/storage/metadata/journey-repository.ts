import { and, asc, desc, eq } from 'drizzle-orm'
import { AppError } from '../../domain/errors.ts'
import { newId, type JourneyId, type UserId, type WorkspaceId } from '../../domain/ids.ts'
import type { JourneyDocument } from '../../domain/journey/journey.ts'
import type { MetadataDb } from './metadata-store.ts'
import { journeys, journeyVersions, users } from './schema.ts'
import { isUniqueViolation } from './unique-violation.ts'

export type StoredJourney = {
  id: JourneyId
  workspaceId: WorkspaceId
  name: string
  version: number
  document: JourneyDocument
  createdAt: Date
  updatedAt: Date
}

export type JourneyVersion = { version: number; summary: string; createdAt: Date; createdBy: string | null; createdByEmail: string | null }

const journeyColumns = {
  id: journeys.id,
  workspaceId: journeys.workspaceId,
  name: journeys.name,
  version: journeys.version,
  document: journeys.document,
  createdAt: journeys.createdAt,
  updatedAt: journeys.updatedAt,
}

/** `changed` hears of every journey saved or removed (the tracking plans cached for ingestion follow the maps). */
export function journeyRepository(db: MetadataDb, changed: (workspaceId: WorkspaceId) => void = () => {}) {
  const nameTaken = (name: string) => new AppError('conflict', `A journey named "${name}" already exists in this workspace`)

  return {
    async list(workspaceId: WorkspaceId): Promise<StoredJourney[]> {
      const rows = await db.select(journeyColumns).from(journeys).where(eq(journeys.workspaceId, workspaceId)).orderBy(asc(journeys.name))
      return rows as StoredJourney[]
    },

    async get(workspaceId: WorkspaceId, id: string): Promise<StoredJourney | undefined> {
      const [row] = await db.select(journeyColumns).from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id)))
      return row as StoredJourney | undefined
    },

    async findByName(workspaceId: WorkspaceId, name: string): Promise<StoredJourney | undefined> {
      const [row] = await db.select(journeyColumns).from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.name, name)))
      return row as StoredJourney | undefined
    },

    /** Creates the journey at version 1, recorded in its history. */
    async create(workspaceId: WorkspaceId, document: JourneyDocument, by: UserId | null): Promise<StoredJourney> {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(journeys)
            .values({ id: newId('journey'), workspaceId, name: document.name, version: 1, document, updatedBy: by })
            .returning(journeyColumns)
          await tx.insert(journeyVersions).values({ journeyId: row!.id, version: 1, document, summary: 'created', createdBy: by })
          return row as StoredJourney
        })
        .finally(() => changed(workspaceId))
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(document.name)
        throw err
      }
    },

    /**
     * Saves a new version if, and only if, the stored version is still `expectedVersion`:
     * the compare-and-set happens in one UPDATE, so of two concurrent saves of the same
     * version exactly one wins and the other gets 409. Nothing is ever lost silently.
     */
    async update(
      workspaceId: WorkspaceId,
      id: JourneyId,
      expectedVersion: number,
      document: JourneyDocument,
      summary: string,
      by: UserId | null,
    ): Promise<StoredJourney> {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .update(journeys)
            .set({ name: document.name, document, version: expectedVersion + 1, updatedAt: new Date(), updatedBy: by })
            .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id), eq(journeys.version, expectedVersion)))
            .returning(journeyColumns)
          if (!row) {
            const [current] = await tx
              .select({ version: journeys.version })
              .from(journeys)
              .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id)))
            if (!current) throw new AppError('not_found', 'Journey not found')
            throw new AppError(
              'conflict',
              `The journey was changed by someone else: you edited version ${expectedVersion}, the current version is ${current.version}. Reload and apply your change again.`,
            )
          }
          await tx.insert(journeyVersions).values({ journeyId: id, version: row.version, document, summary, createdBy: by })
          return row as StoredJourney
        })
        .finally(() => changed(workspaceId))
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(document.name)
        throw err
      }
    },

    async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
      const rows = await db.delete(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id))).returning({ id: journeys.id })
      changed(workspaceId)
      return rows.length > 0
    },

    async versions(id: JourneyId): Promise<JourneyVersion[]> {
      const rows = await db
        .select({
          version: journeyVersions.version,
          summary: journeyVersions.summary,
          createdAt: journeyVersions.createdAt,
          createdBy: journeyVersions.createdBy,
          createdByEmail: users.email,
        })
        .from(journeyVersions)
        .leftJoin(users, eq(users.id, journeyVersions.createdBy))
        .where(eq(journeyVersions.journeyId, id))
        .orderBy(desc(journeyVersions.version))
      return rows
    },

    async documentAt(id: JourneyId, version: number): Promise<JourneyDocument | undefined> {
      const [row] = await db
        .select({ document: journeyVersions.document })
        .from(journeyVersions)
        .where(and(eq(journeyVersions.journeyId, id), eq(journeyVersions.version, version)))
      return row?.document
    },
  }
}

export type JourneyRepository = ReturnType<typeof journeyRepository>
