import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Input, List, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import {
  completeRectification,
  listMine,
  listRectifications,
  type Rectification,
} from "./review.api";

/** The member's own material to fill in, and their own rectification items. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: ["review", "mine"], queryFn: listMine });
  const items = useQuery({
    queryKey: ["review", "rect", "mine"],
    queryFn: () => listRectifications({ mine: "true" }),
  });
  const complete = useMutation({
    mutationFn: (a: { id: number; evidence: string }) => completeRectification(a.id, a.evidence),
    onSuccess: () => client.invalidateQueries({ queryKey: ["review", "rect"] }),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={t("review.tabs.mine")}>
        <ErrorAlert error={mine.error} onRetry={() => mine.refetch()} />
        {mine.data?.items.length === 0 ? (
          <EmptyState description={t("review.self.none")} />
        ) : (
          <List
            loading={mine.isLoading}
            dataSource={mine.data?.items ?? []}
            renderItem={(r) => (
              <List.Item
                actions={[
                  <Link key="open" to={`/review/self-reviews/${r.selfReviewId}`}>
                    {r.status === "submitted" ? t("review.meeting.view") : t("review.self.open")}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={r.topic}
                  description={`${r.orgName} · ${t(`review.kind.${r.kind}`)} · ${r.heldOn}`}
                />
                <Tag
                  color={
                    r.status === "submitted"
                      ? "green"
                      : r.status === "returned"
                        ? "orange"
                        : undefined
                  }
                >
                  {t(`review.status.${r.status}`)}
                </Tag>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={t("review.rect.mine")}>
        <ErrorAlert error={items.error ?? complete.error} />
        <Table<Rectification>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={items.data?.items ?? []}
          columns={[
            { title: t("review.rect.problem"), dataIndex: "problem" },
            { title: t("review.rect.measure"), dataIndex: "measure" },
            { title: t("review.rect.dueOn"), dataIndex: "dueOn", width: 110 },
            {
              title: t("review.rect.state"),
              render: (_: unknown, x) =>
                x.status === "done" ? (
                  <Tag color="green">{t("review.rect.done")}</Tag>
                ) : (
                  <Input.Search
                    size="small"
                    placeholder={t("review.rect.evidence")}
                    enterButton={<Button size="small">{t("review.rect.complete")}</Button>}
                    onSearch={(evidence) =>
                      evidence.trim() && complete.mutate({ id: x.id, evidence })
                    }
                  />
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
