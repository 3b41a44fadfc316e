import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, CustomChart, FunnelChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

// Only the charts Waymark draws are bundled.
echarts.use([BarChart, CustomChart, FunnelChart, LineChart, SankeyChart, ScatterChart, AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, SVGRenderer])

export type ChartOption = echarts.EChartsCoreOption
export type ChartClick = { dataType?: string; name?: string; data?: unknown; seriesIndex?: number; dataIndex?: number }

/**
 * One ECharts chart (SVG) sized by its container. `label` names it for screen
 * readers; the figures it shows are also written out beside it by each page,
 * so nothing is only in a tooltip.
 */
export function EChart({ option, height, label, onClick, testId }: { option: ChartOption; height: number; label: string; onClick?: (e: ChartClick) => void; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | undefined>(undefined)
  const click = useRef(onClick)
  click.current = onClick

  useEffect(() => {
    const c = echarts.init(ref.current!, undefined, { renderer: 'svg' })
    chart.current = c
    c.on('click', (e) => click.current?.(e as ChartClick))
    const resize = new ResizeObserver(() => c.resize())
    resize.observe(ref.current!)
    return () => {
      resize.disconnect()
      c.dispose()
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...option }, true)
  }, [option, label])

  return <div ref={ref} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />
}
