import { eq } from 'drizzle-orm'
import type { WorkspaceId } from '../../domain/ids.ts'
import { DEFAULT_SCORING, type ScoringWeights } from '../../domain/portfolio/scoring.ts'
import type { MetadataDb } from './metadata-store.ts'
import { portfolioSettings } from './schema.ts'

export function portfolioSettingsRepository(db: MetadataDb) {
  return {
    /** The workspace's scoring weights, or the documented default. */
    async scoring(workspaceId: WorkspaceId): Promise<ScoringWeights> {
      const [row] = await db.select().from(portfolioSettings).where(eq(portfolioSettings.workspaceId, workspaceId))
      return row ? { ...DEFAULT_SCORING, ...row.scoring, category: { ...DEFAULT_SCORING.category, ...row.scoring.category } } : DEFAULT_SCORING
    },

    async setScoring(workspaceId: WorkspaceId, scoring: ScoringWeights): Promise<ScoringWeights> {
      await db
        .insert(portfolioSettings)
        .values({ workspaceId, scoring })
        .onConflictDoUpdate({ target: portfolioSettings.workspaceId, set: { scoring, updatedAt: new Date() } })
      return scoring
    },

    async resetScoring(workspaceId: WorkspaceId): Promise<ScoringWeights> {
      await db.delete(portfolioSettings).where(eq(portfolioSettings.workspaceId, workspaceId))
      return DEFAULT_SCORING
    },
  }
}
