import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { analysisScope } from '../../analytics/analysis-scope.ts'
import { DEVIATION_KINDS } from '../../analytics/get-conformance.ts'
import { listDeviationCustomers, type DeviationAsked } from '../../analytics/list-deviation-customers.ts'
import { getJourney } from '../../services/journeys.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import { admitAnalyses } from '../admitted-analyses.ts'
import { customerListSchema } from '../analytics-schemas.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'
import { filterFrom, filterQuery } from './analytics.ts'

/** The customers behind a conformance deviation. */
export const conformanceCustomerRoutes =
  (deps: AppDeps & Required<Pick<AppDeps, 'admission'>>, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    admitAnalyses(app, deps.admission)
    app.get(
      '/api/workspaces/:ws/journeys/:id/conformance/customers',
      {
        preHandler: guards.workspace('read'),
        config: { limit: 'analytics' },
        schema: {
          tags: ['analytics'],
          summary: "The customers who made a conformance deviation at least once (as many as the deviation's customers), most valuable first",
          params: wsParams.extend({ id: z.string() }),
          querystring: filterQuery.extend({
            kind: z.enum(DEVIATION_KINDS),
            // Not from/to: those are the period of the filters.
            fromStage: z.string().min(1).describe("The deviation's `from`: the stage key the move leaves"),
            toStage: z.string().min(1).describe("The deviation's `to`: the stage key the move reaches (the same stage for a channel switch)"),
            fromChannel: z.string().optional().describe('A channel switch only: the channel left'),
            toChannel: z.string().optional().describe('A channel switch only: the channel taken'),
            limit: z.coerce.number().int().min(1).max(10_000).default(100),
          }),
          response: { 200: customerListSchema },
        },
      },
      async (req) => {
        const ws = workspaceOf(req)
        const { document } = await getJourney({ repos: deps.repos, workspaceId: ws.id }, req.params.id)
        const q = req.query as Omit<DeviationAsked, 'from' | 'to'> & { fromStage: string; toStage: string; limit: number }
        const deviation = { kind: q.kind, from: q.fromStage, to: q.toStage, fromChannel: q.fromChannel, toChannel: q.toChannel }
        return listDeviationCustomers(deps.events, analysisScope(ws.id, document, filterFrom(req.query)), document.stages.map((s) => s.key), deviation, q.limit)
      },
    )
  }
