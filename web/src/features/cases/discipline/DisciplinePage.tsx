import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Card, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { EmptyState } from "../../../shared/ui/EmptyState";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { listCases } from "../cases.api";
import { DisciplineCaseView } from "./DisciplineCaseView";
import { DISCIPLINE_KEY } from "./discipline.api";
import { OpenDisciplineForm } from "./OpenDisciplineForm";

/** The handlers' side, under /discipline: the cases of their subtree, opening, and one case. */
export function DisciplinePage() {
  return (
    <Routes>
      <Route index element={<DisciplineList />} />
      <Route path="new" element={<OpenDisciplineForm />} />
      <Route path=":id" element={<DisciplineCaseView />} />
    </Routes>
  );
}

function DisciplineList() {
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
        <Link to="new">
          <Button type="primary">{t("discipline.list.open")}</Button>
        </Link>
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
