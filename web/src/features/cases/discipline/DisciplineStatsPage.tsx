import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Flex, Input, Space, Table, Typography } from "antd";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DownloadButton } from "../../../shared/ui/DownloadButton";
import { EmptyState } from "../../../shared/ui/EmptyState";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../../shared/ui/PageSkeleton";
import {
  DISCIPLINE_KEY,
  type DisciplineStats,
  disciplineStats,
  type Shown,
  statsXlsxUrl,
} from "./discipline.api";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A count as published: the server has already floored it; withheld totals say so. */
function useShow() {
  const { t } = useTranslation();
  return (v: Shown | undefined) => (v === null ? t("discipline.stats.withheld") : (v ?? 0));
}

/**
 * 纪律审查统计: per article how often cited and applied (a bar chart, and the measures in a
 * table), per handling org the cases and measures. Counts under the floor come from the server
 * as 「<3」 and the totals that would give them back as withheld; the page adds nothing up
 * itself, since a total it computed could undo that.
 */
export function DisciplineStatsPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const q = { from: from || undefined, to: to || undefined };
  const query = useQuery({
    queryKey: [...DISCIPLINE_KEY, "stats", q],
    queryFn: () => disciplineStats(q),
  });
  const d = query.data;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={t("discipline.stats.title")}
        extra={<Link to="/discipline">{t("discipline.view.back")}</Link>}
      >
        <Flex gap={12} wrap align="end">
          <Input
            type="date"
            addonBefore={t("discipline.stats.from")}
            aria-label={t("discipline.stats.from")}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            style={{ width: 240 }}
          />
          <Input
            type="date"
            addonBefore={t("discipline.stats.to")}
            aria-label={t("discipline.stats.to")}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            style={{ width: 200 }}
          />
          <DownloadButton href={statsXlsxUrl(q)}>{t("discipline.stats.export")}</DownloadButton>
        </Flex>
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          message={t("discipline.stats.floorNote", { floor: d?.floor ?? 3 })}
        />
      </Card>
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {query.isLoading ? <PageSkeleton /> : null}
      {d && d.byOrg.length === 0 ? <EmptyState description={t("discipline.stats.none")} /> : null}
      {d && d.byOrg.length > 0 ? <StatsBody d={d} /> : null}
    </Space>
  );
}

function StatsBody({ d }: { d: DisciplineStats }) {
  const { t } = useTranslation();
  const show = useShow();
  // Only measures that occur anywhere get a column, so a phone is not nine columns wide.
  const used = d.measures.filter(
    (m) =>
      d.byOrg.some((o) => o.measures[m.code] !== undefined) ||
      d.byArticle.some((a) => a.measures[m.code] !== undefined),
  );
  const measureColumns = used.map((m) => ({
    key: m.code,
    title: m.label,
    align: "right" as const,
    render: (_: unknown, r: { measures: Partial<Record<string, Shown>> }) =>
      show(r.measures[m.code]),
  }));
  const count = (key: string, title: string) => ({
    key,
    title,
    dataIndex: key,
    align: "right" as const,
    render: (v: Shown) => show(v),
  });
  return (
    <>
      <Card title={t("discipline.stats.byArticle")}>
        <ArticleBars d={d} />
        <Table
          size="small"
          rowKey="number"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={d.byArticle}
          columns={[
            {
              key: "label",
              title: t("discipline.stats.article"),
              dataIndex: "label",
              fixed: "left",
            },
            count("cited", t("discipline.stats.cited")),
            count("applied", t("discipline.stats.applied")),
            ...measureColumns,
          ]}
        />
      </Card>
      <Card title={t("discipline.stats.byOrg")}>
        <Table
          size="small"
          rowKey="orgId"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={d.byOrg}
          columns={[
            { key: "org", title: t("discipline.stats.org"), dataIndex: "orgName", fixed: "left" },
            count("opened", t("discipline.stats.opened")),
            count("inProgress", t("discipline.stats.inProgress")),
            count("decided", t("discipline.stats.decided")),
            count("dismissed", t("discipline.stats.dismissed")),
            ...measureColumns,
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t("discipline.stats.orgNote")}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

// Two bars a row, each with room for its 「<3」 label beside it.
const ROW = 44;

/** Cited and applied per article; a floored or withheld count has no bar, only its label. */
function ArticleBars({ d }: { d: DisciplineStats }) {
  const { t } = useTranslation();
  const show = useShow();
  const rows = [...d.byArticle].reverse();
  const series = (key: "cited" | "applied", name: string, color: string) => ({
    name,
    type: "bar",
    itemStyle: { color },
    data: rows.map((a) => {
      const v = a[key];
      return typeof v === "number"
        ? { value: v }
        : { value: 0, label: { show: true, position: "right", formatter: String(show(v)) } };
    }),
  });
  const option = {
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((a) => a.label), axisTick: { show: false } },
    series: [
      series("cited", t("discipline.stats.cited"), "#c8102e"),
      series("applied", t("discipline.stats.applied"), "#595959"),
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 72 + rows.length * ROW, width: "100%" }}
      opts={{ renderer: "canvas" }}
    />
  );
}
