import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Grid, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { receiptFor, saveReceipt } from "./ballot-receipts";
import {
  castVote,
  closeRound,
  decideGrade,
  GRADES,
  type Grade,
  getRound,
  type RoundDetail,
  roundResultsUrl,
  writeSummary,
} from "./review.api";

type Row = RoundDetail["members"][number];

/** One round: the member's 个人总结 and secret votes; the org's close, counts and decisions. */
export function RoundPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const query = useQuery({ queryKey: ["review", "round", id], queryFn: () => getRound(id) });
  const set = (r: RoundDetail) => client.setQueryData(["review", "round", id], r);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const narrow = !Grid.useBreakpoint().md;
  const grades = GRADES.map((g) => ({ value: g, label: t(`review.grade.${g}`) }));
  const summary = useMutation({
    mutationFn: (v: { summary: string; suggestedGrade: Grade }) =>
      writeSummary(id, v.summary, v.suggestedGrade),
    onSuccess: set,
  });
  const vote = useMutation({
    mutationFn: async (v: { memberId: number; grade: Grade }) => {
      const { receipt } = await castVote(id, { ...v, receipt: receiptFor(id, v.memberId) });
      saveReceipt(id, v.memberId, receipt);
    },
    onSuccess: () => query.refetch(),
  });
  const close = useMutation({ mutationFn: () => closeRound(id), onSuccess: set });
  const decide = useMutation({
    mutationFn: (v: { memberId: number; grade: Grade }) =>
      decideGrade(id, { ...v, reason: reasons[v.memberId] || undefined }),
    onSuccess: set,
  });

  if (query.isLoading) return <PageSkeleton />;
  const r = query.data;
  if (!r) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const me = r.members.find((m) => m.memberId === r.me?.memberId);
  // On a phone the state and buttons sit under the title, which then keeps its whole name.
  const headerActions = (
    <Space wrap>
      <Tag>{t(`review.round.state.${r.status}`)}</Tag>
      {r.can.manage && r.status === "open" && (
        <Button
          danger
          onClick={() =>
            modal.confirm({
              title: t("review.round.closeConfirm"),
              onOk: () => close.mutateAsync(),
            })
          }
        >
          {t("review.round.close")}
        </Button>
      )}
      {r.status === "closed" && r.members.some((m) => m.tally) && (
        <Button icon={<DownloadOutlined />} href={roundResultsUrl(r.id)} download>
          {t("review.round.export")}
        </Button>
      )}
    </Space>
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={`${r.org.name} · ${r.year}`} extra={narrow ? null : headerActions}>
        {narrow && <div style={{ marginBottom: 12 }}>{headerActions}</div>}
        <Alert type="info" showIcon title={t("review.round.secret")} />
        {r.me && !r.me.mayVote && (
          <Alert style={{ marginTop: 8 }} type="warning" title={t("review.round.noVote")} />
        )}
      </Card>
      <ErrorAlert error={summary.error ?? vote.error ?? close.error ?? decide.error} />
      {me && r.status === "open" && (
        <Card title={t("review.round.summary")}>
          <Form
            layout="vertical"
            initialValues={{ summary: me.summary, suggestedGrade: me.suggestedGrade ?? undefined }}
            onFinish={(v) => summary.mutate(v)}
          >
            <Form.Item name="summary" rules={[{ required: true }]}>
              <Input.TextArea autoSize={{ minRows: 3 }} aria-label={t("review.round.summary")} />
            </Form.Item>
            <Form.Item
              name="suggestedGrade"
              label={t("review.round.suggested")}
              rules={[{ required: true }]}
            >
              <Select options={grades} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Button htmlType="submit" loading={summary.isPending}>
              {t("review.round.saveSummary")}
            </Button>
          </Form>
        </Card>
      )}
      <Card title={t("review.round.members")}>
        <Table<Row>
          rowKey="memberId"
          dataSource={r.members}
          pagination={false}
          scroll={{ x: 720 }}
          expandable={{
            expandedRowRender: (m) => m.summary || "—",
            rowExpandable: (m) => Boolean(m.summary),
          }}
          columns={[
            {
              title: t("review.meeting.attendees"),
              dataIndex: "name",
              width: 90,
              fixed: "left" as const,
            },
            {
              title: t("review.round.suggested"),
              dataIndex: "suggestedGrade",
              render: (g: Grade | null) => (g ? t(`review.grade.${g}`) : "—"),
            },
            ...(r.can.vote
              ? [
                  {
                    title: t("review.round.vote"),
                    render: (_: unknown, m: Row) =>
                      m.memberId === r.me?.memberId ? null : m.votedByMe &&
                        !receiptFor(id, m.memberId) ? (
                        <Tag title={t("review.round.noReceipt")}>{t("review.round.voted")}</Tag>
                      ) : (
                        <Space>
                          {m.votedByMe && <Tag color="green">{t("review.round.voted")}</Tag>}
                          <Select<Grade>
                            size="small"
                            style={{ width: 120 }}
                            placeholder={
                              m.votedByMe ? t("review.round.changeVote") : t("review.round.vote")
                            }
                            options={grades}
                            onChange={(grade) => vote.mutate({ memberId: m.memberId, grade })}
                          />
                        </Space>
                      ),
                  },
                ]
              : []),
            ...(r.members.some((m) => m.tally)
              ? [
                  {
                    title: t("review.round.tally"),
                    width: narrow ? 110 : undefined,
                    // Each count kept whole: a phone wraps between grades, never inside one.
                    render: (_: unknown, m: Row) =>
                      m.tally && (
                        <Space size={[8, 0]} wrap>
                          {GRADES.map((g) => (
                            <span key={g} style={{ whiteSpace: "nowrap" }}>
                              {t(`review.grade.${g}`)} {m.tally?.[g] ?? 0}
                            </span>
                          ))}
                        </Space>
                      ),
                  },
                ]
              : []),
            {
              title: t("review.round.finalGrade"),
              render: (_: unknown, m: Row) =>
                r.can.manage && r.status === "closed" ? (
                  <Space direction="vertical">
                    <Select<Grade>
                      size="small"
                      style={{ width: 120 }}
                      value={m.finalGrade ?? undefined}
                      options={grades}
                      onChange={(grade) => decide.mutate({ memberId: m.memberId, grade })}
                    />
                    <Input
                      size="small"
                      placeholder={t("review.round.reason")}
                      defaultValue={m.finalReason ?? ""}
                      onChange={(e) => setReasons((s) => ({ ...s, [m.memberId]: e.target.value }))}
                    />
                  </Space>
                ) : m.finalGrade ? (
                  t(`review.grade.${m.finalGrade}`)
                ) : (
                  "—"
                ),
            },
          ]}
        />
        {r.followups.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            title={t("review.round.followup")}
            description={
              <>
                {r.followups
                  .map(
                    (f) =>
                      `${r.members.find((m) => m.memberId === f.memberId)?.name ?? ""}：${f.reason}`,
                  )
                  .join("；")}{" "}
                <Link to="/review/followups">{t("review.round.toFollowups")}</Link>
              </>
            }
          />
        )}
      </Card>
    </Space>
  );
}
