import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Card, List, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { CaseView } from "./CaseView";
import { CASES_KEY, type CaseSummary, listCases } from "./cases.api";

/** The handlers' side, under /cases: every case of their subtree, and one case. */
export function HandleCasesPage() {
  return (
    <Routes>
      <Route index element={<CaseList />} />
      <Route path=":id" element={<CaseView />} />
    </Routes>
  );
}

const TYPES = ["all", "report", "protection"] as const;

function CaseList() {
  const { t } = useTranslation();
  const [type, setType] = useState<(typeof TYPES)[number]>("all");
  const query = useInfiniteQuery({
    queryKey: [...CASES_KEY, "list", type],
    queryFn: ({ pageParam }) =>
      listCases({ type: type === "all" ? undefined : type, cursor: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t("cases.handle.title")}>
      <Segmented
        value={type}
        onChange={(v) => setType(v as typeof type)}
        options={TYPES.map((k) => ({
          value: k,
          label: k === "all" ? t("cases.handle.all") : t(`cases.type.${k}`),
        }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {!query.isLoading && items.length === 0 ? (
        <EmptyState description={t("cases.handle.none")} />
      ) : (
        <List
          loading={query.isLoading}
          dataSource={items}
          renderItem={(c) => <CaseRow c={c} />}
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

function CaseRow({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  const due =
    c.closedOn === null
      ? c.state === "submitted" || c.state === "applied"
        ? t("cases.handle.ackDue", { at: c.ackDueOn })
        : t("cases.handle.feedbackDue", { at: c.feedbackDueOn })
      : null;
  return (
    <List.Item>
      <List.Item.Meta
        title={
          <Link to={c.caseType === "discipline" ? `/discipline/${c.id}` : String(c.id)}>
            {`${c.number} · ${c.title}`}
          </Link>
        }
        description={
          <Space wrap size={4}>
            <Tag>{t(`cases.type.${c.caseType}`)}</Tag>
            <Tag color={c.closedOn ? "default" : "blue"}>{c.stateLabel}</Tag>
            {c.overdue ? <Tag color="red">{t("cases.handle.overdue")}</Tag> : null}
            <span>{c.orgName}</span>
            <span>{`${t("cases.handle.handler")}：${c.handlerName ?? t("cases.handle.unassigned")}`}</span>
            {due ? <span>{due}</span> : null}
          </Space>
        }
      />
    </List.Item>
  );
}
