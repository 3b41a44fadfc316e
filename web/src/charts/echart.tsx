import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, CustomChart, FunnelChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts'
import { AriaComponent, GraphicComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

// Only the charts Waymark draws are bundled.
echarts.use([BarChart, CustomChart, FunnelChart, LineChart, SankeyChart, ScatterChart, AriaComponent, GraphicComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, SVGRenderer])

export type ChartOption = echarts.EChartsCoreOption
export type Chart = echarts.ECharts
export type ChartClick = { dataType?: string; name?: string; data?: unknown; seriesIndex?: number; dataIndex?: number }

/**
 * One ECharts chart (SVG) sized by its container. `label` names it for screen
 * readers; the figures it shows are also written out beside it by each page,
 * so nothing is only in a tooltip. A fixed `width` draws it without measuring its container
 * (e.g. for print, where it is laid out only when printing); `onChart` hands over the chart once
 * its option is set, for interactions the option cannot express (dragging).
 */
export function EChart({
  option,
  height,
  width,
  label,
  onClick,
  onChart,
  testId,
}: {
  option: ChartOption
  height: number
  width?: number
  label: string
  onClick?: (e: ChartClick) => void
  onChart?: (chart: Chart) => void
  testId?: string
}) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | undefined>(undefined)
  const click = useRef(onClick)
  click.current = onClick

  useEffect(() => {
    const c = echarts.init(ref.current!, undefined, { renderer: 'svg', ...(width ? { width, height } : {}) })
    chart.current = c
    c.on('click', (e) => click.current?.(e as ChartClick))
    const resize = new ResizeObserver(() => c.resize())
    if (!width) resize.observe(ref.current!)
    return () => {
      resize.disconnect()
      c.dispose()
    }
  }, [width, height])
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...option }, true)
    if (chart.current) onChart?.(chart.current)
  }, [option, label, onChart, width, height])

  return <div ref={ref} className="echart" style={{ height, ...(width ? { width } : {}) }} role="img" aria-label={label} data-testid={testId} />
}
