import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([EBar, GridComponent, TooltipComponent, CanvasRenderer]);

/** A ranked horizontal bar chart (ECharts, only the parts in use); a click on a bar calls `onPick` with its index. */
export function BarChart({
  labels,
  values,
  name,
  onPick,
  height = 320,
}: {
  labels: string[];
  values: number[];
  name: string;
  onPick?: (index: number) => void;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', name, data: values, itemStyle: { color: '#1d4e9e' } }],
    });
    if (onPick) chart.on('click', (p) => onPick(p.dataIndex));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [labels, values, name, onPick]);
  return <div ref={el} style={{ width: '100%', height }} data-testid="bar-chart" />;
}
