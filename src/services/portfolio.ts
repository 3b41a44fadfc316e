import type { RedPoint } from '../analytics/get-red-points.ts'
import type { AnalysisFilter } from '../analytics/analysis-scope.ts'
import { AppError, notFound } from '../domain/errors.ts'
import type { OpportunityId, UserId, WorkspaceId } from '../domain/ids.ts'
import { allSteps, type JourneyDocument } from '../domain/journey/journey.ts'
import {
  resurfaceReason,
  type Category,
  type OpportunitySource,
  type OpportunityStatus,
  type PromiseFit,
  type RedPointSegment,
  type StepLink,
} from '../domain/portfolio/opportunity.ts'
import { ACTIVE_STATUSES, rankOpportunities, type ScoringWeights } from '../domain/portfolio/scoring.ts'
import type { StoredJourney } from '../storage/metadata/journey-repository.ts'
import type { OpportunityPatch, OpportunityRecord } from '../storage/metadata/opportunity-repository.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'
import type { SolutionRecord } from '../storage/metadata/solution-repository.ts'
import type { CachedAnalysis } from './analysis-cache.ts'
import { analysisFilter, storedFilter } from './analysis-filter.ts'

export type PortfolioDeps = { repos: Repositories; analyses: CachedAnalysis }
type Ctx = PortfolioDeps & { workspaceId: WorkspaceId; userId: UserId | null }

/** Extra evidence an opportunity carries (closed cases, added by the cases part). */
export type Evidence = { cases: number; closedCases: number; rootCauses: Array<{ rootCause: string; cases: number }> }

export type StepView = { journeyId: string; journeyName: string; step: string; stepName: string; stage: string; stageName: string; promise: string | null }

export type OpportunityView = Omit<OpportunityRecord, 'workspaceId' | 'steps' | 'ownerId' | 'createdBy'> & {
  owner: { id: string; email: string; name: string } | null
  steps: StepView[]
  /** For a red point: whether it is still found, with the filter it was found under. */
  redPointActive: boolean | null
  score: number
  /** Position in the ranked list; null for done and declined items (unless a declined one resurfaced). */
  rank: number | null
  resurfaced: 'revisit_due' | 'red_point_worse' | null
  solutions: SolutionRecord[]
  evidence: Evidence
}

const segmentKey = (s: RedPointSegment | null) => (s ? `${s.trait}=${s.value}` : '')
const sameRedPoint = (r: RedPoint, step: string, segment: RedPointSegment | null) => r.step === step && segmentKey(r.segment) === segmentKey(segment)

/** Steps as the views show them: with their stage and its brand promise (a step of a removed journey keeps its key). */
function stepViews(links: StepLink[], journeys: Map<string, StoredJourney>): StepView[] {
  return links.map((l) => {
    const j = journeys.get(l.journeyId)
    const found = j && allSteps(j.document).find((s) => s.step.key === l.step)
    return {
      journeyId: l.journeyId,
      journeyName: j?.name ?? '(removed journey)',
      step: l.step,
      stepName: found?.step.name ?? l.step,
      stage: found?.stage.key ?? '',
      stageName: found?.stage.name ?? '',
      promise: found?.stage.promise ?? null,
    }
  })
}

/** The red points of a journey under a filter, from the cached analysis (the journey map's answer). */
async function redPointsOf(deps: PortfolioDeps, workspaceId: WorkspaceId, journey: StoredJourney, filter: AnalysisFilter): Promise<RedPoint[]> {
  return (await deps.analyses(workspaceId, journey, filter)).redPoints
}

/**
 * The portfolio: every opportunity with its live value at risk (a red point's is
 * re-read from the analysis under the filter it was found with), its score and
 * its rank by the workspace's scoring; declined items that are due again
 * (revisit date, or their red point worse than when declined) rejoin the ranking.
 */
