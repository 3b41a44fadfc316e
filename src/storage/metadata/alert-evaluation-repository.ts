import { desc, eq } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import type { AlertState } from '../../domain/alerts/alert-rule.ts'
import type { MetadataDb } from './metadata-store.ts'
import { alertEvaluations } from './schema.ts'
import { isUniqueViolation } from './unique-violation.ts'

export type AlertEvaluation = {
  id: string
  ruleId: string
  windowStart: Date
  windowEnd: Date
  evaluatedAt: Date
  value: number | null
  sample: number
  conditionMet: boolean | null
  state: AlertState
  detail: string
  notification: 'firing' | 'resolved' | null
  delivery: string | null
}

export function alertEvaluationRepository(db: MetadataDb) {
  return {
    /** Records an evaluation; false when this rule's window was evaluated already (by another server, or a concurrent run). */
    async claim(e: Omit<AlertEvaluation, 'id' | 'evaluatedAt' | 'delivery'>): Promise<string | null> {
      const id = `evl_${randomBytes(10).toString('base64url')}`
      try {
        await db.insert(alertEvaluations).values({ id, ...e })
        return id
      } catch (err) {
        if (isUniqueViolation(err)) return null
        throw err
      }
    },
    async setDelivery(id: string, delivery: string): Promise<void> {
      await db.update(alertEvaluations).set({ delivery }).where(eq(alertEvaluations.id, id))
    },
    async list(ruleId: string, limit = 200): Promise<AlertEvaluation[]> {
      return (await db.select().from(alertEvaluations).where(eq(alertEvaluations.ruleId, ruleId)).orderBy(desc(alertEvaluations.windowEnd)).limit(limit)) as AlertEvaluation[]
    },
  }
}
