import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useTranslation } from "react-i18next";
import type { TrendMonth } from "./dashboards.api";
import { plotted, TREND_GROUPS, type TrendGroup } from "./trend-groups";

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * Twelve months of a subtree for one group of metrics: the counts of the month as bars on the
 * left axis, members at the month's end as a line on the right axis (hundreds against a
 * handful would flatten the bars on one axis). On a phone the month labels are bare numbers,
 * so twelve fit across.
 */
export function TrendChart({
  months,
  group,
  narrow,
}: {
  months: TrendMonth[];
  group: TrendGroup;
  narrow: boolean;
}) {
  const { t } = useTranslation();
  const option = {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0, itemWidth: 14, itemGap: narrow ? 8 : 16, textStyle: { fontSize: 12 } },
    grid: { left: 4, right: 4, top: narrow ? 64 : 40, bottom: narrow ? 28 : 4, containLabel: true },
    xAxis: {
      type: "category",
      // On a phone "10月11月12月" run together: the numbers alone, the axis named once.
      data: months.map((m) =>
        narrow
          ? String(Number(m.month.slice(5)))
          : t("dashboards.trend.month", { m: Number(m.month.slice(5)) }),
      ),
      name: narrow ? t("dashboards.trend.monthAxis") : undefined,
      nameLocation: "middle",
      nameGap: 22,
      axisTick: { show: false },
      axisLabel: { interval: 0, fontSize: narrow ? 10 : 12 },
    },
    yAxis: [
      { type: "value", minInterval: 1 },
      // Members change by a few a month against a level in the thousands: from zero the line
      // would read flat.
      { type: "value", minInterval: 1, scale: true, splitLine: { show: false } },
    ],
    series: [
      ...TREND_GROUPS[group].map((s) => ({
        name: t(`dashboards.trend.${s.key}`),
        type: "bar",
        data: months.map((m) => plotted(m[s.key])),
        itemStyle: { color: s.color },
        // Only a withheld discipline count is a gap; the tooltip names it as the statistics do.
        tooltip: { valueFormatter: (v: number | null) => (v === null ? "<3" : String(v)) },
      })),
      {
        name: t("dashboards.trend.members"),
        type: "line",
        yAxisIndex: 1,
        data: months.map((m) => m.members),
        itemStyle: { color: "#1d39c4" },
        lineStyle: { type: "dashed" },
        symbolSize: 5,
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: narrow ? 300 : 320, width: "100%" }}
      opts={{ renderer: "canvas" }}
    />
  );
}