export async function listPortfolio(
  ctx: Omit<Ctx, 'userId'>,
  opts: { q?: string; now?: Date } = {},
): Promise<{ scoring: ScoringWeights; opportunities: OpportunityView[] }> {
  const now = opts.now ?? new Date()
  const [records, scoring, journeyList, members, allSolutions, caseCounts] = await Promise.all([
    ctx.repos.opportunities.list(ctx.workspaceId),
    ctx.repos.portfolioSettings.scoring(ctx.workspaceId),
    ctx.repos.journeys.list(ctx.workspaceId),
    ctx.repos.workspaces.members(ctx.workspaceId),
    ctx.repos.solutions.list(ctx.workspaceId),
    ctx.repos.cases.evidence(ctx.workspaceId),
  ])
  const journeys = new Map(journeyList.map((j) => [j.id as string, j]))
  // One analysis per journey and filter, shared by every red point found under it.
  const analyses = new Map<string, Promise<RedPoint[] | undefined>>()
  const live = await Promise.all(
    records.map(async (o) => {
      if (o.source.kind !== 'red_point') return undefined
      const src = o.source
      const journey = journeys.get(src.journeyId)
      if (!journey) return null
      const key = JSON.stringify([src.journeyId, src.filter])
      if (!analyses.has(key)) analyses.set(key, redPointsOf(ctx, ctx.workspaceId, journey, analysisFilter(src.filter)))
      const found = (await analyses.get(key)!)?.find((r) => sameRedPoint(r, src.step, src.segment))
      return found ? { valueAtRisk: found.valueAtRisk, customersAffected: found.customersAffected, active: true } : { valueAtRisk: 0, customersAffected: 0, active: false }
    }),
  )
  const evidence = evidenceOf(caseCounts)
  const owners = new Map(members.map((m) => [m.userId as string, { id: m.userId as string, email: m.email, name: m.name }]))
  const withLive = records.map((o, i) => {
    const l = live[i]
    const current = l ? { ...o, valueAtRisk: l.valueAtRisk, customersAffected: l.customersAffected } : o
    return { ...current, redPointActive: l === undefined ? null : l === null ? false : l.active, resurfaced: resurfaceReason(o, l ?? null, now) }
  })
  const rankable = withLive.filter((o) => ACTIVE_STATUSES.includes(o.status) || o.resurfaced)
  const ranked = new Map(rankOpportunities(rankable, scoring).map((o) => [o.id, o]))
  const others = rankOpportunities(
    withLive.filter((o) => !ranked.has(o.id)),
    scoring,
  ).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
  const q = opts.q?.trim().toLowerCase()
  const views = [...ranked.values(), ...others.map((o) => ({ ...o, rank: null }))]
    .filter((o) => !q || [o.title, o.problem, o.declinedReason ?? ''].some((t) => t.toLowerCase().includes(q)))
    .map(({ workspaceId: _w, ownerId, createdBy: _c, steps, ...o }): OpportunityView => ({
      ...o,
      owner: ownerId ? (owners.get(ownerId) ?? null) : null,
      steps: stepViews(steps, journeys),
      solutions: allSolutions.filter((s) => s.opportunityId === o.id),
      evidence: evidence.get(o.id) ?? { cases: 0, closedCases: 0, rootCauses: [] },
    }))
  return { scoring, opportunities: views }
}

/** Case outcomes as an opportunity's evidence: its cases, the closed ones, their root causes most frequent first. */
function evidenceOf(rows: Array<{ opportunityId: string; status: string; rootCause: string | null; n: number }>): Map<string, Evidence> {
  const out = new Map<string, Evidence>()
  for (const r of rows) {
    const e = out.get(r.opportunityId) ?? { cases: 0, closedCases: 0, rootCauses: [] }
    e.cases += r.n
    if (r.status === 'closed') {
      e.closedCases += r.n
      if (r.rootCause) e.rootCauses.push({ rootCause: r.rootCause, cases: r.n })
    }
    out.set(r.opportunityId, e)
  }
  for (const e of out.values()) e.rootCauses.sort((a, b) => b.cases - a.cases)
  return out
}

export async function getOpportunityView(ctx: Omit<Ctx, 'userId'>, id: string, opts: Parameters<typeof listPortfolio>[1] = {}): Promise<OpportunityView> {
  const found = (await listPortfolio(ctx, opts)).opportunities.find((o) => o.id === id)
  if (!found) throw notFound('Opportunity')
  return found
}

