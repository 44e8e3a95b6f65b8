import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Grid, Input, List, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../../shared/ui/EmptyState";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { EvidenceFiles } from "../rectification/EvidenceFiles";
import { RectificationState } from "../rectification/RectificationState";
import {
  completeRectification,
  listMine,
  listRectifications,
  type Rectification,
} from "../review.api";

/** The member's own material to fill in, and their own rectification items. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const narrow = !Grid.useBreakpoint().md;
  const mine = useQuery({ queryKey: ["review", "mine"], queryFn: listMine });
  const items = useQuery({
    queryKey: ["review", "rect", "mine"],
    queryFn: () => listRectifications({ mine: "true" }),
  });
  const complete = useMutation({
    mutationFn: (a: { id: number; evidence: string }) => completeRectification(a.id, a.evidence),
    onSuccess: () => {
      void message.success(t("review.rect.completed"));
      return client.invalidateQueries({ queryKey: ["review", "rect"] });
    },
  });
  const evidence = (x: Rectification) => (
    <Space direction="vertical" size={4} style={{ width: "100%" }}>
      <EvidenceFiles item={x} />
      {x.can.complete && (
        <Input.Search
          size="small"
          aria-label={t("review.rect.evidence")}
          placeholder={t("review.rect.evidencePlaceholder")}
          enterButton={<Button size="small">{t("review.rect.complete")}</Button>}
          onSearch={(text) => text.trim() && complete.mutate({ id: x.id, evidence: text })}
        />
      )}
      {complete.variables?.id === x.id && <ErrorAlert error={complete.error} />}
    </Space>
  );
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
        <ErrorAlert error={items.error} onRetry={() => items.refetch()} />
        {narrow ? (
          // On a phone each item is a card, so the evidence and the complete button stay in view.
          <List
            loading={items.isLoading}
            locale={{ emptyText: <EmptyState description={t("review.rect.emptyMine")} /> }}
            dataSource={items.data?.items ?? []}
            renderItem={(x) => (
              <List.Item key={x.id} style={{ display: "block" }}>
                <Descriptions
                  size="small"
                  column={1}
                  title={x.dueOn}
                  extra={<RectificationState item={x} />}
                  items={[
                    { label: t("review.rect.problem"), children: x.problem },
                    { label: t("review.rect.measure"), children: x.measure },
                  ]}
                />
                {evidence(x)}
              </List.Item>
            )}
          />
        ) : (
          <Table<Rectification>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 760 }}
            loading={items.isLoading}
            locale={{ emptyText: <EmptyState description={t("review.rect.emptyMine")} /> }}
            dataSource={items.data?.items ?? []}
            columns={[
              { title: t("review.rect.problem"), dataIndex: "problem" },
              { title: t("review.rect.measure"), dataIndex: "measure" },
              { title: t("review.rect.dueOn"), dataIndex: "dueOn", width: 110 },
              {
                title: t("review.rect.state"),
                width: 90,
                render: (_: unknown, x) => <RectificationState item={x} />,
              },
              {
                title: t("review.rect.evidence"),
                width: 260,
                render: (_: unknown, x) => evidence(x),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
