import { getExperimentLooks } from '../analytics/get-experiment-looks.ts'
import { analyzeExperiment, type ExperimentAnalysis } from '../domain/experiments/analyze-experiment.ts'
import { assignVariant } from '../domain/experiments/assignment.ts'
import { checkVariants, EXPOSURE_EVENT, EXPOSURE_PROPS, type ExperimentMetric, type ExperimentMode, type ExperimentStatus, type Variant } from '../domain/experiments/experiment.ts'
import { sampleSizeMeans, sampleSizeProportions } from '../domain/experiments/power.ts'
import { AppError, notFound } from '../domain/errors.ts'
import type { UserId, WorkspaceId } from '../domain/ids.ts'
import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import type { ExperimentRecord } from '../storage/metadata/experiment-repository.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'

type Ctx = { repos: Repositories; workspaceId: WorkspaceId; userId: UserId | null }

export type PlanInput = { metric: ExperimentMetric['kind']; alpha: number; power: number; mde: number; baseline: number }

/** Customers per variant the plan needs: a two-proportion z-test from the baseline rate, or Welch from the score's standard deviation. */
export function plannedSample(p: PlanInput): number {
  const n = p.metric === 'conversion' ? sampleSizeProportions(p.baseline, p.mde, p.alpha, p.power) : sampleSizeMeans(p.baseline, p.mde, p.alpha, p.power)
  if (!Number.isFinite(n) || n <= 0) throw new AppError('validation_failed', 'These plan figures give no sample size', [{ path: 'body.mde', message: 'check baseline and mde' }])
  return Math.ceil(n)
}

export type ExperimentFields = {
  journeyId: string
  step: string
  name: string
  hypothesis: string
  variants: Variant[]
  primaryMetric: ExperimentMetric
  guardrails: ExperimentMetric[]
  mode: ExperimentMode
  alpha: number
  power: number
  mde: number
  baseline: number
  startAt: Date | null
  stopAt: Date | null
  opportunityId: string | null
}

function checkMetric(doc: JourneyDocument, m: ExperimentMetric, path: string) {
  const key = m.kind === 'conversion' ? m.step : m.touchpoint
  if (!allSteps(doc).some((s) => s.step.key === key)) throw new AppError('validation_failed', `No step "${key}" in the journey`, [{ path, message: 'unknown step' }])
}

async function checked(ctx: Ctx, f: ExperimentFields) {
  const journey = await ctx.repos.journeys.get(ctx.workspaceId, f.journeyId)
  if (!journey) throw notFound('Journey')
  if (!allSteps(journey.document).some((s) => s.step.key === f.step)) throw new AppError('validation_failed', `No step "${f.step}" in the journey`, [{ path: 'body.step', message: 'unknown step' }])
  const bad = checkVariants(f.variants)
  if (bad) throw new AppError('validation_failed', bad, [{ path: 'body.variants', message: bad }])
  checkMetric(journey.document, f.primaryMetric, 'body.primaryMetric')
  f.guardrails.forEach((g, i) => checkMetric(journey.document, g, `body.guardrails.${i}`))
  if (f.startAt && f.stopAt && f.stopAt <= f.startAt) throw new AppError('validation_failed', 'The stop date must be after the start', [{ path: 'body.stopAt', message: 'before start' }])
  if (f.opportunityId && !(await ctx.repos.opportunities.get(ctx.workspaceId, f.opportunityId))) throw notFound('Opportunity')
  return { ...f, plannedPerVariant: plannedSample({ metric: f.primaryMetric.kind, alpha: f.alpha, power: f.power, mde: f.mde, baseline: f.baseline }) }
}

export async function createExperiment(ctx: Ctx, f: ExperimentFields & { status: ExperimentStatus }): Promise<ExperimentRecord> {
  const status = f.status
  const startAt = status === 'running' ? (f.startAt ?? new Date()) : f.startAt
  return ctx.repos.experiments.create(ctx.workspaceId, { ...(await checked(ctx, { ...f, startAt })), status, createdBy: ctx.userId })
}

export async function updateExperiment(ctx: Ctx, id: string, patch: Partial<ExperimentFields> & { status?: ExperimentStatus }): Promise<ExperimentRecord> {
  const current = await ctx.repos.experiments.get(ctx.workspaceId, id)
  if (!current) throw notFound('Experiment')
  const merged = { ...current, ...patch }
  // Starting stamps the start (unless given); stopping stamps the stop.
  if (patch.status === 'running' && !merged.startAt) merged.startAt = new Date()
  if (patch.status === 'stopped' && !patch.stopAt) merged.stopAt = new Date()
  const { status, ...fields } = merged
  const next = await checked(ctx, fields)
  return (await ctx.repos.experiments.update(ctx.workspaceId, id, { ...next, status }))!
}

/** The variant a customer sees, and the exposure event the client sends through the collector when it shows it. */
export function assignmentOf(e: ExperimentRecord, customer: string) {
  const v = assignVariant(e.id, customer, e.variants)
  return {
    experimentId: e.id,
    customer,
    variant: v.key,
    variantName: v.name,
    running: e.status === 'running',
    exposure: { event: EXPOSURE_EVENT, properties: { [EXPOSURE_PROPS.experiment]: e.id, [EXPOSURE_PROPS.variant]: v.key } },
  }
}

/** Counts, differences, intervals, SRM, guardrails and the verdict, from the events in the engine. */
export async function analyzeStoredExperiment(deps: { repos: Repositories; events: EventStore }, workspaceId: WorkspaceId, id: string, now = new Date()): Promise<ExperimentAnalysis & { experiment: ExperimentRecord }> {
  const e = await deps.repos.experiments.get(workspaceId, id)
  if (!e) throw notFound('Experiment')
  const journey = await deps.repos.journeys.get(workspaceId, e.journeyId)
  if (!journey) throw notFound('Journey')
  const input = { variants: e.variants, primary: e.primaryMetric, guardrails: e.guardrails, mode: e.mode, plan: { alpha: e.alpha, power: e.power, mde: e.mde, baseline: e.baseline, plannedPerVariant: e.plannedPerVariant } }
  if (!e.startAt) return { ...analyzeExperiment(input, { primary: [], guardrails: [] }), experiment: e }
  const window = { id: e.id, variants: e.variants, startAt: e.startAt, stopAt: e.stopAt && e.stopAt < now ? e.stopAt : now }
  const [primary, ...guardrails] = await Promise.all([e.primaryMetric, ...e.guardrails].map((m) => getExperimentLooks(deps.events, workspaceId, journey.document, window, m)))
  return { ...analyzeExperiment(input, { primary: primary!, guardrails }), experiment: e }
}
