import { useMutation, useQuery } from "@tanstack/react-query";
import { Button, Card, InputNumber, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { useSession } from "../../shared/session";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { listRounds, openRound, type RoundSummary } from "./review.api";

/** 民主评议 rounds: those the user runs or oversees and those they are evaluated in. */
export function RoundsPage() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const navigate = useNavigate();
  const canManage = useSession().data?.permissions.includes("review:manage") ?? false;
  const [year, setYear] = useState(new Date().getFullYear());
  const query = useQuery({ queryKey: ["review", "rounds"], queryFn: () => listRounds({}) });
  const open = useMutation({
    mutationFn: () => openRound(current?.orgId ?? 0, year),
    onSuccess: (r) => navigate(`/review/rounds/${r.id}`),
  });
  return (
    <Card
      title={t("review.tabs.rounds")}
      extra={
        canManage &&
        current && (
          <Space.Compact>
            <InputNumber
              aria-label={t("review.round.year")}
              value={year}
              min={2000}
              max={2100}
              onChange={(v) => v && setYear(v)}
            />
            <Button type="primary" loading={open.isPending} onClick={() => open.mutate()}>
              {t("review.round.open")}
            </Button>
          </Space.Compact>
        )
      }
    >
      <ErrorAlert error={query.error ?? open.error} />
      <Table<RoundSummary>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data?.items ?? []}
        pagination={false}
        scroll={{ x: 480 }}
        columns={[
          { title: t("review.round.year"), dataIndex: "year", width: 80 },
          {
            title: t("review.meeting.org"),
            render: (_: unknown, r) => <Link to={`/review/rounds/${r.id}`}>{r.org.name}</Link>,
          },
          {
            title: t("review.rect.state"),
            dataIndex: "status",
            render: (s: RoundSummary["status"]) => (
              <Tag color={s === "open" ? "blue" : undefined}>{t(`review.round.state.${s}`)}</Tag>
            ),
          },
          {
            title: t("review.round.decided"),
            render: (_: unknown, r) => `${r.decided} / ${r.subjects}`,
          },
        ]}
      />
    </Card>
  );
}
