import { useQuery } from "@tanstack/react-query";
import { Breadcrumb, Button, Card, Grid, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { chinaYear } from "../../shared/china-date";
import { DownloadButton } from "../../shared/ui/DownloadButton";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { getSubordinates, type SubordinateRow, subordinatesUrl } from "./dashboards.api";

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
          scroll={{ x: 760 }}
          dataSource={data?.rows}
          columns={[
            {
              title: t("dashboards.sub.org"),
              dataIndex: "name",
              fixed: narrow ? undefined : "left",
              render: (name: string, r) =>
                r.kind === "branch" || r.kind === "group" ? (
                  name
                ) : (
                  <Link to={hrefFor([...trail, r.orgId])}>{name}</Link>
                ),
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
              render: (rate: number | null, r) =>
                rate === null ? "—" : t("dashboards.sub.rate", { rate, passed: r.passed }),
            },
            {
              title: t("dashboards.sub.noMeeting"),
              dataIndex: "branchesWithoutMeeting",
              align: "right",
              sorter: (a, b) => a.branchesWithoutMeeting - b.branchesWithoutMeeting,
              render: (n: number, r) =>
                r.branches === 0 ? (
                  "—"
                ) : (
                  <Tag color={n > 0 ? "orange" : "green"}>
                    {t("dashboards.sub.ofBranches", { n, of: r.branches })}
                  </Tag>
                ),
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
              render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
            },
          ]}
        />
      )}
    </Card>
  );
}
