import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Button, Card, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { EmptyState } from "../../../shared/ui/EmptyState";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { listCases } from "../cases.api";
import { DisciplineCaseView } from "./DisciplineCaseView";
import { DisciplineStatsPage } from "./DisciplineStatsPage";
import { DISCIPLINE_KEY, listOrigins } from "./discipline.api";
import { OpenDisciplineForm } from "./OpenDisciplineForm";

/**
 * The handlers' side, under /discipline: findings awaiting a case and the cases of their
 * subtree, opening, one case, and the statistics.
 */
export function DisciplinePage() {
  return (
    <Routes>
      <Route index element={<DisciplineList />} />
      <Route path="new" element={<OpenDisciplineForm />} />
      <Route path="stats" element={<DisciplineStatsPage />} />
      <Route path=":id" element={<DisciplineCaseView />} />
    </Routes>
  );
}

/** Findings on declarations marked 「需立案审查」 that no case has come from, within scope. */
function PendingFindings() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...DISCIPLINE_KEY, "origins"], queryFn: listOrigins });
  const findings = query.data?.findings ?? [];
  if (findings.length === 0) return <ErrorAlert error={query.error} />;
  return (
    <Card title={t("discipline.list.pending")} size="small">
      <Typography.Paragraph type="secondary">
        {t("discipline.list.pendingIntro")}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={findings}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Link key="open" to={`new?finding=${f.id}`}>
                {t("discipline.list.pendingOpen")}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={`${f.member.name}（${f.orgName}）`}
              description={
                <Space direction="vertical" size={2}>
                  <span>{f.finding}</span>
                  <Typography.Text type="secondary">
                    {`${f.campaignTitle} · ${f.recordedBy} · ${f.recordedAt}`}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function DisciplineList() {
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <PendingFindings />
      <CaseList />
    </Space>
  );
}

function CaseList() {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: [...DISCIPLINE_KEY, "list"],
    queryFn: ({ pageParam }) => listCases({ type: "discipline", cursor: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      title={t("discipline.list.title")}
      extra={
        <Space>
          <Link to="stats">
            <Button>{t("discipline.list.stats")}</Button>
          </Link>
          <Link to="new">
            <Button type="primary">{t("discipline.list.open")}</Button>
          </Link>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("discipline.list.intro")}</Typography.Paragraph>
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {!query.isLoading && items.length === 0 ? (
        <EmptyState description={t("discipline.list.none")} />
      ) : (
        <List
          loading={query.isLoading}
          dataSource={items}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={String(c.id)}>{`${c.number} · ${c.title}`}</Link>}
                description={
                  <Space wrap size={4}>
                    <Tag color={c.closedOn ? "default" : "blue"}>{c.stateLabel}</Tag>
                    <span>{c.orgName}</span>
                    <span>{c.openedOn}</span>
                    {c.handlerName ? <span>{c.handlerName}</span> : null}
                  </Space>
                }
              />
            </List.Item>
          )}
          footer={
            items.length > 0 ? (
              query.hasNextPage ? (
                <Button onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
                  {t("cases.handle.more")}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t("cases.handle.noMore")}</Typography.Text>
              )
            ) : null
          }
        />
      )}
    </Card>
  );
}
