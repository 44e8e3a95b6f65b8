import { useQuery } from "@tanstack/react-query";
import { Card, Col, Grid, Row, Segmented, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { DownloadButton } from "../../shared/ui/DownloadButton";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { ArticleChart } from "./ArticleChart";
import {
  type ArticleLine,
  getImplementationMap,
  implementationMapUrl,
  rightRate,
} from "./dashboards.api";

type Filter = "all" | NonNullable<ArticleLine["flag"]>;

/** 落实情况: the regulation article by article, and what the chosen subtree did under each. */
export function ImplementationMapPage() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const narrow = !Grid.useBreakpoint().md;
  const [filter, setFilter] = useState<Filter>("all");
  const query = useQuery({
    queryKey: ["dashboards", "implementation-map", current?.orgId],
    queryFn: () => getImplementationMap(current?.orgId ?? 0),
    enabled: Boolean(current),
  });
  if (!current) return <EmptyState description={t("dashboards.map.noScope")} />;
  if (query.isLoading) return <PageSkeleton />;
  const data = query.data;
  const lines = (data?.articles ?? []).filter((l) => filter === "all" || l.flag === filter);
  const nothingYet = data !== undefined && data.summary.studied === 0 && data.summary.checked === 0;
  const exportButton = (
    <DownloadButton href={implementationMapUrl(current.orgId)}>
      {t("dashboards.map.export")}
    </DownloadButton>
  );
  return (
    <Card
      title={`${t("dashboards.map.title")} · ${current.orgName}`}
      extra={narrow ? null : exportButton}
    >
      {narrow && <div style={{ marginBottom: 12 }}>{exportButton}</div>}
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      <Typography.Paragraph type="secondary">{t("dashboards.map.intro")}</Typography.Paragraph>
      {data && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {(
              ["articles", "studied", "checked", "studiedNotChecked", "checkedNotStudied"] as const
            ).map((k) => (
              <Col key={k} xs={12} sm={8} md={4}>
                <Statistic title={t(`dashboards.map.${k}`)} value={data.summary[k]} />
              </Col>
            ))}
          </Row>
          {nothingYet ? (
            <EmptyState description={t("dashboards.map.empty")} />
          ) : (
            <>
              <Typography.Title level={5}>{t("dashboards.map.chart")}</Typography.Title>
              <ArticleChart lines={data.articles} />
            </>
          )}
          <Segmented<Filter>
            style={{ margin: "16px 0" }}
            value={filter}
            onChange={setFilter}
            options={(["all", "studied_not_checked", "checked_not_studied"] as const).map((f) => ({
              value: f,
              label: t(`dashboards.map.filter.${f}`),
            }))}
          />
          <MapTable lines={lines} documentId={data.documentId} reports={data.includesReports} />
        </>
      )}
    </Card>
  );
}

function MapTable({
  lines,
  documentId,
  reports,
}: {
  lines: ArticleLine[];
  documentId: number;
  reports: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<ArticleLine>
      rowKey="articleId"
      size="small"
      dataSource={lines}
      pagination={false}
      scroll={{ x: 720 }}
      columns={[
        {
          title: t("dashboards.map.article"),
          fixed: "left",
          width: 92,
          render: (_: unknown, l) => (
            <Link to={`/regulations/${documentId}/articles/${l.number}`}>{l.label}</Link>
          ),
        },
        {
          title: t("dashboards.map.study"),
          width: 150,
          render: (_: unknown, l) => {
            const answered = l.study.answered + l.practice.answered;
            if (answered === 0)
              return (
                <Typography.Text type="secondary">{t("dashboards.map.noAnswers")}</Typography.Text>
              );
            const rate = rightRate({
              answered,
              correct: l.study.correct + l.practice.correct,
            });
            return `${answered}（${t("dashboards.map.rate", { rate })}）`;
          },
        },
        {
          title: t("dashboards.map.selfReview"),
          width: 150,
          render: (_: unknown, l) =>
            l.selfReview.items === 0 ? (
              <Typography.Text type="secondary">{t("dashboards.map.notChecked")}</Typography.Text>
            ) : (
              t("dashboards.map.selfReviewLine", l.selfReview)
            ),
        },
        {
          title: t("dashboards.map.rectification"),
          width: 190,
          render: (_: unknown, l) =>
            l.rectification.total === 0
              ? "—"
              : t("dashboards.map.rectificationLine", l.rectification),
        },
        ...(reports
          ? [
              {
                title: t("dashboards.map.reports"),
                width: 90,
                render: (_: unknown, l: ArticleLine) => l.reports ?? 0,
              },
            ]
          : []),
        {
          title: t("dashboards.map.flag"),
          width: 110,
          render: (_: unknown, l) =>
            l.flag ? (
              <Tag color={l.flag === "studied_not_checked" ? "gold" : "red"}>
                {t(`dashboards.map.filter.${l.flag}`)}
              </Tag>
            ) : null,
        },
      ]}
    />
  );
}
