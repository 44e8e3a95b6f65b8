import { useQuery } from "@tanstack/react-query";
import { Button, Card, Descriptions, Grid, List, Segmented, Space, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { EvidenceFiles } from "./EvidenceFiles";
import { type EditMode, RectificationEditModal } from "./RectificationEditModal";
import { RectificationState } from "./RectificationState";
import { listRectifications, type Rectification } from "./review.api";

const FILTERS = ["open", "overdue", "done", "all"] as const;

/** 整改清单 of the scope; the overdue filter is the secretary's to-do list. */
export function RectificationsPage() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<{ item: Rectification; mode: EditMode } | null>(null);
  // A phone gets one card per item: seven columns do not fit 375 px.
  const narrow = !Grid.useBreakpoint().md;
  const status = FILTERS.find((f) => f === params.get("status")) ?? "open";
  const query = useQuery({
    queryKey: ["review", "rect", current?.orgId, status],
    queryFn: () =>
      listRectifications({ orgId: current?.orgId, status: status === "all" ? undefined : status }),
    enabled: Boolean(current),
  });
  const actions = (x: Rectification) =>
    x.can.manage ? (
      <Space size={4} wrap>
        <Button size="small" onClick={() => setEditing({ item: x, mode: "owner" })}>
          {t("review.rect.reassign")}
        </Button>
        <Button size="small" onClick={() => setEditing({ item: x, mode: "dueOn" })}>
          {t("review.rect.moveDue")}
        </Button>
      </Space>
    ) : null;
  const items = query.data?.items ?? [];
  return (
    <Card
      title={t("review.tabs.rectifications")}
      extra={
        narrow ? null : (
          <Segmented
            value={status}
            onChange={(v) => setParams({ status: String(v) })}
            options={FILTERS.map((f) => ({ value: f, label: t(`review.rect.${f}`) }))}
          />
        )
      }
    >
      {narrow && (
        <Segmented
          block
          value={status}
          onChange={(v) => setParams({ status: String(v) })}
          options={FILTERS.map((f) => ({ value: f, label: t(`review.rect.${f}`) }))}
          style={{ marginBottom: 12 }}
        />
      )}
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {narrow ? (
        <List
          loading={query.isLoading}
          dataSource={items}
          renderItem={(x) => (
            <List.Item key={x.id} data-testid={`rect-${x.id}`} style={{ display: "block" }}>
              <Descriptions
                size="small"
                column={1}
                title={x.owner.name}
                extra={<RectificationState item={x} />}
                items={[
                  { label: t("review.rect.problem"), children: x.problem },
                  { label: t("review.rect.measure"), children: x.measure },
                  { label: t("review.rect.dueOn"), children: x.dueOn },
                  { label: t("review.rect.evidence"), children: <EvidenceFiles item={x} /> },
                ]}
              />
              <div style={{ marginTop: 8 }}>{actions(x)}</div>
            </List.Item>
          )}
        />
      ) : (
        <Table<Rectification>
          rowKey="id"
          loading={query.isLoading}
          dataSource={items}
          scroll={{ x: 960 }}
          onRow={(x) => ({ "data-testid": `rect-${x.id}` }) as object}
          columns={[
            { title: t("review.rect.owner"), dataIndex: ["owner", "name"], width: 100 },
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
              width: 200,
              render: (_: unknown, x) => <EvidenceFiles item={x} />,
            },
            { title: t("review.rect.actions"), width: 190, render: (_: unknown, x) => actions(x) },
          ]}
        />
      )}
      {editing && (
        <RectificationEditModal
          key={`${editing.item.id}-${editing.mode}`}
          item={editing.item}
          mode={editing.mode}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
