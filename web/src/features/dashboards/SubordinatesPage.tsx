import { useQuery } from "@tanstack/react-query";
import {
  Breadcrumb,
  Button,
  Card,
  Grid,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { Fragment, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { chinaToday, chinaYear } from "../../shared/china-date";
import { DownloadButton } from "../../shared/ui/DownloadButton";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import {
  getSubordinates,
  getTrends,
  type SubordinateRow,
  subordinatesUrl,
  type Trends,
} from "./dashboards.api";
import { TrendChart } from "./TrendChart";
import { foldedTime, type TrendGroup, visibleGroups } from "./trend-groups";

/**
 * 下级组织对比: the chosen org's subordinates, those most behind first. Opening a row shows the
 * same comparison one level lower (the trail above leads back); at a branch, its members.
 */
export function SubordinatesPage() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const narrow = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const trail = (params.get("trail") ?? "").split(",").filter(Boolean).map(Number);
  const orgId = trail.at(-1) ?? current?.orgId ?? 0;
  const year = Number(params.get("year")) || chinaYear();
  const query = useQuery({
    queryKey: ["dashboards", "subordinates", orgId, year],
    queryFn: () => getSubordinates(orgId, year),
    enabled: orgId > 0,
  });
  const trend = useQuery({
    queryKey: ["dashboards", "trends", orgId, year],
    queryFn: () => getTrends(orgId, year),
    enabled: orgId > 0,
  });
  const names = useQuery({
    queryKey: ["dashboards", "subordinates", "names", trail],
    queryFn: () => Promise.all(trail.map((id) => getSubordinates(id, year).then((s) => s.org))),
    enabled: trail.length > 0,
    staleTime: 300_000,
  });
  if (!current) return <EmptyState description={t("dashboards.map.noScope")} />;
  if (query.isLoading) return <PageSkeleton />;

  // Each level is its own URL, so a drill-down is a real link and the browser's back works.
  const levelQuery = (next: number[], y = year) => {
    const p = new URLSearchParams();
    if (next.length > 0) p.set("trail", next.join(","));
    if (y !== chinaYear()) p.set("year", String(y));
    return p;
  };
  const hrefFor = (next: number[]) => `/subordinates?${levelQuery(next).toString()}`;
  const data = query.data;
  const exportButton = (
    <DownloadButton href={subordinatesUrl(orgId, year)}>
      {t("dashboards.sub.export")}
    </DownloadButton>
  );
  const years = Array.from({ length: 5 }, (_, i) => chinaYear() - i);
  const orgCell = (r: SubordinateRow) =>
    r.kind === "branch" || r.kind === "group" ? (
      r.name
    ) : (
      <Link to={hrefFor([...trail, r.orgId])}>{r.name}</Link>
    );
  return (
    <Card
      title={`${t("dashboards.sub.title")} · ${data?.org.name ?? current.orgName}`}
      extra={narrow ? null : exportButton}
    >
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      <Typography.Paragraph type="secondary">{t("dashboards.sub.intro")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t("dashboards.sub.year")}
          value={year}
          onChange={(y) => setParams(levelQuery(trail, y))}
          options={years.map((y) => ({ value: y, label: t("dashboards.sub.yearOption", { y }) }))}
        />
        {narrow && exportButton}
        {data && (
          <Typography.Text type="secondary" data-testid="subordinates-as-of">
            {data.foldedAt
              ? t("dashboards.trend.asOf", { time: foldedTime(data.foldedAt, chinaToday()) })
              : t("dashboards.trend.notFolded")}
          </Typography.Text>
        )}
      </Space>
      {trail.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[
            { title: <Link to={hrefFor([])}>{current.orgName}</Link> },
            ...trail.map((_, i) => ({
              title:
                i === trail.length - 1 ? (
                  (names.data?.[i]?.name ?? "…")
                ) : (
                  <Link to={hrefFor(trail.slice(0, i + 1))}>{names.data?.[i]?.name ?? "…"}</Link>
                ),
            })),
          ]}
        />
      )}
      {data && data.rows.length === 0 ? (
        <EmptyState
          description={t("dashboards.sub.none")}
          action={
            <Link to="/members">
              <Button>{t("dashboards.sub.toMembers")}</Button>
            </Link>
          }
        />
      ) : (
        <Table<SubordinateRow>
          rowKey="orgId"
          size="small"
          pagination={false}
          scroll={narrow ? undefined : { x: 760 }}
          dataSource={data?.rows}
          columns={
            narrow
              ? [
                  {
                    title: t("dashboards.sub.org"),
                    dataIndex: "name",
                    render: (_: string, r) => <NarrowRow row={r} name={orgCell(r)} />,
                  },
                ]
              : [
                  {
                    title: t("dashboards.sub.org"),
                    dataIndex: "name",
                    fixed: "left",
                    render: (_, r) => orgCell(r),
                  },
                  {
                    title: t("dashboards.sub.members"),
                    dataIndex: "members",
                    align: "right",
                    sorter: (a, b) => a.members - b.members,
                  },
                  {
                    title: t("dashboards.sub.passRate"),
                    dataIndex: "passRate",
                    align: "right",
                    sorter: (a, b) => (a.passRate ?? -1) - (b.passRate ?? -1),
                    render: (_, r) => <PassRate row={r} />,
                  },
                  {
                    title: t("dashboards.sub.noMeeting"),
                    dataIndex: "branchesWithoutMeeting",
                    align: "right",
                    sorter: (a, b) => a.branchesWithoutMeeting - b.branchesWithoutMeeting,
                    render: (_, r) => <NoMeeting row={r} />,
                  },
                  {
                    title: t("dashboards.sub.open"),
                    dataIndex: "rectificationsOpen",
                    align: "right",
                    sorter: (a, b) => a.rectificationsOpen - b.rectificationsOpen,
                  },
                  {
                    title: t("dashboards.sub.overdue"),
                    dataIndex: "rectificationsOverdue",
                    align: "right",
                    sorter: (a, b) => a.rectificationsOverdue - b.rectificationsOverdue,
                    render: (_, r) => <Overdue row={r} />,
                  },
                ]
          }
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("dashboards.trend.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("dashboards.trend.intro")}</Typography.Paragraph>
      <ErrorAlert error={trend.error} onRetry={() => trend.refetch()} />
      {trend.data && <Trend data={trend.data} narrow={narrow} />}
    </Card>
  );
}

/** The trend chart, one group of metrics at a time, and how current its totals are. */
export function Trend({ data, narrow }: { data: Trends; narrow: boolean }) {
  const { t } = useTranslation();
  const groups = visibleGroups(data.months);
  const [picked, setGroup] = useState<TrendGroup>("study");
  const group = groups.includes(picked) ? picked : "study";
  const options = groups.map((g) => ({ value: g, label: t(`dashboards.trend.groups.${g}`) }));
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        {/* Five segments overflow a 375 px card: a phone picks the group from a list. */}
        {narrow ? (
          <Select
            aria-label={t("dashboards.trend.groupLabel")}
            value={group}
            onChange={(v) => setGroup(v)}
            options={options}
            style={{ minWidth: 160 }}
          />
        ) : (
          <Segmented
            aria-label={t("dashboards.trend.groupLabel")}
            value={group}
            onChange={(v) => setGroup(v as TrendGroup)}
            options={options}
          />
        )}
        <Typography.Text type="secondary" data-testid="trend-as-of">
          {data.foldedAt
            ? t("dashboards.trend.asOf", { time: foldedTime(data.foldedAt, chinaToday()) })
            : t("dashboards.trend.notFolded")}
        </Typography.Text>
      </Space>
      <TrendChart months={data.months} group={group} narrow={narrow} />
      {group === "cases" && (
        <Typography.Paragraph type="secondary">{t("dashboards.trend.floor")}</Typography.Paragraph>
      )}
    </>
  );
}

function PassRate({ row }: { row: SubordinateRow }) {
  const { t } = useTranslation();
  return row.passRate === null
    ? "—"
    : t("dashboards.sub.rate", { rate: row.passRate, passed: row.passed });
}

function NoMeeting({ row }: { row: SubordinateRow }) {
  const { t } = useTranslation();
  if (row.branches === 0) return "—";
  return (
    <Tag color={row.branchesWithoutMeeting > 0 ? "orange" : "green"}>
      {t("dashboards.sub.ofBranches", { n: row.branchesWithoutMeeting, of: row.branches })}
    </Tag>
  );
}

function Overdue({ row }: { row: SubordinateRow }) {
  return row.rectificationsOverdue > 0 ? <Tag color="red">{row.rectificationsOverdue}</Tag> : 0;
}

/**
 * One organization on a phone: six columns do not fit 375 px, so the figures stand under the
 * name as label and value pairs, in the same order as the wide table's columns.
 */
function NarrowRow({ row, name }: { row: SubordinateRow; name: ReactNode }) {
  const { t } = useTranslation();
  const pairs: [string, ReactNode][] = [
    [t("dashboards.sub.members"), row.members],
    [t("dashboards.sub.passRate"), <PassRate key="rate" row={row} />],
    [t("dashboards.sub.noMeeting"), <NoMeeting key="meeting" row={row} />],
    [t("dashboards.sub.open"), row.rectificationsOpen],
    [t("dashboards.sub.overdue"), <Overdue key="overdue" row={row} />],
  ];
  return (
    <div>
      <Typography.Text strong>{name}</Typography.Text>
      <dl
        style={{
          display: "grid",
          gridTemplateColumns: "auto 1fr",
          gap: "2px 12px",
          margin: "6px 0 0",
        }}
      >
        {pairs.map(([label, value]) => (
          <Fragment key={label}>
            <dt>
              <Typography.Text type="secondary">{label}</Typography.Text>
            </dt>
            <dd style={{ margin: 0 }}>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}
