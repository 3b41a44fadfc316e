import { useMemo } from 'react'
import { EChart, type ChartClick, type ChartOption } from '../../charts/echart.tsx'
import { minute } from './customer-traits.tsx'
import { reasonsOf, scoreText, type JourneyEntry } from './timeline-entries.ts'

/** The kinds of point, each with its own shape as well as colour (never colour alone). */
const KINDS = [
  { name: 'Event', symbol: 'circle', size: 9, color: '#0f766e', is: (e: JourneyEntry) => !e.feedback && !e.redPoints.length },
  { name: 'Event at a red point', symbol: 'triangle', size: 14, color: '#b91c1c', is: (e: JourneyEntry) => !e.feedback && e.redPoints.length > 0 },
  { name: 'Feedback', symbol: 'diamond', size: 14, color: '#2563eb', is: (e: JourneyEntry) => !!e.feedback && !e.feedback.low },
  { name: 'Low score', symbol: 'pin', size: 22, color: '#b91c1c', is: (e: JourneyEntry) => !!e.feedback?.low },
] as const

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/**
 * One customer's timeline: time across, one lane per channel; events, feedback
 * answers, low scores and events at red points as points of distinct shapes.
 * Clicking a point opens its entry in the list below.
 */
export function TimelineChart({ entries, onPick }: { entries: JourneyEntry[]; onPick: (index: number) => void }) {
  const channels = useMemo(() => [...new Set(entries.map((e) => e.channel || 'unknown'))].sort(), [entries])
  const option = useMemo<ChartOption>(() => {
    // A margin either side, so the first and last points are not cut by the axis ends.
    const times = entries.map((e) => e.time)
    const [first, last] = [Math.min(...times), Math.max(...times)]
    const pad = Math.max((last - first) * 0.03, 60_000)
    return {
      grid: { left: 90, right: 24, top: 40, bottom: 36 },
      legend: { top: 0, left: 0, data: KINDS.filter((k) => entries.some(k.is)).map((k) => k.name) },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: [number, string, number] }) => {
          const e = entries[p.data[2]]!
          const lines = [`<strong>${escape(e.event || 'feedback')}</strong> · ${escape(e.channel)}`, minute(e.ts)]
          if (e.stepName) lines.push(`Step: ${escape(e.stepName)}`)
          if (e.feedback) lines.push(`${scoreText(e.feedback)}${e.feedback.low ? ' (low)' : ''}${e.feedback.comment ? ` — “${escape(e.feedback.comment)}”` : ''}`)
          if (e.redPoints.length) lines.push(`Red point: ${reasonsOf(e.redPoints)}`)
          return lines.join('<br>')
        },
      },
      xAxis: { type: 'time', min: first - pad, max: last + pad, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: channels, axisTick: { show: false }, splitLine: { show: true, lineStyle: { color: '#eef2f6' } } },
      series: KINDS.map((k) => ({
        name: k.name,
        type: 'scatter',
        symbol: k.symbol,
        symbolSize: k.size,
        itemStyle: { color: k.color, opacity: 0.85, borderColor: '#fff', borderWidth: 1 },
        emphasis: { scale: 1.4 },
        data: entries.filter(k.is).map((e) => [e.time, e.channel || 'unknown', e.index]),
      })),
    }
  }, [entries, channels])
  const label = `Timeline of ${entries.length} entries on ${channels.length} channels (${channels.join(', ')}); the same entries are listed below.`
  return (
    <EChart
      option={option}
      height={80 + channels.length * 46}
      label={label}
      testId="customer-timeline"
      onClick={(e: ChartClick) => {
        const index = (e.data as [number, string, number] | undefined)?.[2]
        if (index !== undefined) onPick(index)
      }}
    />
  )
}
