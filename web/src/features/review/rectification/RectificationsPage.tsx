import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Grid, List, Segmented, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useOrgScope } from "../../../app/org-scope";
import { useSession } from "../../../shared/session";
import { LoadMore, useCursorList } from "../../../shared/ui/cursor-list";
import { DownloadButton } from "../../../shared/ui/DownloadButton";
import { EmptyState } from "../../../shared/ui/EmptyState";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { ledgerUrl, listRectifications, type Rectification } from "../review.api";
import { AddRectificationModal } from "./AddRectificationModal";
import { EvidenceFiles } from "./EvidenceFiles";
import { type EditMode, RectificationEditModal } from "./RectificationEditModal";
import { RectificationState } from "./RectificationState";
import { ReviewRectificationModal } from "./ReviewRectificationModal";

const FILTERS = ["open", "overdue", "done", "closed", "all"] as const;

/**
 * 整改清单 of the scope: items from self-reviews and those added by hand; 待销号 (done) and
 * 已逾期 are the secretary's to-do lists. The 整改台账 exports what the filter shows.
 */
export function RectificationsPage() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<{ item: Rectification; mode: EditMode } | null>(null);
  const [reviewing, setReviewing] = useState<{
    item: Rectification;
    verdict: "close" | "return";
  } | null>(null);
  const [adding, setAdding] = useState(false);
  const canManage = useSession().data?.permissions.includes("review:manage") ?? false;
  // A phone gets one card per item: seven columns do not fit 375 px.
  const narrow = !Grid.useBreakpoint().md;
  const status = FILTERS.find((f) => f === params.get("status")) ?? "open";
  const query = useCursorList({
    queryKey: ["review", "rect", current?.orgId, status],
    fetchPage: (after) =>
      listRectifications({
        orgId: current?.orgId,
        status: status === "all" ? undefined : status,
        after,
      }),
    enabled: Boolean(current),
  });
  const actions = (x: Rectification) =>
    x.can.review ? (
      <Space size={4} wrap>
        <Button
          size="small"
          type="primary"
          onClick={() => setReviewing({ item: x, verdict: "close" })}
        >
          {t("review.rect.close")}
        </Button>
        <Button size="small" danger onClick={() => setReviewing({ item: x, verdict: "return" })}>
          {t("review.rect.return")}
        </Button>
      </Space>
    ) : x.can.manage ? (
      <Space size={4} wrap>
        <Button size="small" onClick={() => setEditing({ item: x, mode: "owner" })}>
          {t("review.rect.reassign")}
        </Button>
        <Button size="small" onClick={() => setEditing({ item: x, mode: "dueOn" })}>
          {t("review.rect.moveDue")}
        </Button>
      </Space>
    ) : null;
  const items = query.items;
  const source = (x: Rectification) => <Tag>{t(`review.rect.sources.${x.source}`)}</Tag>;
  const empty = (
    <EmptyState description={t("review.rect.empty")} action={t("review.rect.emptyHint")} />
  );
  const tools = current && (
    <Space wrap>
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t("review.rect.add")}
        </Button>
      )}
      <DownloadButton href={ledgerUrl(current.orgId, status === "all" ? undefined : status)}>
        {t("review.rect.export")}
      </DownloadButton>
    </Space>
  );
  return (
    <Card title={t("review.tabs.rectifications")} extra={narrow ? null : tools}>
      {narrow && <div style={{ marginBottom: 12 }}>{tools}</div>}
      <Segmented
        block={narrow}
        value={status}
        onChange={(v) => setParams({ status: String(v) })}
        options={FILTERS.map((f) => ({ value: f, label: t(`review.rect.${f}`) }))}
        style={{ marginBottom: 12, maxWidth: "100%", overflowX: "auto" }}
      />
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {narrow ? (
        <List
          loading={query.isLoading}
          locale={{ emptyText: empty }}
          dataSource={items}
          renderItem={(x) => (
            <List.Item key={x.id} data-testid={`rect-${x.id}`} style={{ display: "block" }}>
              <Descriptions
                size="small"
                column={1}
                title={x.owner.name}
                extra={<RectificationState item={x} />}
                items={[
                  { label: t("review.rect.source"), children: source(x) },
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
          locale={{ emptyText: empty }}
          scroll={{ x: 1040 }}
          onRow={(x) => ({ "data-testid": `rect-${x.id}` }) as object}
          columns={[
            { title: t("review.rect.owner"), dataIndex: ["owner", "name"], width: 90 },
            {
              title: t("review.rect.source"),
              width: 100,
              render: (_: unknown, x) => source(x),
            },
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
      <LoadMore list={query} />
      {current && (
        <AddRectificationModal org={current} open={adding} onClose={() => setAdding(false)} />
      )}
      {reviewing && (
        <ReviewRectificationModal
          key={`${reviewing.item.id}-${reviewing.verdict}`}
          item={reviewing.item}
          verdict={reviewing.verdict}
          onClose={() => setReviewing(null)}
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
