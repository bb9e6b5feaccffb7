// The dashboard's chart library: only the ECharts modules static/js/dashboard.js uses (line and bar charts, the
// observation funnel, the grid, canvas-drawn tooltips, plain and scrolling legends, the canvas renderer). Bundled at
// build time by esbuild (pom.xml, execution "front-end-assets") into static/vendor/echarts/dashboard-charts.js, which
// defines the global `echarts` with init(): about half the bytes of the full dist/echarts.min.js. A chart type or
// component that dashboard.js starts to use must be added here (DashboardChartsBrowserTests draws every chart).
import { use, init, getInstanceByDom } from 'echarts/core';
import { LineChart, BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

// getInstanceByDom: the browser tests read a drawn chart's options and pixels
export { init, getInstanceByDom };
