import type { SQL } from 'drizzle-orm'
import type { PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core'
import type { MetadataDb } from './metadata-store.ts'

/**
 * Updates the row `where` selects and returns it as it is now. A patch that sets nothing (a PATCH of `{}`, or only
 * undefined fields) changes nothing and returns the row as it was: Drizzle refuses an empty SET.
 */
export async function updateRow<T extends PgTable>(db: MetadataDb, table: T, where: SQL | undefined, patch: PgUpdateSetSource<T>): Promise<T['$inferSelect'] | undefined> {
  if (!Object.values(patch).some((v) => v !== undefined)) {
    const [row] = await db.select().from(table as PgTable).where(where)
    return row as T['$inferSelect'] | undefined
  }
  const rows = (await db.update(table).set(patch).where(where).returning()) as Array<T['$inferSelect']>
  return rows[0]
}
