import { allSteps, type JourneyDocument, type MatchRule } from '../domain/journey/journey.ts'
import type { EventStore } from '../storage/events/event-store.ts'
import { chTime } from '../storage/events/rows.ts'
import { analysisScope, type AnalysisFilter } from './analysis-scope.ts'
import { stepMatcher } from './step-matcher.ts'
import { stitchedEvents } from './stitched-events.ts'

export type RuleSample = { ts: string; customer: string; event: string; channel: string; properties: Record<string, string> }
export type RuleSuggestion = { event: string; channel: string; events: number }
export type RulePreview = { events: number; customers: number; samples: RuleSample[]; suggestions: RuleSuggestion[] }

const PREVIEW_STEP = '__preview__'
const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v])
/** An event name's prefix: the part before the first '_' or space ("newsletter" of "newsletter_opened"). */
const prefixOf = (event: string) => event.split(/[_ ]/)[0]!

/**
 * What a step's mapping rules (not yet saved) would match in the period: events and customers,
 * counted as the touchpoint KPIs count them (the journey's steps before `step` win first, as
 * the matcher tries steps in order), the latest events, and unmapped events that look like the
 * rules (same name prefix or channel), most frequent first.
 */
export async function previewRules(
  events: EventStore,
  workspaceId: string,
  doc: JourneyDocument,
  rules: MatchRule[],
  filter: AnalysisFilter,
  step?: string,
): Promise<RulePreview> {
  const steps = allSteps(doc).map((s) => s.step)
  const at = step ? steps.findIndex((s) => s.key === step) : -1
  const before = at >= 0 ? steps.slice(0, at) : []
  const { channel: stepChannel } = at >= 0 ? steps[at]! : {}
  // The steps that win before this one, then the rules as a step of their own: the preview is that step's touchpoint.
  const previewDoc: JourneyDocument = { ...doc, stages: [{ key: 'preview', name: 'preview', steps: [...before, { key: PREVIEW_STEP, name: 'preview', match: rules }] }] }
  const scope = analysisScope(workspaceId, previewDoc, filter)
  const preview = stepMatcher(previewDoc, 'r')
  const journey = stepMatcher(doc, 'j')
  const period = periodSql(filter)
  const params = { ...scope.params, ...preview.params, ...journey.params, ...period.params, preview_step: PREVIEW_STEP }

  const ruleEvents = rules.flatMap((r) => asArray(r.event))
  const channels = [...rules.flatMap((r) => (r.channel ? [r.channel] : [])), ...(stepChannel ? [stepChannel] : [])]
  const [counts, samples, suggestions] = await Promise.all([
    events.query<{ events: string; customers: string }>(
      `SELECT count() AS events, uniqExact(customer) AS customers FROM (${scope.sql}) WHERE name = {preview_step:String}`,
      params,
    ),
    events.query<{ ts: string; customer: string; event: string; channel: string; properties: Record<string, string> }>(
      `SELECT ts, customer, event, channel, properties
       FROM (${stitchedEvents('e.ts, e.seq, e.event, e.channel, e.properties')})
       WHERE event != '' ${period.sql} AND ${preview.sql} = {preview_step:String} AND ${scope.customerFilter}
       ORDER BY ts DESC, seq DESC
       LIMIT 5`,
      params,
    ),
    events.query<{ event: string; channel: string; events: string }>(
      `SELECT event, channel, count() AS events
       FROM events FINAL
       WHERE workspace_id = {ws:String} AND event != '' AND score_kind = '' ${period.sql}
         AND ${journey.sql} = '' AND ${preview.sql} != {preview_step:String}
         AND (splitByRegexp('[_ ]', event)[1] IN {similar_prefixes:Array(String)} OR channel IN {similar_channels:Array(String)})
       GROUP BY event, channel
       ORDER BY events DESC, event, channel
       LIMIT 8`,
      { ...params, similar_prefixes: [...new Set(ruleEvents.map(prefixOf))], similar_channels: channels },
    ),
  ])
  return {
    events: Number(counts[0]?.events ?? 0),
    customers: Number(counts[0]?.customers ?? 0),
    samples: samples.map((s) => ({ ...s, ts: new Date(`${s.ts.replace(' ', 'T')}Z`).toISOString() })),
    suggestions: suggestions.map((s) => ({ event: s.event, channel: s.channel, events: Number(s.events) })),
  }
}

/** The filter's period, channels and event properties as conditions on an event (with its own parameter names). */
function periodSql(filter: AnalysisFilter): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {}
  const where: string[] = []
  if (filter.from) {
    params.pv_from = chTime(filter.from)
    where.push('ts >= {pv_from:DateTime64(3)}')
  }
  if (filter.to) {
    params.pv_to = chTime(filter.to)
    where.push('ts < {pv_to:DateTime64(3)}')
  }
  if (filter.channel?.length) {
    params.pv_channels = filter.channel
    where.push('channel IN {pv_channels:Array(String)}')
  }
  Object.entries(filter.properties ?? {}).forEach(([key, values], i) => {
    params[`pv_pk${i}`] = key
    params[`pv_pv${i}`] = values
    where.push(`properties[{pv_pk${i}:String}] IN {pv_pv${i}:Array(String)}`)
  })
  return { sql: where.map((w) => `AND ${w}`).join(' '), params }
}
