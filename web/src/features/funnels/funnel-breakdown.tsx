import { EChart, type ChartOption } from '../../charts/echart.tsx'
import { hours, num, pct } from '../../ui/format.ts'
import type { FunnelWho } from './funnel-customers.tsx'
import { breakdownLabel, groupLabel, stepFigures } from './funnel-figures.ts'
import { CountButton, type FunnelAnswer } from './funnel-steps.tsx'

const COLOURS = ['#0f766e', '#2563eb', '#c2410c', '#9333ea', '#4d7c0f', '#be185d', '#0891b2', '#a16207', '#475569', '#4338ca']

/** The funnel per breakdown group: conversion of the first step as grouped bars, and each group's figures as a small table. */
export function FunnelBreakdown({ funnel, breakdown, nameOf, onShow }: { funnel: FunnelAnswer; breakdown: string; nameOf: (k: string) => string; onShow: (w: FunnelWho) => void }) {
  const steps = funnel.steps.map((s, i) => `${i + 1}. ${nameOf(s.step)}`)
  const groups = funnel.breakdown.map((g) => ({ ...g, label: groupLabel(breakdown, g.value), figures: stepFigures(g.customers, g.medianHoursFromPrevious) }))
  const option: ChartOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(1)}%` },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: steps, axisLabel: { interval: 0, width: 140, overflow: 'truncate' } },
    yAxis: { type: 'value', max: 100, name: '% of the group’s first step', nameTextStyle: { align: 'left' }, axisLabel: { formatter: '{value}%' } },
    series: groups.map((g, i) => ({
      type: 'bar',
      name: g.label,
      itemStyle: { color: COLOURS[i % COLOURS.length] },
      data: g.figures.map((f) => Number((f.ofFirst * 100).toFixed(1))),
    })),
  }
  return (
    <section className="card funnel-section" aria-labelledby="breakdown-title" data-testid="funnel-breakdown">
      <h2 id="breakdown-title">By {breakdownLabel(breakdown)}</h2>
      {groups.length === 0 ? (
        <p className="muted">No group: nobody entered the funnel.</p>
      ) : (
        <>
          <EChart
            option={option}
            height={300}
            label={`Conversion of the first step per ${breakdownLabel(breakdown)}: ${groups.map((g) => `${g.label} ${pct(g.figures.at(-1)!.ofFirst)}`).join(', ')}. Every figure is in the tables below.`}
            testId="breakdown-chart"
          />
          {funnel.breakdown.length === 20 && <p className="muted">The 20 largest groups are shown.</p>}
          <div className="small-multiples">
            {groups.map((g) => (
              <table key={g.value} className="data-table compact" data-testid={`group-${g.value || 'none'}`}>
                <caption>
                  {g.label} <span className="muted">· {pct(g.figures.at(-1)!.ofFirst, 1)} complete</span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Step</th>
                    <th scope="col" className="num">
                      Customers
                    </th>
                    <th scope="col" className="num">
                      Of first
                    </th>
                    <th scope="col" className="num">
                      Of prev.
                    </th>
                    <th scope="col" className="num">
                      Median time
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {g.figures.map((f, i) => (
                    <tr key={i}>
                      <th scope="row">{steps[i]}</th>
                      <td className="num">
                        <CountButton n={f.customers} onShow={onShow} who={{ at: i + 1, outcome: 'reached', group: g.value, title: `${g.label}: reached ${steps[i]}` }} />
                      </td>
                      <td className="num">{pct(f.ofFirst, 1)}</td>
                      <td className="num">{i === 0 ? '—' : pct(f.ofPrevious, 1)}</td>
                      <td className="num">{i === 0 ? '—' : hours(f.medianHours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
          <p className="muted">
            {num(groups.reduce((sum, g) => sum + g.customers[0]!, 0))} customers in {groups.length} groups.
          </p>
        </>
      )}
    </section>
  )
}
