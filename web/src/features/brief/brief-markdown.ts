import type { Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { measureBase, measureWords } from '../../../../src/domain/journey/desired-outcomes.ts'
import { factorWords, journeyNames, outcomeWords } from '../../../../src/domain/journey/driver-words.ts'
import { escapeBlock, escapeInline } from '../../../../src/domain/journey/journey-markdown.ts'
import { money, num, pct, segmentLabel } from '../../ui/format.ts'
import { METRIC } from '../journey/step-panel.tsx'
import type { PortfolioItem } from './use-portfolio.ts'

export type Brief = Answer<'/api/workspaces/{ws}/journeys/{id}/brief'>

/** "+4 points", "−2 points", "no change". */
export const trendWords = (trend: number | null) => (trend === null ? null : Math.abs(trend) < 0.005 ? 'no change' : `${trend > 0 ? '+' : '−'}${Math.abs(trend * 100).toFixed(0)} points`)

/** The brief as a Markdown document: the five questions with the figures the page shows. */
export function briefToMarkdown(doc: JourneyDocument, brief: Brief, portfolio: PortfolioItem[] | undefined, period: string): string {
  const names = journeyNames(doc)
  const e = escapeInline
  const lines: string[] = [`# Brief: ${e(doc.name)}`, '', `Period: ${period}. ${num(brief.customers)} customers.`, '']
  lines.push('## 1. What job is the customer trying to get done?', '')
  if (doc.persona) lines.push(`**${e(doc.persona.name)}**${doc.persona.job ? `: “${e(doc.persona.job)}”` : ''}`, '')
  else lines.push('No persona or job named yet.', '')
  if (doc.persona?.description) lines.push(escapeBlock(doc.persona.description), '')
  lines.push('## 2. Which outcomes does she desire, and are they met?', '')
  for (const o of brief.outcomes) {
    if (!o.measure || !o.now) lines.push(`- ${e(o.text)}: not bound to a measure yet`)
    else {
      const share = o.now.share === null ? 'applies to nobody in this period' : `met for ${pct(o.now.share)} (${num(o.now.met)} of ${num(o.now.eligible)} ${e(measureBase(o.measure, doc))})`
      const trend = trendWords(o.trend)
      lines.push(`- ${e(o.text)} — ${e(measureWords(o.measure, doc))}: ${share}${trend ? `; ${trend} against the previous period` : ''}`)
    }
  }
  if (!brief.outcomes.length) lines.push('No desired outcomes named yet.')
  lines.push('', '## 3. Which channels and touchpoints does she hire?', '')
  lines.push(...brief.channels.map((c) => `- ${e(c.channel)}: ${pct(c.share)} of customers (${num(c.customers)})`))
  lines.push('', ...brief.touchpoints.slice(0, 10).map((t) => `- ${e(names.step(t.step))}: reached by ${pct(t.reach)} (${num(t.customers)})`))
  lines.push('', '## 4. Where does she fail, and why?', '')
  if (!brief.redPoints.length) lines.push('No red points in this period.')
  for (const r of brief.redPoints) {
    lines.push(`- ${e(names.step(r.step))} (${e(segmentLabel(r.segment))}): ${r.reasons.map((x) => METRIC[x.metric].short).join(', ')}; ${num(r.customersAffected)} customers affected, ${money(r.valueAtRisk)} value at risk`)
  }
  if (brief.drivers.length) lines.push('', 'Strongest drivers:', '', ...brief.drivers.map((d) => `- ${e(factorWords(d.factor, names))} → ${e(outcomeWords(d.outcome, names))}: ${d.lift.toFixed(1)}× as likely (${num(d.support)} customers)`))
  lines.push('', '## 5. What are we doing about it?', '')
  if (!portfolio?.length) lines.push('No opportunities or pilots for this journey yet.')
  else lines.push(...portfolio.map((i) => `- ${i.kind === 'pilot' ? 'Pilot' : `Opportunity${i.rank ? ` #${i.rank}` : ''}`}: ${e(i.title)} (${e(i.status)})`))
  return `${lines.join('\n')}\n`
}
