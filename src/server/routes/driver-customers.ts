import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { analysisScope } from '../../analytics/analysis-scope.ts'
import { listDriverCustomers, type DriverCustomers } from '../../analytics/list-driver-customers.ts'
import { getJourney } from '../../services/journeys.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import { admitAnalyses } from '../admitted-analyses.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'
import { filterFrom, filterQuery } from './analytics.ts'

const count = z.number().int()

export const driverCustomersSchema = z.object({
  total: count.describe("Customers with the factor (the driver's support); the list stops at the limit"),
  withOutcome: count.describe("Of them, those who had the outcome (the driver's outcome rate × support)"),
  customers: z.array(
    z.object({
      customer: z.string(),
      value: z.number().describe('Revenue, or the potential (mean revenue of paying customers) of one who has not paid yet'),
      hadOutcome: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<DriverCustomers>

/** The customers behind a driver: who had its factor, and whether they had its outcome. */
export const driverCustomerRoutes =
  (deps: AppDeps & Required<Pick<AppDeps, 'admission'>>, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    admitAnalyses(app, deps.admission)
    app.get(
      '/api/workspaces/:ws/journeys/:id/drivers/customers',
      {
        preHandler: guards.workspace('read'),
        config: { limit: 'analytics' },
        schema: {
          tags: ['analytics'],
          summary: 'The customers behind a driver: who had the factor (counted as the driver counts them) and whether they had the outcome, most valuable first',
          params: wsParams.extend({ id: z.string() }),
          querystring: filterQuery.extend({
            outcome: z.string().min(1).describe('As the drivers name it, e.g. "NPS detractor", "not reaching bill_paid", "low score at support_call"'),
            factor: z.string().min(1).describe('As the drivers name it, e.g. "repeated support_call", "use via phone", "trait tier=gold"'),
            limit: z.coerce.number().int().min(1).max(10_000).default(100),
          }),
          response: { 200: driverCustomersSchema },
        },
      },
      async (req) => {
        const ws = workspaceOf(req)
        const { document } = await getJourney({ repos: deps.repos, workspaceId: ws.id }, req.params.id)
        const q = req.query as { outcome: string; factor: string; limit: number }
        return listDriverCustomers(deps.events, analysisScope(ws.id, document, filterFrom(req.query)), document, q, q.limit)
      },
    )
  }
