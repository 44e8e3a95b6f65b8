import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { CASES_KEY, listMine } from "./cases.api";
import { MyCaseView } from "./MyCaseView";
import { ProtectionForm } from "./ProtectionForm";
import { ReportForm } from "./ReportForm";

/** The filer's side, under /my-cases: what they filed, and the two forms. */
export function MyCasesPage() {
  return (
    <Routes>
      <Route index element={<MyCasesList />} />
      <Route path="report" element={<ReportForm />} />
      <Route path="protection" element={<ProtectionForm />} />
      <Route path=":id" element={<MyCaseView />} />
    </Routes>
  );
}

function MyCasesList() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...CASES_KEY, "mine"], queryFn: listMine });
  return (
    <Card title={t("cases.mine.title")}>
      <Typography.Paragraph type="secondary">{t("cases.mine.intro")}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Link to="report">
          <Button type="primary">{t("cases.mine.report")}</Button>
        </Link>
        <Link to="protection">
          <Button>{t("cases.mine.protection")}</Button>
        </Link>
      </Flex>
      <Alert type="info" showIcon message={t("cases.mine.secrecy")} style={{ marginBottom: 16 }} />
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {query.data?.items.length === 0 ? (
        <EmptyState description={t("cases.mine.none")} />
      ) : (
        <List
          loading={query.isLoading}
          dataSource={query.data?.items ?? []}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={String(c.id)}>{`${c.number} · ${c.title}`}</Link>}
                description={
                  <Space wrap size={4}>
                    <Tag color={c.state === "closed" ? "default" : "blue"}>{c.stateLabel}</Tag>
                    <span>{c.openedOn}</span>
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
