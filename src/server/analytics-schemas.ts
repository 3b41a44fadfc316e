import { z } from 'zod'
import type { Analysis } from '../analytics/analyze-journey.ts'
import type { CustomerValue } from '../analytics/get-customer-value.ts'
import type { Driver } from '../analytics/get-drivers.ts'
import { DEVIATION_KINDS } from '../analytics/get-conformance.ts'
import type { Flow } from '../analytics/get-flow.ts'
import type { Funnel } from '../analytics/get-funnel.ts'
import type { RedPoint } from '../analytics/get-red-points.ts'
import type { Sankey } from '../analytics/get-sankey.ts'
import type { TimelineEntry } from '../analytics/get-customer-timeline.ts'
import type { TouchpointKpi } from '../analytics/get-touchpoint-kpis.ts'
import type { TrackingPlan } from '../analytics/get-tracking-plan.ts'
import type { CustomerRow } from '../analytics/list-customers.ts'
import type { FunnelCustomer } from '../analytics/list-funnel-customers.ts'

/**
 * Response schemas of the analytics routes (and the OpenAPI shapes the web
 * client is typed from). The serializer validates every response against them,
 * so they follow the analytics types exactly; `satisfies z.ZodType<…>` makes a
 * field added to an analytics type fail the typecheck here instead of being
 * stripped from responses.
 */

const count = z.number().int()
const share = (what: string) => z.number().describe(`${what}, as a share 0..1`)
const hours = (what: string, whenNull = 'without data') => z.number().nullable().describe(`${what}, in hours (null ${whenNull})`)
/** Times read from the event engine, not ISO 8601. */
const engineTime = (what: string) => z.string().describe(`${what}: UTC as "YYYY-MM-DD hh:mm:ss.sss"`)

export const segmentSchema = z
  .object({ trait: z.string(), value: z.string() })
  .describe('Customers whose latest trait `trait` is `value`, or a value tier (trait "value tier", value high|mid|low)')

const feedbackKpiSchema = z.object({
  kind: z.string().describe('nps, csat, ces or rating'),
  mean: z.number().describe('Mean raw score on the kind\'s own scale'),
  n: count.describe('Answers'),
  nps: z.number().nullable().describe('Net Promoter Score −100…+100 (NPS answers only)'),
})

export const touchpointKpiSchema = z.object({
  stage: z.string(),
  step: z.string(),
  events: count,
  customers: count,
  reach: share("Customers who reached the step, of the journey's customers"),
  repeatRate: share("Customers with ≥ 2 occurrences within 7 days on any channel, of the step's customers"),
  contactRepeatRate: share("Customers who repeated within 7 days on a contact channel (failure demand), of the step's customers"),
  exitRate: share("Customers whose last journey event is this step and who never reached the goal, of the step's customers"),
  conversionToNextStage: z.number().nullable().describe("Customers who later reach the next stage, of the step's customers, as a share 0..1 (null for the last stage)"),
  medianHoursToNext: hours('Median time to the next step'),
  p90HoursToNext: hours('90th percentile of the time to the next step'),
  feedback: z.array(feedbackKpiSchema.extend({ csatPercent: z.number().nullable().describe('Share of CSAT answers 4–5, in percent (CSAT only)') })),
  measuredEmotion: z.number().nullable().describe('Mean feedback normalised to −2…+2: the measured emotion curve'),
  designedEmotion: z.number().nullable().describe("The journey's designed emotion, −2…+2"),
}) satisfies z.ZodType<Omit<TouchpointKpi, 'stats'>>

const relativeChange = z.number().nullable().describe('Relative change against the previous period (0.1 = +10 %); null without data then')

/** The touchpoints route: KPIs without the red-point statistics, with a trend against the previous period. */
export const touchpointReportSchema = z.object({
  customers: count.describe("The journey's customers in the scope"),
  totalValue: z.number().describe('Revenue of those customers'),
  goal: z.string().nullable().describe('Goal step: reaching it is not an exit'),
  previousPeriod: z
    .object({ from: z.string().describe('ISO 8601'), to: z.string().describe('ISO 8601, exclusive') })
    .nullable()
    .describe('The period of equal length before from–to that trends compare with; null without both from and to'),
  touchpoints: z.array(
    touchpointKpiSchema.extend({
      trend: z
        .object({
          customers: relativeChange,
          events: relativeChange,
          exitRate: z.number().nullable().describe('Difference of exit rates (now − then), in share points; null without data then'),
        })
        .nullable()
        .describe('Null without a period (from and to)'),
    }),
  ),
})

