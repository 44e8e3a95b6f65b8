import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useOrgScope } from "../../../app/org-scope";
import { useSession } from "../../../shared/session";
import { LoadMore, useCursorList } from "../../../shared/ui/cursor-list";
import { EmptyState } from "../../../shared/ui/EmptyState";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { listRounds, type RoundSummary } from "../review.api";
import { OpenRoundModal } from "./OpenRoundModal";

/** 民主评议 rounds: those the user runs or oversees and those they are evaluated in. */
export function RoundsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { current } = useOrgScope();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canManage = useSession().data?.permissions.includes("review:manage") ?? false;
  const [opening, setOpening] = useState(false);
  const query = useCursorList({
    queryKey: ["review", "rounds"],
    fetchPage: (after) => listRounds({ after }),
  });
  return (
    <Card
      title={t("review.tabs.rounds")}
      extra={
        canManage &&
        current && (
          <Button type="primary" onClick={() => setOpening(true)}>
            {t("review.round.open")}
          </Button>
        )
      }
    >
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      <Table<RoundSummary>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.items}
        pagination={false}
        scroll={{ x: 480 }}
        locale={{ emptyText: <EmptyState /> }}
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
      <LoadMore list={query} />
      {current && (
        <OpenRoundModal
          org={current}
          open={opening}
          onClose={() => setOpening(false)}
          onOpened={(r) => {
            setOpening(false);
            void client.invalidateQueries({ queryKey: ["review", "rounds"] });
            void message.success(t("review.round.opened"));
            navigate(`/review/rounds/${r.id}`);
          }}
        />
      )}
    </Card>
  );
}