export type OpportunityFields = {
  title?: string
  problem?: string
  category?: Category
  ownerId?: string | null
  steps?: StepLink[]
  confidence?: number
  effort?: number
  promiseFit?: PromiseFit
  valueAtRisk?: number
  customersAffected?: number
  status?: OpportunityStatus
}

const DEFAULTS = { confidence: 0.5, effort: 1, promiseFit: 'none' as PromiseFit }

async function checkOwner(ctx: Ctx, ownerId: string | null | undefined) {
  if (!ownerId) return
  if ((await ctx.repos.workspaces.roleOf(ctx.workspaceId, ownerId as UserId)) === null) {
    throw new AppError('validation_failed', 'The owner must be a member of the workspace', [{ path: 'body.ownerId', message: 'not a member' }])
  }
}

async function checkSteps(ctx: Ctx, steps: StepLink[] | undefined) {
  for (const [i, link] of (steps ?? []).entries()) {
    const j = await ctx.repos.journeys.get(ctx.workspaceId, link.journeyId)
    if (!j || !allSteps(j.document).some((s) => s.step.key === link.step)) {
      throw new AppError('validation_failed', `No step "${link.step}" in journey ${link.journeyId}`, [{ path: `body.steps.${i}`, message: 'unknown step' }])
    }
  }
}

const METRIC_WORDS: Record<string, string> = {
  exitRate: 'customers leave',
  repeatRate: 'customers contact us again',
  feedback: 'customers score it low',
  hoursToNextInStage: 'customers wait longer',
}
const METRIC_LABEL: Record<string, string> = { exitRate: 'exit rate', repeatRate: 'repeat contacts', feedback: 'feedback (−2…+2)', hoursToNextInStage: 'wait to the next step' }
const METRIC_VALUE: Record<string, (x: number) => string> = {
  exitRate: (x) => `${(x * 100).toFixed(1)} %`,
  repeatRate: (x) => `${(x * 100).toFixed(1)} %`,
  feedback: (x) => x.toFixed(2),
  hoursToNextInStage: (x) => `${x.toFixed(1)} h`,
}

/** A red point in words: the title and problem statement an opportunity made from it starts with. */
export function describeRedPoint(point: RedPoint, doc: JourneyDocument): { title: string; problem: string } {
  const step = allSteps(doc).find((s) => s.step.key === point.step)
  const name = step?.step.name ?? point.step
  const who = point.segment ? (point.segment.trait === 'value tier' ? `${point.segment.value}-value customers` : `${point.segment.trait} ${point.segment.value} customers`) : 'customers'
  const title = `${name}: ${point.reasons.map((r) => METRIC_WORDS[r.metric] ?? r.metric).join(', ').replace(/^customers/, who)}`
  const reasons = point.reasons.map((r) => `${METRIC_LABEL[r.metric] ?? r.metric} ${METRIC_VALUE[r.metric]?.(r.value) ?? r.value} against ${METRIC_VALUE[r.metric]?.(r.baseline) ?? r.baseline} (p ${r.p < 0.001 ? '< 0.001' : `= ${r.p.toFixed(3)}`})`)
  const promise = step?.stage.promise ? ` The stage promises: “${step.stage.promise}”.` : ''
  return {
    title,
    problem: `At ${name} (${step?.stage.name ?? point.stage}), ${who}: ${reasons.join('; ')}. ${point.customersAffected} customers affected, ${Math.round(point.valueAtRisk)} value at risk.${promise}`,
  }
}