export const flowSchema = z.object({
  customers: count,
  dfg: z.array(z.tuple([z.string(), z.string(), count])).describe('Directly-follows graph: [from, to, times], self-loops included'),
  start: z.record(z.string(), count).describe('Customers per first step'),
  end: z.record(z.string(), count).describe('Customers per last step'),
  variants: z.array(z.object({ path: z.array(z.string()), customers: count, share: share('Customers who took this path') })),
}) satisfies z.ZodType<Flow>

export const redPointSchema = z.object({
  stage: z.string(),
  step: z.string(),
  segment: segmentSchema.nullable().describe("The segment it concerns; null for all of the step's customers"),
  reasons: z.array(
    z.object({
      metric: z.enum(['exitRate', 'repeatRate', 'feedback', 'hoursToNextInStage']),
      value: z.number().describe('Rates as shares 0..1, feedback on −2…+2, waits in hours (geometric mean)'),
      baseline: z.number().describe('The same measure for the baseline: the other steps, or for waits the same step in the previous period'),
      p: z.number().describe('One-sided p-value, adjusted over all tests of the journey (Benjamini–Hochberg)'),
    }),
  ),
  customersAffected: count,
  valueAtRisk: z.number().describe("Revenue of the customers affected (the largest of the reasons')"),
}) satisfies z.ZodType<RedPoint>

export const driverSchema = z.object({
  outcome: z.string().describe('"not reaching <goal>", "NPS detractor" or "low score at <step>"'),
  factor: z.string().describe('e.g. "repeated support_call", "install via phone", "trait plan=fibre", "slow a → b"'),
  lift: z.number().describe('Relative risk of the outcome with the factor against without it'),
  ci: z.tuple([z.number(), z.number()]).describe('95 % confidence interval of the lift'),
  p: z.number().describe('One-sided p-value, adjusted over every factor and outcome tested (Benjamini–Hochberg)'),
  support: count.describe('Customers with the factor'),
  outcomeRate: share('Customers with the factor who had the outcome'),
  baselineRate: share('Customers without the factor (who could have had it) who had the outcome'),
}) satisfies z.ZodType<Driver>

export const analysisSchema = z.object({
  summary: z.object({
    events: count,
    customers: count,
    from: engineTime('First event').nullable(),
    to: engineTime('Last event').nullable(),
  }),
  touchpoints: z.array(
    touchpointKpiSchema
      .pick({ stage: true, step: true, events: true, customers: true, reach: true, repeatRate: true, contactRepeatRate: true, exitRate: true, medianHoursToNext: true })
      .extend({ feedback: feedbackKpiSchema.nullable().describe("The step's most answered feedback kind") }),
  ),
  flow: flowSchema.pick({ dfg: true, start: true, end: true }),
  variants: z.array(z.object({ path: z.array(z.string()), customers: count })),
  conformance: z.object({
    fitness: share('Customers whose path never moves back to an earlier stage nor skips one'),
    customers: count,
    deviations: z.array(
      z.object({
        kind: z.enum(DEVIATION_KINDS),
        detail: z.string().describe('"buy → use", or "use: web → phone" for a channel switch'),
        customers: count.describe('Customers who made it at least once'),
        from: z.string().describe('Stage key the move leaves (for a channel switch, its stage)'),
        to: z.string().describe('Stage key the move reaches (for a channel switch, the same stage)'),
        fromChannel: z.string().nullable().describe('A channel switch only: the channel left (null for the other kinds)'),
        toChannel: z.string().nullable().describe('A channel switch only: the channel taken (null for the other kinds)'),
      }),
    ),
  }),
  blindSpots: z.object({
    darkTouchpoints: z.array(z.object({ stage: z.string(), step: z.string() })).describe('Designed touchpoints that received no event'),
    unmappedEvents: z.array(z.object({ event: z.string(), channel: z.string(), count })).describe('Events that map to no touchpoint'),
  }),
  redPoints: z.array(redPointSchema).describe('Ranked by value at risk'),
  drivers: z.array(driverSchema),
}) satisfies z.ZodType<Analysis>

export const sankeySchema = z.object({
  customers: count.describe('Customers whose path has the step'),
  nodes: z.array(
    z.object({
      id: z.string().describe('"<position>:<name>"'),
      position: z.number().int().describe('Steps from the chosen step, negative before it'),
      name: z.string().describe('A step, "other" (rare names grouped), "(start)" or "(end)"'),
      customers: count,
    }),
  ),
  links: z.array(z.object({ source: z.string(), target: z.string(), customers: count })),
}) satisfies z.ZodType<Sankey>

