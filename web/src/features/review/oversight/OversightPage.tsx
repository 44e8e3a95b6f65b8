import { Card, Grid, InputNumber, Space, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOrgScope } from "../../../app/org-scope";
import { LoadMore, useCursorList } from "../../../shared/ui/cursor-list";
import { DownloadButton } from "../../../shared/ui/DownloadButton";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { GRADES, getOversight, type OversightRow, oversightUrl } from "../review.api";

/** A committee's branches for a year: meetings held, material submitted, items, grades. */
export function OversightPage() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const [year, setYear] = useState(new Date().getFullYear());
  const narrow = !Grid.useBreakpoint().md;
  const query = useCursorList({
    queryKey: ["review", "oversight", current?.orgId, year],
    fetchPage: (after) => getOversight({ year, orgId: current?.orgId, after }),
    enabled: Boolean(current),
  });
  // On a phone the year and export sit under the title, which otherwise shrinks to "督…".
  const controls = (
    <Space wrap>
      <InputNumber
        aria-label={t("review.round.year")}
        value={year}
        min={2000}
        max={2100}
        onChange={(v) => v && setYear(v)}
      />
      <DownloadButton href={oversightUrl(year, current?.orgId)}>
        {t("review.oversight.export")}
      </DownloadButton>
    </Space>
  );
  return (
    <Card title={t("review.tabs.oversight")} extra={narrow ? null : controls}>
      {narrow && <div style={{ marginBottom: 12 }}>{controls}</div>}
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      <Table<OversightRow>
        rowKey="orgId"
        loading={query.isLoading}
        dataSource={query.items}
        scroll={{ x: 980 }}
        columns={[
          {
            title: t("review.oversight.branch"),
            dataIndex: "orgName",
            fixed: "left",
            width: narrow ? 110 : 180,
          },
          { title: t("review.oversight.meetings"), dataIndex: "meetings", width: 90 },
          {
            title: t("review.oversight.lastMeeting"),
            dataIndex: "lastMeetingOn",
            width: 120,
            render: (d: string | null) => d ?? t("review.oversight.notHeld"),
          },
          {
            title: t("review.oversight.selfReviews"),
            width: 150,
            render: (_: unknown, r) => `${r.submitted} / ${r.selfReviews}`,
          },
          { title: t("review.oversight.open"), dataIndex: "rectificationsOpen", width: 100 },
          { title: t("review.oversight.overdue"), dataIndex: "rectificationsOverdue", width: 100 },
          { title: t("review.oversight.followups"), dataIndex: "followupsOpen", width: 100 },
          {
            title: t("review.oversight.grades"),
            render: (_: unknown, r) =>
              GRADES.map((g) => `${t(`review.grade.${g}`)} ${r.grades[g]}`).join(" / "),
          },
        ]}
      />
      <LoadMore list={query} />
    </Card>
  );
}