/** One click on a red point: an opportunity carrying its reasons, segment, customers affected and value at risk. */
export async function createFromRedPoint(
  ctx: Ctx,
  input: { journeyId: string; step: string; segment: RedPointSegment | null; filter: AnalysisFilter } & OpportunityFields,
): Promise<OpportunityRecord> {
  const journey = await ctx.repos.journeys.get(ctx.workspaceId, input.journeyId)
  if (!journey) throw notFound('Journey')
  const point = (await redPointsOf(ctx, ctx.workspaceId, journey, input.filter)).find((r) => sameRedPoint(r, input.step, input.segment))
  if (!point) {
    throw new AppError('not_found', `No red point at "${input.step}" for ${input.segment ? `${input.segment.trait} ${input.segment.value}` : 'all customers'} under this filter`)
  }
  const existing = (await ctx.repos.opportunities.list(ctx.workspaceId)).find(
    (o) => o.source.kind === 'red_point' && o.source.journeyId === journey.id && sameRedPoint(point, o.source.step, o.source.segment) && o.status !== 'done',
  )
  if (existing) throw new AppError('conflict', `This red point already has an opportunity: “${existing.title}” (${existing.id})`)
  await checkOwner(ctx, input.ownerId)
  const words = describeRedPoint(point, journey.document)
  const source: OpportunitySource = { kind: 'red_point', journeyId: journey.id, step: point.step, segment: point.segment, metrics: point.reasons.map((r) => r.metric), filter: storedFilter(input.filter) }
  return ctx.repos.opportunities.create(ctx.workspaceId, {
    title: input.title ?? words.title,
    problem: input.problem ?? words.problem,
    category: input.category ?? 'must_have',
    ownerId: (input.ownerId ?? null) as UserId | null,
    source,
    steps: [{ journeyId: journey.id, step: point.step }],
    confidence: input.confidence ?? DEFAULTS.confidence,
    effort: input.effort ?? DEFAULTS.effort,
    promiseFit: input.promiseFit ?? DEFAULTS.promiseFit,
    valueAtRisk: point.valueAtRisk,
    customersAffected: point.customersAffected,
    status: input.status,
    createdBy: ctx.userId,
  })
}

/** By hand, or from a research insight or a driver (which fill in what is not given). */
export async function createOpportunity(ctx: Ctx, source: Exclude<OpportunitySource, { kind: 'red_point' }>, input: OpportunityFields): Promise<OpportunityRecord> {
  let derived: { title: string; problem: string; steps: StepLink[]; customersAffected?: number } = { title: '', problem: '', steps: [] }
  if (source.kind !== 'manual') {
    const journey = await ctx.repos.journeys.get(ctx.workspaceId, source.journeyId)
    if (!journey) throw notFound('Journey')
    if (source.kind === 'insight') {
      const insight = journey.document.insights?.[source.insight]
      if (!insight) throw notFound(`Insight ${source.insight} of journey "${journey.name}"`)
      derived = {
        title: insight.text.length > 90 ? `${insight.text.slice(0, 87)}…` : insight.text,
        problem: `${insight.text}${insight.quote ? ` “${insight.quote}”` : ''} (${insight.source}${insight.author ? `, ${insight.author}` : ''}${insight.date ? `, ${insight.date}` : ''})`,
        steps: (insight.steps ?? []).map((step) => ({ journeyId: journey.id, step })),
      }
    } else {
      const analysis = await ctx.analyses(ctx.workspaceId, journey, {})
      const driver = analysis.drivers.find((d) => d.outcome === source.outcome && d.factor === source.factor)
      if (!driver) throw notFound(`Driver "${source.factor}" of "${source.outcome}"`)
      const stepKeys = allSteps(journey.document).map((s) => s.step.key).filter((k) => driver.factor.includes(k))
      derived = {
        title: `${driver.factor} → ${driver.outcome}`,
        problem: `Customers with “${driver.factor}” are ${driver.lift.toFixed(2)}× as likely to ${driver.outcome} (${(driver.outcomeRate * 100).toFixed(1)} % against ${(driver.baselineRate * 100).toFixed(1)} %; ${driver.support} customers).`,
        steps: stepKeys.map((step) => ({ journeyId: journey.id, step })),
        customersAffected: driver.support,
      }
    }
  }
  const title = input.title ?? derived.title
  if (!title.trim()) throw new AppError('validation_failed', 'An opportunity needs a title', [{ path: 'body.title', message: 'required' }])
  await checkOwner(ctx, input.ownerId)
  await checkSteps(ctx, input.steps)
  return ctx.repos.opportunities.create(ctx.workspaceId, {
    title,
    problem: input.problem ?? derived.problem,
    category: input.category ?? 'must_have',
    ownerId: (input.ownerId ?? null) as UserId | null,
    source,
    steps: input.steps ?? derived.steps,
    confidence: input.confidence ?? DEFAULTS.confidence,
    effort: input.effort ?? DEFAULTS.effort,
    promiseFit: input.promiseFit ?? DEFAULTS.promiseFit,
    valueAtRisk: input.valueAtRisk ?? 0,
    customersAffected: input.customersAffected ?? derived.customersAffected ?? 0,
    status: input.status,
    createdBy: ctx.userId,
  })
}

