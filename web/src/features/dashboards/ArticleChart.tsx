import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useTranslation } from "react-i18next";
import type { ArticleLine } from "./dashboards.api";

// Only the bar chart and what it needs, so the page's chunk carries a fraction of ECharts.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const ROW = 22;

/**
 * One row per article, top to bottom in the regulation's order: answers given in study beside
 * self-review lines checked and the gaps found, so an article with one bar and not the other
 * stands out at a glance, on a phone too (the labels stay short: 第十五条).
 */
export function ArticleChart({ lines }: { lines: ArticleLine[] }) {
  const { t } = useTranslation();
  const rows = [...lines].reverse();
  const option = {
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((l) => l.label), axisTick: { show: false } },
    series: [
      {
        name: t("dashboards.map.seriesStudy"),
        type: "bar",
        data: rows.map((l) => l.study.answered + l.practice.answered),
        itemStyle: { color: "#c8102e" },
      },
      {
        name: t("dashboards.map.seriesChecked"),
        type: "bar",
        data: rows.map((l) => l.selfReview.items),
        itemStyle: { color: "#d4a017" },
      },
      {
        name: t("dashboards.map.seriesGaps"),
        type: "bar",
        data: rows.map((l) => l.selfReview.gaps),
        itemStyle: { color: "#595959" },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 48 + rows.length * ROW * 1.6, width: "100%" }}
      opts={{ renderer: "canvas" }}
    />
  );
}
