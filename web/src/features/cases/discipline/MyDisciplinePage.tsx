import { useQuery } from "@tanstack/react-query";
import { Card, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { EmptyState } from "../../../shared/ui/EmptyState";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { DISCIPLINE_KEY, listMyDiscipline } from "./discipline.api";
import { MyDisciplineView } from "./MyDisciplineView";

/** The member's side, under /my-discipline: the cases they were given notice of. */
export function MyDisciplinePage() {
  return (
    <Routes>
      <Route index element={<MyDisciplineList />} />
      <Route path=":id" element={<MyDisciplineView />} />
    </Routes>
  );
}

function MyDisciplineList() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...DISCIPLINE_KEY, "mine"], queryFn: listMyDiscipline });
  return (
    <Card title={t("discipline.mine.title")}>
      <Typography.Paragraph type="secondary">{t("discipline.mine.intro")}</Typography.Paragraph>
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {query.data?.items.length === 0 ? (
        <EmptyState description={t("discipline.mine.none")} />
      ) : (
        <List
          loading={query.isLoading}
          dataSource={query.data?.items ?? []}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={String(c.id)}>{c.number}</Link>}
                description={
                  <Space wrap size={4}>
                    <Tag color={c.state === "closed" ? "default" : "blue"}>{c.stateLabel}</Tag>
                    {c.measureLabel ? <span>{c.measureLabel}</span> : null}
                    <span>{c.noticeOn}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