export async function updateOpportunity(ctx: Ctx, id: string, input: OpportunityFields): Promise<OpportunityRecord> {
  if (input.status === 'declined') {
    throw new AppError('validation_failed', 'Decline with a reason: POST …/opportunities/:id/decline', [{ path: 'body.status', message: 'use decline' }])
  }
  await checkOwner(ctx, input.ownerId)
  await checkSteps(ctx, input.steps)
  const current = await ctx.repos.opportunities.get(ctx.workspaceId, id)
  if (!current) throw notFound('Opportunity')
  const patch: OpportunityPatch = { ...input, ownerId: input.ownerId === undefined ? undefined : ((input.ownerId ?? null) as UserId | null) }
  // Taking a declined item back clears its decline; its reason stays in the log of the item's problem statement.
  if (input.status && current.status === 'declined') Object.assign(patch, { declinedReason: null, revisitAt: null, declinedValueAtRisk: null, declinedCustomers: null })
  if (current.source.kind === 'red_point') {
    delete patch.valueAtRisk
    delete patch.customersAffected
  }
  return (await ctx.repos.opportunities.update(ctx.workspaceId, id, patch))!
}

/** "What we will not do, and why": the reason is required, the live figures are kept so a worse red point brings it back. */
export async function declineOpportunity(ctx: Omit<Ctx, 'userId'>, id: string, input: { reason: string; revisitAt: Date | null }): Promise<OpportunityRecord> {
  if (!input.reason.trim()) throw new AppError('validation_failed', 'Say why it is declined', [{ path: 'body.reason', message: 'required' }])
  const view = await getOpportunityView(ctx, id)
  const updated = await ctx.repos.opportunities.update(ctx.workspaceId, id, {
    status: 'declined',
    declinedReason: input.reason.trim(),
    revisitAt: input.revisitAt,
    declinedValueAtRisk: view.valueAtRisk,
    declinedCustomers: view.customersAffected,
    pinnedRank: null,
  })
  return updated!
}

/** Manual pinning: `position` 1 = top of the pinned items; null unpins. Other pins keep their order. */
export async function pinOpportunity(ctx: Omit<Ctx, 'userId'>, id: OpportunityId | string, position: number | null): Promise<void> {
  const all = await ctx.repos.opportunities.list(ctx.workspaceId)
  const target = all.find((o) => o.id === id)
  if (!target) throw notFound('Opportunity')
  const pinned = all.filter((o) => o.pinnedRank !== null && o.id !== id).sort((a, b) => a.pinnedRank! - b.pinnedRank!)
  if (position !== null) pinned.splice(Math.min(Math.max(position, 1), pinned.length + 1) - 1, 0, target)
  else await ctx.repos.opportunities.update(ctx.workspaceId, id, { pinnedRank: null })
  for (const [i, o] of pinned.entries()) if (o.pinnedRank !== i + 1 || o.id === id) await ctx.repos.opportunities.update(ctx.workspaceId, o.id, { pinnedRank: i + 1 })
}

/** The roadmap: solutions not done or dropped, in the order of their opportunities' ranks, then their own. */
export function roadmapOf(portfolio: OpportunityView[]) {
  return portfolio
    .filter((o) => o.rank !== null)
    .sort((a, b) => a.rank! - b.rank!)
    .flatMap((o) => o.solutions.filter((s) => s.status !== 'done' && s.status !== 'dropped').map((s) => ({ ...s, opportunityTitle: o.title, opportunityRank: o.rank! })))
}
