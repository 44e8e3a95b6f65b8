import { NotificationOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { chinaToday } from "../../../shared/china-date";
import { LoadMore, useCursorList } from "../../../shared/ui/cursor-list";
import { DownloadButton } from "../../../shared/ui/DownloadButton";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { foldedTime } from "../../dashboards/trend-groups";
import { getResults, type Results, receipts, remind, resultsExportUrl } from "../study.api";

type Row = Results["items"][number];
const STATUS_COLOR = {
  not_started: "default",
  in_progress: "blue",
  passed: "green",
  failed: "orange",
} as const;

/** Who has not started, who failed, per branch; reminders with read receipts; Excel export. */
export function ResultsView() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const id = Number(useParams().id);
  const [status, setStatus] = useState<string>("all");
  // The server filters and pages the members; every page carries the same totals and branches.
  const results = useCursorList({
    queryKey: ["study", "results", id, status],
    fetchPage: (after) => getResults(id, status === "all" ? undefined : status, after),
  });
  const read = useQuery({ queryKey: ["study", "receipts", id], queryFn: () => receipts(id) });
  const send = useMutation({
    mutationFn: (target: "not_started" | "not_passed") => remind(id, target),
    onSuccess: (r) => {
      void message.success(t("study.admin.reminded", { count: r.recipients }));
      void client.invalidateQueries({ queryKey: ["study", "receipts", id] });
    },
  });
  const data = results.data?.pages[0];
  const rows: Row[] = results.items;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <ErrorAlert error={results.error ?? send.error} />
      {data ? (
        <Card
          title={t("study.admin.results")}
          extra={
            <DownloadButton href={resultsExportUrl(id)}>{t("study.admin.export")}</DownloadButton>
          }
        >
          <Typography.Paragraph data-testid="results-totals">
            {t("study.admin.totals", data.totals)}
          </Typography.Paragraph>
          {/* A large campaign's counts are folded by a job (ADR 0029); a small one's are live. */}
          {data.countedAt && (
            <Typography.Paragraph type="secondary" data-testid="results-counted-at">
              {t("study.admin.countedAt", { time: foldedTime(data.countedAt, chinaToday()) })}
            </Typography.Paragraph>
          )}
          {data.withoutAccount > 0 && (
            <Typography.Paragraph type="warning" data-testid="results-without-account">
              {t("study.admin.withoutAccount", { count: data.withoutAccount })}
            </Typography.Paragraph>
          )}
          <Space wrap>
            <Button
              icon={<NotificationOutlined />}
              loading={send.isPending}
              onClick={() => send.mutate("not_started")}
            >
              {t("study.admin.remindNotStarted")}
            </Button>
            <Button
              icon={<NotificationOutlined />}
              loading={send.isPending}
              onClick={() => send.mutate("not_passed")}
            >
              {t("study.admin.remindNotPassed")}
            </Button>
            {read.data && read.data.sent > 0 ? (
              <Tag>
                {t("study.admin.receipts", { read: read.data.read, total: read.data.sent })}
              </Tag>
            ) : null}
          </Space>
        </Card>
      ) : null}
      <Card size="small">
        <Table
          rowKey="orgId"
          size="small"
          pagination={false}
          dataSource={data?.branches}
          scroll={{ x: 560 }}
          columns={[
            { title: t("study.admin.branch"), dataIndex: "orgName" },
            { title: t("study.admin.members"), dataIndex: "members" },
            { title: t("study.admin.notStarted"), dataIndex: "notStarted" },
            { title: t("study.admin.inProgress"), dataIndex: "inProgress" },
            { title: t("study.passed"), dataIndex: "passed" },
            { title: t("study.failed"), dataIndex: "failed" },
          ]}
        />
      </Card>
      <Card size="small">
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={["all", "not_started", "in_progress", "passed", "failed"].map((s) => ({
            value: s,
            label: s === "all" ? t("study.all") : t(`study.status.${s}`),
          }))}
          style={{ marginBottom: 12 }}
        />
        <Table<Row>
          rowKey="memberId"
          size="small"
          loading={results.isPending}
          dataSource={rows}
          scroll={{ x: 560 }}
          columns={[
            { title: t("study.admin.name"), dataIndex: "name" },
            { title: t("study.admin.branch"), dataIndex: "orgName", responsive: ["md"] },
            {
              title: t("study.admin.statusCol"),
              dataIndex: "status",
              render: (s: Row["status"]) => (
                <Tag color={STATUS_COLOR[s]}>{t(`study.status.${s}`)}</Tag>
              ),
            },
            { title: t("study.admin.attempts"), dataIndex: "attempts" },
            {
              title: t("study.admin.bestScore"),
              dataIndex: "bestScore",
              render: (v: number | null) => v ?? "—",
            },
            {
              title: "",
              dataIndex: "submittedAt",
              responsive: ["md"],
              render: (v: string | null) => (v ? dayjs(v).format("MM-DD HH:mm") : ""),
            },
          ]}
        />
        <LoadMore list={results} />
      </Card>
    </Space>
  );
}