export const customerListSchema = z.object({
  total: count.describe('All customers behind the figure (the list stops at the limit)'),
  customers: z.array(
    z.object({ customer: z.string(), value: z.number().describe('Revenue'), occurrences: count, lastSeen: engineTime('Last occurrence') }) satisfies z.ZodType<CustomerRow>,
  ),
})

export const funnelSchema = z.object({
  steps: z.array(
    z.object({
      step: z.string(),
      customers: count,
      conversion: share('Customers at this step, of those at the first'),
      conversionFromPrevious: share('Customers at this step, of those at the previous one'),
      medianHoursFromPrevious: hours('Median time from the previous step', 'for the first step or without customers'),
    }),
  ),
  breakdown: z
    .array(
      z.object({
        value: z
          .string()
          .describe("The group: channel of the customer's first funnel step, latest value of the trait, or value tier (high, mid, low); '' for customers without one"),
        customers: z.array(count).describe('Per funnel step'),
        medianHoursFromPrevious: z.array(z.number().nullable()).describe('Per funnel step, in hours (null for the first step or without customers)'),
      }),
    )
    .describe('Per breakdown group, at most 20, the largest first'),
  dropOffNext: z.array(
    z.object({
      after: z.string(),
      next: z.array(z.object({ name: z.string().describe('What they did next, or "(left)"'), customers: count })).describe('Top 5 next steps of those who stopped after `after`'),
    }),
  ),
}) satisfies z.ZodType<Funnel>

export const funnelCustomersSchema = z.object({
  total: count.describe('All customers behind the figure (the list stops at the limit)'),
  customers: z.array(
    z.object({
      customer: z.string(),
      value: z.number().describe('Revenue in scope, or the potential (mean revenue of paying customers) for a customer who has not paid yet'),
      stepsReached: count.describe('Funnel steps the customer reached'),
      next: z.string().nullable().describe('What they did right after their deepest funnel step: a step, or "(left)"; null when they completed the funnel'),
    }) satisfies z.ZodType<FunnelCustomer>,
  ),
})

const valueTierSchema = z.enum(['champions', 'loyal', 'new', 'at risk', 'lost', 'regular', 'no revenue'])

export const customerValueSchema = z.object({
  asOf: engineTime('Latest event of the scope, which recency is measured from').nullable(),
  customers: count,
  revenue: z.number(),
  tiers: z.array(z.object({ tier: valueTierSchema, customers: count, revenue: z.number(), meanClv: z.number().describe('Mean 24-month CLV estimate') })),
  top: z.array(
    z.object({
      customer: z.string(),
      revenue: z.number(),
      purchases: count,
      daysSinceLastSeen: count,
      rfm: z.string().describe('Recency, frequency and monetary scores 1–5, e.g. "545"'),
      tier: valueTierSchema,
      clv: z.number().describe('Revenue per active month × 24'),
    }),
  ),
}) satisfies z.ZodType<CustomerValue>

export const trackingPlanSchema = z.object({
  period: z.object({ from: z.string().nullable().describe('ISO 8601'), to: z.string().nullable().describe('ISO 8601, exclusive') }),
  touchpoints: z.array(
    z.object({ stage: z.string(), step: z.string(), channel: z.string().nullable(), events: count, customers: count, dark: z.boolean().describe('No event in the period') }),
  ),
  darkTouchpoints: z.array(z.object({ stage: z.string(), step: z.string() })),
  unmappedEvents: z.array(z.object({ event: z.string(), channel: z.string(), count, customers: count })).describe('Events that map to no step (at most 1000)'),
}) satisfies z.ZodType<TrackingPlan>

export const timelineEntrySchema = z.object({
  ts: engineTime('Time'),
  event: z.string(),
  channel: z.string(),
  step: z.string().nullable().describe('The journey step this event is, when a journey is given and a rule matches'),
  feedback: z
    .object({
      kind: z.string(),
      score: z.number(),
      normalized: z.number().nullable().describe('The score on the −2…+2 emotion scale (null for an unknown kind)'),
      low: z.boolean().describe('In the bottom quarter of its scale'),
      touchpoint: z.string(),
      comment: z.string(),
    })
    .nullable(),
  revenue: z.number().nullable(),
  properties: z.record(z.string(), z.string()),
}) satisfies z.ZodType<TimelineEntry>
