import { useQuery } from "@tanstack/react-query";
import { Card, Segmented, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { listRectifications, type Rectification } from "./review.api";

const FILTERS = ["open", "overdue", "done", "all"] as const;

/** 整改清单 of the scope; the overdue filter is the secretary's to-do list. */
export function RectificationsPage() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const [params, setParams] = useSearchParams();
  const status = FILTERS.find((f) => f === params.get("status")) ?? "open";
  const query = useQuery({
    queryKey: ["review", "rect", current?.orgId, status],
    queryFn: () =>
      listRectifications({ orgId: current?.orgId, status: status === "all" ? undefined : status }),
    enabled: Boolean(current),
  });
  return (
    <Card
      title={t("review.tabs.rectifications")}
      extra={
        <Segmented
          value={status}
          onChange={(v) => setParams({ status: String(v) })}
          options={FILTERS.map((f) => ({ value: f, label: t(`review.rect.${f}`) }))}
        />
      }
    >
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      <Table<Rectification>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data?.items ?? []}
        scroll={{ x: 720 }}
        columns={[
          { title: t("review.rect.owner"), dataIndex: ["owner", "name"], width: 100 },
          { title: t("review.rect.problem"), dataIndex: "problem" },
          { title: t("review.rect.measure"), dataIndex: "measure" },
          { title: t("review.rect.dueOn"), dataIndex: "dueOn", width: 110 },
          {
            title: t("review.rect.state"),
            width: 100,
            render: (_: unknown, x) =>
              x.status === "done" ? (
                <Tag color="green">{t("review.rect.done")}</Tag>
              ) : x.overdue ? (
                <Tag color="red">{t("review.rect.overdue")}</Tag>
              ) : (
                <Tag>{t("review.rect.open")}</Tag>
              ),
          },
          { title: t("review.rect.evidence"), dataIndex: "evidence" },
        ]}
      />
    </Card>
  );
}
